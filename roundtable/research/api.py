"""Research exports in the API. Mounted at the API root: api.add_router("/", router)."""

from ninja import Router

router = Router(tags=["research"])
