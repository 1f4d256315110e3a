"""A record's link to a service of the directory (issue 13 §3: a plan step can point at a
service), for the domain apps that hold such a link but do not import the directory's app
(roundtable.network): they name it by string, `ForeignKey("network.DirectoryService")`, and
reach the model through their own field.

The directory holds no personal data (a municipality's public list of services), so reading it
needs no gate and no audit event.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from django.db import models
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

# The field that points at the service, on every model that links one.
FIELD = "service"


def directory_service_model(model: type[models.Model]) -> type[models.Model]:
    """The directory's service model, as `model.service` points at it."""
    target = model._meta.get_field(FIELD).related_model
    # Resolved once the apps are loaded (never the string any more).
    assert isinstance(target, type) and issubclass(target, models.Model)
    return target


def directory_service_find(
    model: type[models.Model], service_id: uuid.UUID | str | None
) -> models.Model | None:
    """The service with this id, with its organisation (one query); None for no id, a
    malformed id or an unknown one."""
    if service_id is None or service_id == "":
        return None
    try:
        pk = service_id if isinstance(service_id, uuid.UUID) else uuid.UUID(str(service_id))
    except ValueError:
        return None
    target = directory_service_model(model)
    return target._default_manager.select_related("organization").filter(pk=pk).first()


def directory_service_problems(
    model: type[models.Model], service_id: uuid.UUID | str | None
) -> tuple[dict[str, list[str]], models.Model | None]:
    """For a service that checks the link: no service, or one in the directory. An unknown
    id is a problem of the form's `service` field (for `raise_problems(by_field=...)`)."""
    if service_id is None or service_id == "":
        return {}, None
    found = directory_service_find(model, service_id)
    if found is None:
        return {
            FIELD: [_("This service is not in the directory any more. Choose one from the list.")]
        }, None
    return {}, found


def directory_service_choice(
    request: HttpRequest, model: type[models.Model], current: uuid.UUID | None = None
) -> tuple[str, models.Model | None]:
    """The service a step's form shows as chosen, and the value of its hidden field: what was
    posted, else what the directory sent back (`?service=<id>`, or `?service=` to take the
    service away), else the step's own. An id that is not in the directory shows as none."""
    if request.method == "POST":
        value = request.POST.get(FIELD, "")
    elif FIELD in request.GET:
        value = request.GET.get(FIELD, "")
    else:
        value = str(current) if current else ""
    found = directory_service_find(model, value)
    if found is None and request.method != "POST":
        value = ""
    return value, found


def pick_url_allowed(request: HttpRequest, url: str) -> str:
    """The form a directory search chooses a service for: a path on this site, else ''."""
    parts = urlsplit(url)
    path = parts.path
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return ""
    return path


def directory_service_out(service: Any) -> dict[str, str] | None:
    """A step's service in the API and exports: its id (as `GET /api/v1/services` has it), its
    name and its organisation's; None for a step without one."""
    if service is None:
        return None
    return {"id": str(service.pk), "name": service.name, "organization": service.organization.name}
