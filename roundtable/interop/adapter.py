"""The one place the FHIR door imports fhir.resources (STYLE.md 14: one adapter per heavy
dependency, so it can be replaced).

Roundtable serves FHIR R4 (`/fhir/R4/`); the shapes are checked against fhir.resources' R4B
models, whose structures agree with R4 for every resource type served here. The mapping builds
plain JSON-ready dicts; this module validates them and reads Bundles back.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

FHIR_VERSION = "4.0.1"
MEDIA_TYPE = "application/fhir+json"


class InvalidResource(ValueError):
    """A resource that does not fit the FHIR structure: a mapping bug, never the caller's."""


def validated(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource checked against its R4B model and dumped back as JSON-ready data (elements
    without a value left out). Raises InvalidResource when it does not fit."""
    try:
        model = get_fhir_model_class(resource["resourceType"])
        parsed = model.model_validate(resource)
    except (KeyError, ValueError) as error:
        raise InvalidResource(str(error)) from error
    return parsed.model_dump(mode="json", exclude_none=True)


def is_known_type(name: str) -> bool:
    try:
        get_fhir_model_class(name)
    except (KeyError, ValueError):
        return False
    return True


def bundle_read(text: str | bytes) -> Bundle:
    """A Bundle read back from JSON, every entry parsed as its own resource type."""
    return Bundle.model_validate_json(text)
