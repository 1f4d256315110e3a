"""IPS fidelity reviews in the demo: the Swedish IPS team's story (DOMAIN §5) — a baseline review
about a year ago scored fair (88), the 12-month review scored good (104) once the clinicians and
the employment specialists worked as one team. Two reviewers each rate every item alone, then
agree; written through the services, in Swedish, as the team would write them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from roundtable.accounts.actor import actor_for_user
from roundtable.instruments import ips25_items
from roundtable.instruments.models import ReviewKind
from roundtable.instruments.services import (
    fidelity_consensus_record,
    fidelity_ratings_save,
    fidelity_review_create,
)
from roundtable.organisations.models import Membership, Role, Team

from .setting import SWEDISH_TEAM

# Consensus ratings in the items' order (S1..S3, O1..O8, SV1..SV14).
BASELINE = (4, 3, 3, 3, 3, 3, 4, 3, 5, 4, 3, 3, 4, 4, 3, 4, 2, 3, 4, 4, 5, 4, 4, 3, 3)
TWELVE_MONTHS = (5, 4, 4, 5, 4, 3, 5, 4, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 4, 5, 3, 4)
assert sum(BASELINE) == 88 and sum(TWELVE_MONTHS) == 104

# Where the second reviewer first saw it differently: item -> (their rating, the agreed reason).
BASELINE_DIFFERENCES = {
    "O1": (2, "Arbetsspecialisterna sitter i teamet men deltar inte i behandlingsplaneringen."),
    "O2": (4, "Gemensamma möten finns, men bara varannan vecka och utan journalanteckningar."),
    "SV6": (3, "Loggen visar färre än två arbetsgivarkontakter i veckan per specialist."),
    "SV13": (4, "De flesta möten sker på mottagningen, inte ute hos arbetsgivare."),
}
TWELVE_MONTH_DIFFERENCES = {
    "S2": (5, "En specialist har fortfarande administrativa uppgifter utanför IPS."),
    "O2": (5, "Rundabordsmöten varje vecka, men journalen delas ännu inte fullt ut."),
    "SV6": (3, "Kontakterna har ökat men når inte sex i veckan per specialist."),
}
EVIDENCE = {
    "S1": "Ärendelistan i Roundtable för perioden.",
    "O1": "Teamets sammansättning och ärendenas vårdsamordnare och arbetsspecialister.",
    "O2": "Hållna rundabordsmöten och publicerade gemensamma planer.",
    "O6": "Remisser utan sjukskrivning tas emot; inga avslag på grund av diagnos.",
    "SV6": "Intervju med arbetsspecialisterna och deras kalendrar.",
}


@dataclass(frozen=True)
class DemoReview:
    days_ago: int
    kind: str
    ratings: tuple[int, ...]
    differences: dict[str, tuple[int, str]]
    strengths: str
    recommendations: str


REVIEWS = (
    DemoReview(
        days_ago=365,
        kind=ReviewKind.BASELINE,
        ratings=BASELINE,
        differences=BASELINE_DIFFERENCES,
        strengths=(
            "Arbetsspecialisterna har små ärendelistor och tar emot alla som vill arbeta, "
            "oavsett sjukskrivning. Deltagarna får snabbt hjälp med att söka arbete."
        ),
        recommendations=(
            "Låt arbetsspecialisterna delta i behandlingsteamets möten varje vecka. "
            "Öka antalet arbetsgivarkontakter och träffa arbetsgivare på plats. "
            "Dokumentera gemensamma beslut i den gemensamma planen."
        ),
    ),
    DemoReview(
        days_ago=5,
        kind=ReviewKind.TWELVE_MONTHS,
        ratings=TWELVE_MONTHS,
        differences=TWELVE_MONTH_DIFFERENCES,
        strengths=(
            "Kliniker och arbetsspecialister arbetar nu som ett team: rundabordsmöten varje "
            "vecka, en gemensam plan per deltagare och uppföljning utan tidsgräns efter "
            "anställning."
        ),
        recommendations=(
            "Fortsätt öka arbetsgivarkontakterna mot sex i veckan per specialist. "
            "Erbjud fler möten ute i samhället i stället för på mottagningen."
        ),
    ),
)


def _actor(professional):
    return actor_for_user(get_user_model().objects.get(pk=professional.user_id))


def demo_fidelity_load(*, today: dt.date) -> None:
    """Two consensus fidelity reviews of the Swedish IPS team, a year apart."""
    team = Team.objects.get(name=SWEDISH_TEAM)
    members = {
        m.professional.role: m.professional
        for m in Membership.objects.filter(team=team)
        .select_related("professional__user")
        .order_by("-professional__user__last_name")
    }
    leader, specialist = members[Role.TEAM_LEADER], members[Role.EMPLOYMENT_SPECIALIST]
    lead = _actor(leader)
    second = _actor(specialist)
    assert lead is not None and second is not None
    for plan in REVIEWS:
        reviewed_on = today - dt.timedelta(days=plan.days_ago)
        review = fidelity_review_create(
            actor=lead,
            team_id=team.pk,
            reviewed_on=reviewed_on,
            kind=plan.kind,
            period_start=reviewed_on - dt.timedelta(days=90),
            period_end=reviewed_on - dt.timedelta(days=1),
            reviewer_ids=[leader.pk, specialist.pk],
            strengths=plan.strengths,
            recommendations=plan.recommendations,
        )
        agreed = dict(zip(ips25_items.CODES, plan.ratings, strict=True))
        differences = plan.differences
        for actor, own in ((lead, agreed), (second, None)):
            ratings = {}
            for code, rating in agreed.items():
                mine = differences[code][0] if own is None and code in differences else rating
                ratings[code] = {
                    "rating": mine,
                    "evidence": EVIDENCE.get(code, ""),
                    "sources": ["MIS", "DOC"] if code in EVIDENCE else ["INT"],
                }
            fidelity_ratings_save(actor=actor, review_id=review.pk, ratings=ratings, submit=True)
        fidelity_consensus_record(
            actor=lead,
            review_id=review.pk,
            items={
                code: {
                    "rating": rating,
                    "reason": differences[code][1] if code in differences else "",
                }
                for code, rating in agreed.items()
            },
        )
