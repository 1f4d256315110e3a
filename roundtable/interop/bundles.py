"""Bundles of resources, and the references inside them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from django.utils import timezone


def bundle(resources: list[dict[str, Any]], *, base: str, kind: str) -> dict[str, Any]:
    """A `searchset` (answers of the door) or `collection` (the export) of the resources, each
    with its full URL under `base` (ending in "/")."""
    entries = []
    for resource in resources:
        entry: dict[str, Any] = {
            "fullUrl": f"{base}{resource['resourceType']}/{resource['id']}",
            "resource": resource,
        }
        if kind == "searchset":
            entry["search"] = {"mode": "match"}
        entries.append(entry)
    result: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": timezone.now().isoformat()},
        "type": kind,
        "timestamp": timezone.now().isoformat(),
    }
    if kind == "searchset":
        result["total"] = len(entries)
    result["entry"] = entries
    return result


def references(value: Any) -> Iterator[str]:
    """Every `reference` string inside a resource, contained ones included."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def unresolved(data: dict[str, Any]) -> list[str]:
    """The references of a Bundle's resources that name no entry of it (nor a contained
    resource of their own)."""
    present = {
        f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in data.get("entry", ())
    }
    missing = []
    for entry in data.get("entry", ()):
        resource = entry["resource"]
        contained = {f"#{c['id']}" for c in resource.get("contained", ())}
        for reference in references(resource):
            if reference not in present and reference not in contained:
                missing.append(f"{resource['resourceType']}/{resource['id']} -> {reference}")
    return missing
