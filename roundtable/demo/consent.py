"""Demo consent: citizens in different consent states, written through the consent services so
that versions, audit events and access logs are real.

Citizens who can sign in (ordered as the journal demo orders them):
- the first shares a health summary and what they can do at work with the jobcentre;
- the second shares that and what they talk about in therapy;
- the third says no to everything crossing sectors (health and work stay apart);
- the fourth shared, then took it all back (a withdrawn version on top);
- the fifth has never chosen: only the defaults of the law apply.
The Swedish and the Norwegian citizen who can sign in share a health summary and what they can
do at work with the employment side, like the first.
Of the citizens without a login, several gave consent on paper to their care manager (health
summary and work capacity to the jobcentre) and one orally, with a witness.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.consent.models import GivenVia, ProvisionType, RecipientKind
from roundtable.consent.services import (
    ProvisionSpec,
    consent_directive_record,
    consent_directive_revoke,
)
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Sector


def _to(sector: str, kind: str, *classes: str) -> ProvisionSpec:
    return ProvisionSpec(
        type=kind, recipient_kind=RecipientKind.SECTOR, recipient=sector, data_classes=classes
    )


HEALTH_TO_JOBCENTRE = (DataClass.HEALTH_SUMMARY, DataClass.FUNCTIONAL_CAPACITY)
KEEP_FROM_JOBCENTRE = (DataClass.THERAPY_DETAIL, DataClass.DIAGNOSIS, DataClass.FAMILY)
SHARES_CAPACITY = [
    _to(Sector.EMPLOYMENT, ProvisionType.PERMIT, *HEALTH_TO_JOBCENTRE),
    _to(Sector.EMPLOYMENT, ProvisionType.DENY, *KEEP_FROM_JOBCENTRE),
]
SHARES_THERAPY_TOO = [
    _to(Sector.EMPLOYMENT, ProvisionType.PERMIT, *HEALTH_TO_JOBCENTRE, DataClass.THERAPY_DETAIL),
    _to(Sector.EMPLOYMENT, ProvisionType.DENY, DataClass.DIAGNOSIS, DataClass.FAMILY),
    _to(Sector.HEALTH, ProvisionType.PERMIT, DataClass.VOCATIONAL),
]
SHARES_NOTHING = [
    _to(
        Sector.EMPLOYMENT,
        ProvisionType.DENY,
        *HEALTH_TO_JOBCENTRE,
        *KEEP_FROM_JOBCENTRE,
    ),
    _to(Sector.HEALTH, ProvisionType.DENY, DataClass.VOCATIONAL, DataClass.BENEFIT_DECISION),
]


def demo_consent_load(*, today: dt.date) -> None:
    """Consent directives for the demo citizens (after demo_load)."""
    # The services accept a start up to a year back from the real date; the demo's `today` is
    # normally the real date, and the start stays inside that window either way.
    start = max(today, timezone.localdate()) - dt.timedelta(days=21)
    courses = list(
        Course.objects.filter(
            status__in=OPEN_STATUSES,
            care_manager__isnull=False,
            employment_consultant__isnull=False,
        )
        .select_related("citizen", "care_manager__user", "employment_consultant__user")
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )
    with_login = [c for c in courses if c.citizen.user_id and c.jurisdiction == "dk"]
    nordic_login = [c for c in courses if c.citizen.user_id and c.jurisdiction != "dk"]
    without_login = [c for c in courses if not c.citizen.user_id]

    def portal(course: Course, provisions: list[ProvisionSpec]):
        return consent_directive_record(
            actor=actor_for_user(course.citizen.user),
            citizen_id=course.citizen_id,
            provisions=provisions,
            period_start=start,
            period_end=start + dt.timedelta(days=365),
        )

    plans = [SHARES_CAPACITY, SHARES_THERAPY_TOO, SHARES_NOTHING, SHARES_CAPACITY]
    for course, provisions in zip(with_login, plans, strict=False):
        portal(course, provisions)
    for course in nordic_login:
        portal(course, SHARES_CAPACITY)
    if len(with_login) > 3:
        withdrawn = with_login[3]
        current = portal(withdrawn, SHARES_CAPACITY)  # changed once, then withdrawn
        consent_directive_revoke(
            actor=actor_for_user(withdrawn.citizen.user),
            citizen_id=withdrawn.citizen_id,
            consent_id=current.pk,
        )

    for index, course in enumerate(without_login[:8]):
        assert course.care_manager is not None and course.employment_consultant is not None
        oral = index == 0
        recorder = course.employment_consultant if oral else course.care_manager
        witness = course.care_manager.name if oral else ""
        consent_directive_record(
            actor=actor_for_user(recorder.user),
            citizen_id=course.citizen_id,
            provisions=(
                [_to(Sector.EMPLOYMENT, ProvisionType.PERMIT, DataClass.FUNCTIONAL_CAPACITY)]
                if oral
                else SHARES_CAPACITY
            ),
            period_start=start,
            period_end=start + dt.timedelta(days=180),
            given_via=GivenVia.ORAL if oral else GivenVia.PAPER,
            witness_name=witness,
        )
