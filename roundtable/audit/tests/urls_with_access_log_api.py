"""The project's URLs, with the audit router also mounted on a test API under /api/v1/.

Until roundtable/api/api.py mounts roundtable.audit.api.router, this is how the tests reach
GET /api/v1/me/access-log with the project's own authentication (bearer token or session).
"""

from django.urls import path
from ninja import NinjaAPI

from config.urls import urlpatterns as project_urlpatterns
from roundtable.api.auth import bearer, session
from roundtable.audit.api import router

api = NinjaAPI(
    urls_namespace="audit-access-log-test",
    auth=[bearer, session],
    docs_url=None,
    openapi_url=None,
)
api.add_router("/", router)

urlpatterns = [path("api/v1/", api.urls), *project_urlpatterns]
