"""What every app's API router shares: the services' refusals as API answers, and bounded
pagination. (The API root, with its authentication, is `roundtable.api`, on top of the apps.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination


@contextmanager
def domain_errors() -> Iterator[None]:
    """400 with every reason (prefixed with its field when there is one), 403 with its reason.
    A 404 (Http404 from a selector or service) passes through unchanged."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            reasons = [
                m if field == "__all__" else f"{field}: {m}"
                for field, ms in exc.message_dict.items()
                for m in ms
            ]
        else:
            reasons = exc.messages
        raise HttpError(400, " ".join(reasons)) from None
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not change this.")) from None


# Bounded pagination: an offset past any real list is refused with a reason (422), never passed
# to the database, where a huge number overflows the driver (a 500). Far beyond any caseload or
# access log; a client asking for more is mistaken or probing.
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
