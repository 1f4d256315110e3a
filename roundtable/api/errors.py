"""The services' refusals as API answers, the same for every router."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.errors import HttpError


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
