"""Demo family (issue 13 §4): the Norwegian citizen who can sign in has invited his sister,
who has her own login and sees his meetings and the plan's overall part — not his health.

Written through the family services (invitation, then her own login), so the links, the audit
events and the citizen's access log are real. No e-mail is sent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import Citizen
from roundtable.family.services import family_accept, family_invite

FAMILY_USERNAME = "kari.johannessen"
# The Norwegian demo citizen with a login (the seed's names); any Norwegian login otherwise.
NORWEGIAN_CITIZEN = "even.johannessen"


def _norwegian_citizen() -> Citizen | None:
    with_login = Citizen.objects.filter(user__isnull=False, courses__jurisdiction="no").distinct()
    return (
        with_login.filter(user__username=NORWEGIAN_CITIZEN).first()
        or with_login.order_by("user__username").first()
    )


def demo_family_load(*, today: dt.date) -> None:
    citizen = _norwegian_citizen()
    if citizen is None or citizen.user is None:
        return
    actor = actor_for_user(citizen.user)
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(9, 0)))
    invited = family_invite(
        actor=actor,
        name="Kari Johannessen",
        email="kari.johannessen@example.org",
        relation="søster",
        language="nb",
        shares_meetings=True,
        shares_plan=True,
        send_email=False,
        now=now - dt.timedelta(days=2),
    )
    family_accept(
        token=invited.token,
        username=FAMILY_USERNAME,
        password=settings.DEMO_PASSWORD,
        now=now - dt.timedelta(days=1),
    )


def family_demo_users() -> list[dict]:
    """The family member's login, as `roundtable demo --users` prints it."""
    return [
        {
            "username": FAMILY_USERNAME,
            "password": settings.DEMO_PASSWORD,
            "role": "family_member",
            "organisation": None,
            "team": None,
        }
    ]
