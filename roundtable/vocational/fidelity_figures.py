"""Figures for the IPS-25 fidelity review that the job-development records can give (issue 12
§1–2): SV4 rapid job search, SV6 frequent employer contact, SV8 and SV9 diversity of job types
and employers, SV10 competitive jobs, SV12 time-unlimited follow-along, SV13 community-based
services.

Counts only, never a person: `ips_service_figures` is for a caller that has already decided
that the reader may see the team's review (roundtable.instruments). The arithmetic is pure
(the functions without the database below, tested with hypothesis); the queries are a fixed
number whatever the amount of data.

Each item is a dict ``{"figure": number or None, "n": int, "description": str}``:
``figure`` is None when there is nothing to compute it from (n = 0); shares are percentages
(0–100, one decimal); ``description`` says in plain words which records of which period it was
computed from.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roundtable.citizens.models import Course
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES, Membership, Team
from roundtable.vocational.models import (
    FACE_TO_FACE_MODES,
    ContactAboutPerson,
    ContactMode,
    FollowAlongContact,
    FollowAlongKind,
    JobDevelopmentContact,
    JobStart,
)

Figure = dict[str, object]


# --- Pure arithmetic ---------------------------------------------------------------------


def _round(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def median_days_to_first_contact(
    referrals: Mapping[uuid.UUID, dt.date], first_contacts: Mapping[uuid.UUID, dt.date]
) -> tuple[float | None, int]:
    """Median days from referral to the first face-to-face employer contact, over the referred
    people who have one (a contact logged before the referral counts as day 0)."""
    days = [
        max(0, (first_contacts[course] - referred).days)
        for course, referred in referrals.items()
        if course in first_contacts
    ]
    if not days:
        return None, 0
    return float(statistics.median(days)), len(days)


def per_specialist_per_week(contacts: int, specialists: int, days: int) -> float | None:
    """Contacts per specialist per week over a period of `days` days (two decimals)."""
    if specialists <= 0 or days <= 0:
        return None
    return _round(contacts / specialists / (days / 7), 2)


def distinct_count(values: Iterable[str]) -> int:
    """How many different values, ignoring case and surrounding spaces."""
    return len({v.strip().casefold() for v in values if v and v.strip()})


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` as a percentage with one decimal; None for an empty whole."""
    if whole <= 0:
        return None
    return _round(100 * part / whole, 1)


def followed_along(
    starts: Iterable[tuple[uuid.UUID, dt.date]], follow_alongs: Iterable[tuple[uuid.UUID, dt.date]]
) -> tuple[int, int]:
    """(people with a follow-along contact on or after one of their job starts, people with a
    job start). No time limit: any later contact counts."""
    first_start: dict[uuid.UUID, dt.date] = {}
    for course, day in starts:
        if course not in first_start or day < first_start[course]:
            first_start[course] = day
    followed = {
        course
        for course, day in follow_alongs
        if course in first_start and day >= first_start[course]
    }
    return len(followed), len(first_start)


# --- Queries -------------------------------------------------------------------------------


def _figure(figure: float | int | None, n: int, description: str) -> Figure:
    return {"figure": figure, "n": n, "description": description}


def ips_service_figures(*, team: Team, start: dt.date, end: dt.date) -> dict[str, Figure]:
    """The figures of items SV4, SV6, SV8, SV9, SV10, SV12 and SV13 for `team` over the days
    from `start` to `end` (both included). Seven queries, whatever the amount of data."""
    if end < start:
        start, end = end, start
    days = (end - start).days + 1
    period = _("%(start)s to %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(end, "DATE_FORMAT"),
    }
    in_period = Q(contacted_on__gte=start, contacted_on__lte=end)

    # SV4: people referred in the period and their first face-to-face employer contact.
    referrals = dict(
        Course.objects.filter(
            team=team, referral_date__gte=start, referral_date__lte=end
        ).values_list("pk", "referral_date")
    )
    first_contacts = dict(
        ContactAboutPerson.objects.filter(
            course__team=team,
            course__referral_date__gte=start,
            course__referral_date__lte=end,
            contact__mode__in=sorted(FACE_TO_FACE_MODES),
            contact__contacted_on__lte=end,
        )
        .values("course")
        .annotate(first=Min("contact__contacted_on"))
        .values_list("course", "first")
    )
    sv4, sv4_n = median_days_to_first_contact(referrals, first_contacts)

    # SV6 and SV13: the team's employer contacts in the period, by how they took place.
    by_mode = dict(
        JobDevelopmentContact.objects.filter(in_period, team=team)
        .values("mode")
        .annotate(n=Count("pk"))
        .values_list("mode", "n")
    )
    specialists = (
        Membership.objects.filter(team=team, professional__role__in=sorted(EMPLOYMENT_COURSE_ROLES))
        .values("professional")
        .distinct()
        .count()
    )
    face_to_face = sum(by_mode.get(m, 0) for m in FACE_TO_FACE_MODES)

    # SV8, SV9, SV10: the job starts of the team's people in the period.
    starts = list(
        JobStart.objects.filter(
            course__team=team, starts_on__gte=start, starts_on__lte=end
        ).values_list("course_id", "starts_on", "job_type", "employer_id", "competitive")
    )
    competitive = sum(1 for row in starts if row[4])

    # SV12: follow-along contacts after those starts, up to the end of the period.
    follow_rows: list[tuple[uuid.UUID, dt.date]] = []
    if starts:
        follow_rows = list(
            FollowAlongContact.objects.filter(
                job_start__course__team=team,
                job_start__starts_on__gte=start,
                job_start__starts_on__lte=end,
                contacted_on__lte=end,
            ).values_list("job_start__course_id", "contacted_on")
        )
    followed, people = followed_along(((row[0], row[1]) for row in starts), follow_rows)

    # SV13: follow-along contacts in the period, by kind.
    by_kind = dict(
        FollowAlongContact.objects.filter(in_period, job_start__course__team=team)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    all_contacts = sum(by_mode.values()) + sum(by_kind.values())
    in_community = by_mode.get(ContactMode.COMMUNITY, 0) + by_kind.get(FollowAlongKind.COMMUNITY, 0)

    return {
        "SV4": _figure(
            sv4,
            sv4_n,
            _(
                "Median days from referral to the first face-to-face employer contact about "
                "the person. From the people referred %(period)s who have such a contact in "
                "the employer contact log."
            )
            % {"period": period},
        ),
        "SV6": _figure(
            per_specialist_per_week(face_to_face, specialists, days),
            face_to_face,
            _(
                "Face-to-face employer contacts per employment specialist per week. From the "
                "employer contact log %(period)s, divided by the %(specialists)d employment "
                "specialists of the team and %(weeks)s weeks."
            )
            % {
                "period": period,
                "specialists": specialists,
                "weeks": _round(days / 7, 1),
            },
        ),
        "SV8": _figure(
            distinct_count(row[2] for row in starts) if starts else None,
            len(starts),
            _("Different job types among the job starts %(period)s.") % {"period": period},
        ),
        "SV9": _figure(
            len({row[3] for row in starts}) if starts else None,
            len(starts),
            _("Different employers among the job starts %(period)s.") % {"period": period},
        ),
        "SV10": _figure(
            percent(competitive, len(starts)),
            len(starts),
            _("Percentage of the job starts %(period)s that are competitive jobs.")
            % {"period": period},
        ),
        "SV12": _figure(
            percent(followed, people),
            people,
            _(
                "Percentage of the people with a job start %(period)s who had follow-along "
                "support after it, at any time up to the end of the period."
            )
            % {"period": period},
        ),
        "SV13": _figure(
            percent(in_community, all_contacts),
            all_contacts,
            _(
                "Percentage of the employer contacts and follow-along contacts %(period)s that "
                "were face to face out in the community or at the workplace, not at the office."
            )
            % {"period": period},
        ),
    }
