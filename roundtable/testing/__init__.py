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
    sam = make_professional("Sam Skov", region, Role.SUPERVISOR, (alpha,), title="Psykiater")
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


@dataclass
class NordicCast:
    """A Swedish and a Norwegian team, each with its own organisations and a citizen who signs
    in (opt-in: `make_nordic_cast()` or the `nordic_cast` fixture; the two-team cast above is
    unchanged). Sweden: an IPS team, care manager Siri (Region, health), employment specialist
    Sven (the municipality's employment service), citizen Stina. Norway: care manager Nora
    (municipal mental-health service), Nav veileder Nils (Nav), citizen Ola."""

    se_health: Organisation
    se_employment: Organisation
    no_health: Organisation
    no_employment: Organisation
    se_team: Team
    no_team: Team
    siri: Professional  # care manager, Sweden
    sven: Professional  # employment specialist, Sweden
    nora: Professional  # care manager, Norway
    nils: Professional  # employment consultant (Nav veileder), Norway
    stina: Citizen  # Sweden, has a login
    ola: Citizen  # Norway, has a login
    stina_course: Course
    ola_course: Course


def make_nordic_cast() -> NordicCast:
    from roundtable.organisations.models import Jurisdiction, TeamProgramme

    se, no = Jurisdiction.SE, Jurisdiction.NO
    se_health = Organisation.objects.create(
        name="Region Teststad, Psykiatri", sector=Sector.HEALTH, jurisdiction=se
    )
    se_employment = Organisation.objects.create(
        name="Teststads kommun, arbetsmarknadsenheten", sector=Sector.EMPLOYMENT, jurisdiction=se
    )
    no_health = Organisation.objects.create(
        name="Testby kommune, psykisk helse og rus", sector=Sector.HEALTH, jurisdiction=no
    )
    no_employment = Organisation.objects.create(
        name="Nav Testby", sector=Sector.EMPLOYMENT, jurisdiction=no
    )
    se_team = Team.objects.create(name="Team Teststad")
    no_team = Team.objects.create(name="Team Testby")
    TeamProgramme.objects.create(team=se_team, is_ips=True)
    siri = make_professional("Siri Sandberg", se_health, Role.CARE_MANAGER, (se_team,))
    sven = make_professional("Sven Strand", se_employment, Role.EMPLOYMENT_SPECIALIST, (se_team,))
    nora = make_professional("Nora Nilsen", no_health, Role.CARE_MANAGER, (no_team,))
    nils = make_professional("Nils Nygaard", no_employment, Role.EMPLOYMENT_CONSULTANT, (no_team,))
    stina = make_citizen("Stina Svensson", "19900101-1234", login=True)
    ola = make_citizen("Ola Nordmann", "01019012345", login=True)
    stina_course = make_course(stina, se_team, siri, sven, jurisdiction=se)
    ola_course = make_course(ola, no_team, nora, nils, jurisdiction=no)
    return NordicCast(
        se_health,
        se_employment,
        no_health,
        no_employment,
        se_team,
        no_team,
        siri,
        sven,
        nora,
        nils,
        stina,
        ola,
        stina_course,
        ola_course,
    )


def pdf_text(content: bytes) -> str:
    """The text of a PDF, for assertions on what a printed document says."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
