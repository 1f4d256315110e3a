"""Test helpers: consent directives in a given state, written straight to the database.

Tests that exercise the rules through the services use the services; these helpers exist for
states the services rightly refuse to create today (a directive whose period already ended).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from roundtable.citizens.models import Citizen
from roundtable.consent.models import (
    ConsentChange,
    ConsentDirective,
    ConsentProvision,
    ConsentStatus,
    GivenVia,
    RecipientKind,
)

# (type, recipient kind, recipient value, data classes)
Rule = tuple[str, str, object, Sequence[str]]


def directive_create(
    citizen: Citizen,
    rules: Sequence[Rule],
    *,
    status: str = ConsentStatus.ACTIVE,
    start: dt.date | None = None,
    end: dt.date | None = None,
    change: str | None = None,
) -> ConsentDirective:
    """The citizen's next version with these rules, recorded by the citizen in the portal."""
    previous = ConsentDirective.objects.filter(citizen=citizen).order_by("-version").first()
    directive = ConsentDirective(
        citizen=citizen,
        version=(previous.version if previous else 0) + 1,
        previous=previous,
        status=status,
        change=change or (ConsentChange.CHANGED if previous else ConsentChange.CREATED),
        period_start=start or timezone.localdate() - dt.timedelta(days=30),
        period_end=end,
        given_via=GivenVia.PORTAL,
        recorded_by=citizen.user or _someone(),
        recorded_at=timezone.now(),
    )
    directive.save()
    for order, (kind, recipient_kind, recipient, classes) in enumerate(rules):
        ConsentProvision(
            directive=directive,
            type=kind,
            recipient_kind=recipient_kind,
            recipient_organisation_id=getattr(recipient, "pk", None)
            if recipient_kind == RecipientKind.ORGANISATION
            else None,
            recipient_sector=str(recipient) if recipient_kind == RecipientKind.SECTOR else "",
            recipient_role=str(recipient) if recipient_kind == RecipientKind.ROLE else "",
            data_classes=sorted(classes),
            order=order,
        ).save()
    return directive


def _someone():
    from roundtable.accounts.models import User

    return User.objects.order_by("date_joined").first()
