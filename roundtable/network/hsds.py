"""The service directory as Open Referral HSDS JSON (3.0 shapes, the four core tables).

A document is one JSON object with the lists `organizations`, `services`, `locations` and
`service_at_locations`, each row with its HSDS `id` (a UUID) and its HSDS fields: organization
`name`, `description`, `email`, `website`, `phones`; service `organization_id`, `name`,
`description`, `email`, `url`, `eligibility_description`, `languages` (a list of codes or
names), `phones` and the need as an `attributes` entry of the taxonomy `roundtable-need`;
location `organization_id`, `name`, `addresses` (`address_1`, `city`, `country`);
service_at_location `service_id`, `location_id` and `schedules` (`description`: the opening
hours in words). The organization's municipality is the HSDS extension `x_municipality`.

`load` is all or nothing: every problem in the document is collected first, and nothing is
written while there is one. Text holding a control character (other than tab and line breaks) is
refused, as the input middleware refuses it in a form (core/input_limits.py): an uploaded file
passes beside that check. The tabular form (CSV files in a ZIP file) is `hsds_csv.py`, which
hands `load` the same document.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roundtable.core.input_limits import has_control_characters
from roundtable.network.models import (
    DirectoryLocation,
    DirectoryOrganization,
    DirectoryService,
    Need,
    ServiceAtLocation,
)
from roundtable.organisations.models import Jurisdiction

NEED_TAXONOMY = "roundtable-need"
TABLES = ("organizations", "services", "locations", "service_at_locations")


def _phones(number: str) -> list[dict[str, str]]:
    return [{"number": number}] if number else []


def dump() -> dict[str, Any]:
    organizations = list(DirectoryOrganization.objects.order_by("municipality", "name"))
    services = list(DirectoryService.objects.order_by("organization_id", "name"))
    locations = list(DirectoryLocation.objects.order_by("organization_id", "name"))
    at_locations = list(ServiceAtLocation.objects.order_by("service_id", "location_id"))
    return {
        "organizations": [
            {
                "id": str(o.pk),
                "name": o.name,
                "description": o.description,
                "email": o.email,
                "website": o.url,
                "phones": _phones(o.phone),
                "x_municipality": o.municipality,
                "x_country": o.jurisdiction.upper(),
            }
            for o in organizations
        ],
        "services": [
            {
                "id": str(s.pk),
                "organization_id": str(s.organization_id),
                "name": s.name,
                "description": s.description,
                "email": s.email,
                "url": s.url,
                "eligibility_description": s.eligibility,
                "languages": [x.strip() for x in s.languages.split(",") if x.strip()],
                "phones": _phones(s.phone),
                "attributes": [{"taxonomy_term": {"taxonomy": NEED_TAXONOMY, "code": s.need}}],
            }
            for s in services
        ],
        "locations": [
            {
                "id": str(x.pk),
                "organization_id": str(x.organization_id),
                "name": x.name,
                "addresses": [
                    {"address_1": x.address, "city": x.municipality, "address_type": "physical"}
                ],
            }
            for x in locations
        ],
        "service_at_locations": [
            {
                "id": str(a.pk),
                "service_id": str(a.service_id),
                "location_id": str(a.location_id),
                "schedules": [{"description": a.opening_hours}] if a.opening_hours else [],
            }
            for a in at_locations
        ],
    }


class _Reader:
    """Reads one document's rows, collecting every problem with where it is."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(f"{where}: {text}")

    def rows(self, data: dict, table: str) -> list[dict]:
        rows = data.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            self.problem(table, _("must be a list of objects"))
            return []
        return rows

    def uid(self, row: dict, key: str, where: str) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(row.get(key)))
        except ValueError:
            self.problem(where, _("%(key)s is not a UUID") % {"key": key})
            return None

    def text(self, row: dict, key: str, where: str, *, limit: int, required: bool = False) -> str:
        value = row.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(where, _("%(key)s must be text") % {"key": key})
            return ""
        value = value.strip()
        if has_control_characters(value):
            self.problem(where, _("%(key)s holds a control character") % {"key": key})
        if required and not value:
            self.problem(where, _("%(key)s is missing") % {"key": key})
        if len(value) > limit:
            self.problem(where, _("%(key)s is too long") % {"key": key})
        return value

    def first(self, row: dict, key: str, field: str, where: str, limit: int) -> str:
        items = row.get(key) or []
        if not isinstance(items, list) or (items and not isinstance(items[0], dict)):
            self.problem(where, _("%(key)s must be a list of objects") % {"key": key})
            return ""
        return self.text(items[0], field, where, limit=limit) if items else ""


def _need(reader: _Reader, row: dict, where: str) -> str:
    for attribute in row.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and term.get("taxonomy") == NEED_TAXONOMY:
            code = term.get("code")
            if code in Need.values:
                return str(code)
            reader.problem(where, _("the need %(code)s is unknown") % {"code": code})
            return ""
    reader.problem(where, _("the service has no need (taxonomy %(t)s)") % {"t": NEED_TAXONOMY})
    return ""


def _index_place(table: str, index: int) -> str:
    return f"{table}[{index}]"


def load(
    data: Any,
    *,
    place: Callable[[str, int], str] = _index_place,
    problems: Iterable[str] = (),
) -> dict[str, int]:
    """Write a document into the directory (updating rows by id); the caller is atomic.

    `place` names a row in the problems (a JSON path by default; the tabular form names the file
    and line); `problems` found before (in the tabular form's files) are listed with the
    document's own, and nothing is written while there is one."""
    reader = _Reader()
    reader.problems.extend(list(problems)[:50])
    values: dict[str, Any]
    if not isinstance(data, dict):
        raise ValidationError(_("The file must hold one JSON object with HSDS lists."))
    organizations: dict[uuid.UUID, dict[str, Any]] = {}
    for i, row in enumerate(reader.rows(data, "organizations")):
        where = place("organizations", i)
        pk = reader.uid(row, "id", where)
        country = reader.text(row, "x_country", where, limit=2).lower() or Jurisdiction.DK
        if country not in Jurisdiction.values:
            reader.problem(where, _("x_country must be DK, SE or NO"))
        values = {
            "name": reader.text(row, "name", where, limit=200, required=True),
            "description": reader.text(row, "description", where, limit=4000),
            "email": reader.text(row, "email", where, limit=254),
            "url": reader.text(row, "website", where, limit=200),
            "phone": reader.first(row, "phones", "number", where, 40),
            "municipality": reader.text(row, "x_municipality", where, limit=100, required=True),
            "jurisdiction": country,
        }
        if pk is not None:
            organizations[pk] = values
    known_orgs = set(organizations) | set(
        DirectoryOrganization.objects.filter(
            pk__in=[
                r.get("organization_id")
                for t in ("services", "locations")
                for r in reader.rows(data, t)
                if _is_uuid(r.get("organization_id"))
            ]
        ).values_list("pk", flat=True)
    )
    services: dict[uuid.UUID, dict[str, Any]] = {}
    for i, row in enumerate(reader.rows(data, "services")):
        where = place("services", i)
        pk = reader.uid(row, "id", where)
        org = reader.uid(row, "organization_id", where)
        if org is not None and org not in known_orgs:
            reader.problem(where, _("organization_id names no organization"))
        languages = row.get("languages") or []
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            reader.problem(where, _("languages must be a list of text"))
            languages = []
        if any(has_control_characters(x) for x in languages):
            reader.problem(where, _("%(key)s holds a control character") % {"key": "languages"})
        values = {
            "organization_id": org,
            "name": reader.text(row, "name", where, limit=200, required=True),
            "description": reader.text(row, "description", where, limit=4000),
            "email": reader.text(row, "email", where, limit=254),
            "url": reader.text(row, "url", where, limit=200),
            "eligibility": reader.text(row, "eligibility_description", where, limit=4000),
            "languages": ", ".join(languages)[:200],
            "phone": reader.first(row, "phones", "number", where, 40),
            "need": _need(reader, row, where),
        }
        if pk is not None:
            services[pk] = values
    locations: dict[uuid.UUID, dict[str, Any]] = {}
    for i, row in enumerate(reader.rows(data, "locations")):
        where = place("locations", i)
        pk = reader.uid(row, "id", where)
        org = reader.uid(row, "organization_id", where)
        if org is not None and org not in known_orgs:
            reader.problem(where, _("organization_id names no organization"))
        values = {
            "organization_id": org,
            "name": reader.text(row, "name", where, limit=200, required=True),
            "address": reader.first(row, "addresses", "address_1", where, 300),
            "municipality": reader.first(row, "addresses", "city", where, 100),
        }
        if pk is not None:
            locations[pk] = values
    at_locations: dict[uuid.UUID, dict[str, Any]] = {}
    for i, row in enumerate(reader.rows(data, "service_at_locations")):
        where = place("service_at_locations", i)
        pk = reader.uid(row, "id", where)
        values = {
            "service_id": reader.uid(row, "service_id", where),
            "location_id": reader.uid(row, "location_id", where),
            "opening_hours": reader.first(row, "schedules", "description", where, 300),
        }
        if (
            values["service_id"] not in services
            and not DirectoryService.objects.filter(pk=values["service_id"]).exists()
        ):
            reader.problem(where, _("service_id names no service"))
        if (
            values["location_id"] not in locations
            and not DirectoryLocation.objects.filter(pk=values["location_id"]).exists()
        ):
            reader.problem(where, _("location_id names no location"))
        if pk is not None:
            at_locations[pk] = values
    if reader.problems:
        raise ValidationError(reader.problems)
    for pk, values in organizations.items():
        DirectoryOrganization.objects.update_or_create(pk=pk, defaults=values)
    for pk, values in services.items():
        DirectoryService.objects.update_or_create(pk=pk, defaults=values)
    for pk, values in locations.items():
        DirectoryLocation.objects.update_or_create(pk=pk, defaults=values)
    for pk, values in at_locations.items():
        ServiceAtLocation.objects.update_or_create(pk=pk, defaults=values)
    return {
        "organizations": len(organizations),
        "services": len(services),
        "locations": len(locations),
        "service_at_locations": len(at_locations),
    }


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
