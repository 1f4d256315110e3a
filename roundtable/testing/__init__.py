"""The test cast: two teams across three organisations, shared by every test (STYLE.md 11).

Team Alpha: care manager Alice (Region, health), employment consultant Bob (Jobcentre North),
team leader Tina, supervisor Sam. Team Beta: care manager Carol, employment consultant Dave
(Jobcentre South). Manager Mona (Region), administrator Adam. Citizens: Anna (Alpha, has a
login) and Bent (Beta).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from roundtable.accounts.models import User
from roundtable.citizens.models import Citizen, Course, CourseStatus, DiagnosisGroup
from roundtable.core.fields import keyed_digest
from roundtable.organisations.models import (
    Dyad,
    Membership,
    Organisation,
    Professional,
    Role,
    Sector,
    Team,
)

PASSWORD = "correct horse battery staple"  # noqa: S105 (test users only)


@functools.lru_cache(maxsize=1)
def _password_hash() -> str:
    return make_password(PASSWORD)


@dataclass
class Cast:
    region: Organisation
    jobcentre_north: Organisation
    jobcentre_south: Organisation
    alpha: Team
    beta: Team
    alice: Professional  # care manager, Alpha
    bob: Professional  # employment consultant, Alpha
    tina: Professional  # team leader, Alpha
    sam: Professional  # supervisor (psychiatrist), Alpha
    carol: Professional  # care manager, Beta
    dave: Professional  # employment consultant, Beta
    mona: Professional  # manager, Region
    adam: Professional  # administrator
    anna: Citizen  # Alpha, has a login
    bent: Citizen  # Beta
    anna_course: Course
    bent_course: Course


def make_user(username: str, **extra) -> User:
    first, _, last = username.partition(" ")
    return User.objects.create(
        username=username.lower().replace(" ", "."),
        first_name=first,
        last_name=last,
        password=_password_hash(),
        **extra,
    )


def make_professional(
    name: str, organisation: Organisation, role: str, teams: tuple[Team, ...] = (), **extra
) -> Professional:
    professional = Professional.objects.create(
        user=make_user(name), organisation=organisation, role=role, **extra
    )
    for team in teams:
        Membership.objects.create(team=team, professional=professional)
    return professional


def make_citizen(name: str, national_id: str, *, login: bool = False) -> Citizen:
    given, _, family = name.partition(" ")
    return Citizen.objects.create(
        user=make_user(name) if login else None,
        given_name=given,
        family_name=family,
        national_id=national_id,
        national_id_digest=keyed_digest(national_id),
    )


def make_course(citizen: Citizen, team: Team, cm, ec, **extra) -> Course:
    today = dt.date.today()
    values = {
        "referral_date": today - dt.timedelta(days=40),
        "first_absence_day": today - dt.timedelta(days=70),
        "status": CourseStatus.ACTIVE,
        "diagnosis_group": DiagnosisGroup.DEPRESSION,
    }
    values.update(extra)
    return Course.objects.create(
        citizen=citizen, team=team, care_manager=cm, employment_consultant=ec, **values
    )


def make_cast() -> Cast:
    region = Organisation.objects.create(name="Region Test Psychiatry", sector=Sector.HEALTH)
    north = Organisation.objects.create(name="Jobcentre North", sector=Sector.EMPLOYMENT)
    south = Organisation.objects.create(name="Jobcentre South", sector=Sector.EMPLOYMENT)
    alpha = Team.objects.create(name="Team Alpha")
    beta = Team.objects.create(name="Team Beta")
    alice = make_professional("Alice Andersen", region, Role.CARE_MANAGER, (alpha,))
    bob = make_professional("Bob Berg", north, Role.EMPLOYMENT_CONSULTANT, (alpha,))
    tina = make_professional("Tina Thorsen", region, Role.TEAM_LEADER, (alpha,))
    sam = make_professional("Sam Skov", region, Role.SUPERVISOR, (alpha,), title="Psychiatrist")
    carol = make_professional("Carol Clausen", region, Role.CARE_MANAGER, (beta,))
    dave = make_professional("Dave Dahl", south, Role.EMPLOYMENT_CONSULTANT, (beta,))
    mona = make_professional("Mona Munk", region, Role.MANAGER)
    adam = make_professional("Adam Admin", region, Role.ADMINISTRATOR)
    Dyad.objects.create(team=alpha, care_manager=alice, employment_consultant=bob)
    anna = make_citizen("Anna Secretperson", "010190-1234", login=True)
    bent = make_citizen("Bent Hiddenname", "020285-5678")
    anna_course = make_course(anna, alpha, alice, bob, diagnosis_group=DiagnosisGroup.ANXIETY)
    bent_course = make_course(bent, beta, carol, dave)
    return Cast(
        region,
        north,
        south,
        alpha,
        beta,
        alice,
        bob,
        tina,
        sam,
        carol,
        dave,
        mona,
        adam,
        anna,
        bent,
        anna_course,
        bent_course,
    )


def pdf_text(content: bytes) -> str:
    """The text of a PDF, for assertions on what a printed document says."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
