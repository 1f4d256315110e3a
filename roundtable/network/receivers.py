"""The network's part of steps the citizens app takes (roundtable.citizens.signals)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from roundtable.network.services import coordinator_hand_over


def name_coordinator_at_referral(
    sender: Any, *, actor: Any, course: Any, coordinator: Any, **kwargs: Any
) -> str | None:
    """Name the coordinator chosen on the referral form, from the referral date."""
    if coordinator is None:
        return None
    try:
        coordinator_hand_over(
            actor=actor,
            citizen_id=course.citizen_id,
            professional_id=coordinator.pk,
            starts_on=course.referral_date,
        )
    except (ValidationError, PermissionDenied, Http404) as exc:
        reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return " ".join(r for r in reasons if r) or None
    return None
