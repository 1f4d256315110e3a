"""IPS job development in the demo (issue 12 §2), for the Swedish IPS team, written through the
services as the employment specialists would: a register of six employers, four months of
employer contacts (most face to face out at the workplaces, some about a person), two job
starts with follow-along support, a benefits counselling session, and a disclosure ledger in
which the one thing told about health rests on the citizen's consent to tell employers that.
Every name and text is synthetic, in Swedish like the team.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.consent.models import ProvisionType, RecipientKind
from roundtable.consent.services import ProvisionSpec, consent_directive_record
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Sector, Team
from roundtable.vocational import services as vocational
from roundtable.vocational.models import (
    ContactMode,
    ContactPurpose,
    DisclosureCategory,
    FollowAlongKind,
    ToldBy,
)

from .consent import SHARES_CAPACITY
from .setting import SWEDISH_TEAM

EMPLOYERS = (
    ("Coop Solna centrum", "Dagligvaruhandel", "Lena Berg", "08-555 101 10"),
    ("Råsunda Café & Bageri", "Café och restaurang", "Ahmed Karimi", "08-555 102 20"),
    ("Solna stad, parkförvaltningen", "Offentlig sektor", "Maria Lind", "08-555 103 30"),
    ("Hagalunds Bilverkstad", "Fordon och verkstad", "Johan Ek", "08-555 104 40"),
    ("Ulvsunda Lager & Logistik AB", "Lager och logistik", "Sara Nyström", "08-555 105 50"),
    ("Hotell Frösunda", "Hotell", "Eva Holm", "08-555 106 60"),
)
NOTES = (
    "Presenterade IPS och frågade efter behov av personal.",
    "Besök på arbetsplatsen, träffade chefen.",
    "Uppföljning av tidigare kontakt.",
    "Diskuterade en möjlig tjänst på deltid.",
)
MODES = ((ContactMode.COMMUNITY, 7), (ContactMode.PHONE, 2), (ContactMode.WRITTEN, 1))
CONTACT_DAYS = 120
# The health disclosure needs the citizen's consent to tell employers what they can and cannot
# do at work; the demo citizen who can sign in gives it in the portal.
TELLS_EMPLOYERS = [
    *SHARES_CAPACITY,
    ProvisionSpec(
        type=ProvisionType.PERMIT,
        recipient_kind=RecipientKind.SECTOR,
        recipient=Sector.EMPLOYER,
        data_classes=(DataClass.FUNCTIONAL_CAPACITY,),
    ),
]


def _actor(professional) -> Actor:
    actor = actor_for_user(professional.user)
    assert actor is not None
    return actor


def demo_jobdev_load(*, today: dt.date) -> None:
    """The Swedish IPS team's job development (after demo_consent_load)."""
    team = Team.objects.filter(name=SWEDISH_TEAM).first()
    if team is None:
        return
    # The services refuse future dates; the demo's `today` is normally the real date.
    today = min(today, timezone.localdate())
    rng = random.Random(12)
    courses = list(
        Course.objects.filter(
            team=team, status__in=OPEN_STATUSES, employment_consultant__isnull=False
        )
        .select_related("citizen__user", "employment_consultant__user")
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )
    if not courses:
        return
    specialists = {
        c.employment_consultant.pk: c.employment_consultant
        for c in courses
        if c.employment_consultant is not None
    }
    keeper = _actor(next(iter(specialists.values())))
    employers = [
        vocational.employer_create(
            actor=keeper,
            team_id=team.pk,
            name=name,
            industry=industry,
            contact_name=contact,
            phone=phone,
            notes="",
        )
        for name, industry, contact, phone in EMPLOYERS
    ]

    # Employer contacts: about two a week per specialist, most out at the workplace.
    for specialist in specialists.values():
        actor = _actor(specialist)
        own = [c for c in courses if c.employment_consultant_id == specialist.pk]
        for week in range(CONTACT_DAYS // 7):
            for _n in range(rng.choice((1, 2, 2, 3))):
                day = today - dt.timedelta(days=CONTACT_DAYS - 7 * week - rng.randint(0, 6))
                if day > today:
                    continue
                person = rng.choice(own) if own and rng.random() < 0.4 else None
                if person is not None and person.referral_date > day:
                    person = None
                vocational.job_development_contact_record(
                    actor=actor,
                    team_id=team.pk,
                    employer_id=rng.choice(employers).pk,
                    contacted_on=day,
                    mode=rng.choices([m for m, _w in MODES], [w for _m, w in MODES])[0],
                    purpose=(
                        ContactPurpose.PLACEMENT if person else ContactPurpose.JOB_DEVELOPMENT
                    ),
                    citizen_id=person.citizen_id if person else None,
                    note=rng.choice(NOTES),
                )

    # Two job starts: the citizen who can sign in at the café, another at the warehouse.
    signed_in = next((c for c in courses if c.citizen.user_id), courses[0])
    other = next((c for c in courses if c.pk != signed_in.pk), None)
    starts = [(signed_in, employers[1], "Köksbiträde", Decimal("20"), 45)]
    if other is not None:
        starts.append((other, employers[4], "Lagerarbetare", Decimal("30"), 75))
    for course, employer, job_type, hours, days_ago in starts:
        assert course.employment_consultant is not None
        actor = _actor(course.employment_consultant)
        first_day = max(today - dt.timedelta(days=days_ago), course.referral_date)
        start = vocational.job_start_record(
            actor=actor,
            citizen_id=course.citizen_id,
            employer_id=employer.pk,
            job_type=job_type,
            competitive=True,
            hours_per_week=hours,
            starts_on=first_day,
        )
        for offset, kind, note in (
            (3, FollowAlongKind.COMMUNITY, "Fika efter första veckan. Det går bra."),
            (14, FollowAlongKind.EMPLOYER, "Kort samtal med chefen om schemat."),
            (30, FollowAlongKind.PHONE, "Stämde av hur det går. Vill fortsätta."),
        ):
            day = first_day + dt.timedelta(days=offset)
            if day <= today:
                vocational.follow_along_record(
                    actor=actor,
                    citizen_id=course.citizen_id,
                    job_start_id=start.pk,
                    contacted_on=day,
                    kind=kind,
                    note=note,
                )
        if course.pk != signed_in.pk:
            vocational.disclosure_record(
                actor=actor,
                citizen_id=course.citizen_id,
                employer_id=employer.pk,
                told_on=first_day
                - dt.timedelta(days=min(7, (first_day - course.referral_date).days)),
                category=DisclosureCategory.NOTHING_ABOUT_HEALTH,
                told_by=ToldBy.SPECIALIST,
                note="Berättade bara att jag arbetar med att hitta jobb åt personer.",
            )

    # The citizen who can sign in lets the team tell employers what they can and cannot do at
    # work; the ledger then records that it was told, under that consent.
    assert signed_in.employment_consultant is not None
    ec = _actor(signed_in.employment_consultant)
    vocational.benefits_counselling_record(
        actor=ec,
        citizen_id=signed_in.citizen_id,
        held_on=today - dt.timedelta(days=50),
        counsellor="Försäkringskassans handläggare och arbetsspecialisten",
        topic="Hur lön på 20 timmar i veckan påverkar sjukersättningen.",
    )
    if signed_in.citizen.user_id:
        # The consent service counts from the real date (like demo/consent.py), so a demo set on
        # an earlier day still records a consent in force, and the telling within it.
        anchor = max(today, timezone.localdate())
        consent_directive_record(
            actor=actor_for_user(signed_in.citizen.user),
            citizen_id=signed_in.citizen_id,
            provisions=TELLS_EMPLOYERS,
            period_start=anchor - dt.timedelta(days=21),
            period_end=anchor + dt.timedelta(days=344),
        )
        vocational.disclosure_record(
            actor=ec,
            citizen_id=signed_in.citizen_id,
            employer_id=employers[1].pk,
            told_on=anchor - dt.timedelta(days=7),
            category=DisclosureCategory.FUNCTIONAL_LIMITS,
            told_by=ToldBy.TOGETHER,
            note="Behöver korta pauser och samma arbetstider varje vecka.",
        )
