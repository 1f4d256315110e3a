"""The demo setting (DOMAIN §2): a regional mental-health service, two municipal jobcentres, a
large team and a small team, supervisors, a manager, an administrator and about 60 synthetic
citizens; a Swedish IPS team and a Norwegian team with citizens of their own, two of whom can
sign in. Deterministic: the same people every time, with dates relative to the day it is loaded.
Names, titles and every text are in the language of the team's jurisdiction (`content/`).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from roundtable.accounts.models import User
from roundtable.citizens.models import Citizen, Course, CourseStatus, DiagnosisGroup
from roundtable.core.fields import keyed_digest
from roundtable.organisations.models import (
    Dyad,
    Jurisdiction,
    Membership,
    Organisation,
    Professional,
    Role,
    Sector,
    Team,
)
from roundtable.outcomes.synthetic import load_synthetic_register

from .content import LANGUAGE, da, texts
from .names import NAMES

REGION = "Region Hovedstadens Psykiatri"
JOBCENTRE_LARGE = "Jobcenter Frederiksberg"
JOBCENTRE_SMALL = "Jobcenter København"
LARGE_TEAM = "Team Frederiksberg"
SMALL_TEAM = "Team Sydhavn"

# One Swedish IPS team (first-episode psychosis, DOMAIN §5) and one Norwegian team (DOMAIN §4),
# so that the Swedish and Norwegian sick-leave rules have people to apply to.
SWEDISH_HEALTH = "Region Stockholm, Psykiatri Nordväst"
SWEDISH_EMPLOYMENT = "Solna stad – supported employment"
NORWEGIAN_HEALTH = "Bydel Frogner, psykisk helse og rus"
NORWEGIAN_EMPLOYMENT = "Nav Frogner"
SWEDISH_TEAM = "Team Solna (IPS)"
NORWEGIAN_TEAM = "Team Frogner"

ORGANISATIONS = [
    (REGION, Sector.HEALTH, Jurisdiction.DK),
    (JOBCENTRE_LARGE, Sector.EMPLOYMENT, Jurisdiction.DK),
    (JOBCENTRE_SMALL, Sector.EMPLOYMENT, Jurisdiction.DK),
    (SWEDISH_HEALTH, Sector.HEALTH, Jurisdiction.SE),
    (SWEDISH_EMPLOYMENT, Sector.EMPLOYMENT, Jurisdiction.SE),
    (NORWEGIAN_HEALTH, Sector.HEALTH, Jurisdiction.NO),
    (NORWEGIAN_EMPLOYMENT, Sector.EMPLOYMENT, Jurisdiction.NO),
]
TEAM_JURISDICTION = {
    LARGE_TEAM: Jurisdiction.DK,
    SMALL_TEAM: Jurisdiction.DK,
    SWEDISH_TEAM: Jurisdiction.SE,
    NORWEGIAN_TEAM: Jurisdiction.NO,
}
CITIZENS_NORDIC_TEAM = 5
# The first citizen of each Nordic team can sign in; days since their first absence: the
# Swede is between Försäkringskassan's day-90 and day-180 assessments, the Norwegian past
# Nav's eight-week activity requirement.
NORDIC_LOGIN_OFFSETS = {SWEDISH_TEAM: 120, NORWEGIAN_TEAM: 75}

# Sick-leave phases shown in the demo (issue: sick-leave timelines): days since the first
# absence, and what the employment consultant has recorded.
PHASE_EARLY = "early"
PHASE_WEEK_8 = "week_8"
PHASE_APPROACHING = "approaching_reassessment"
PHASE_APPROACHING_UNPREPARED = "approaching_reassessment_unprepared"
PHASE_EXTENDED = "extended"
PHASE_JOB_CLARIFICATION = "job_clarification"
PHASE_INTERRUPTED = "interrupted"
PHASE_OFFSETS = {
    PHASE_EARLY: 18,
    PHASE_WEEK_8: 52,
    PHASE_APPROACHING: 172,
    PHASE_APPROACHING_UNPREPARED: 176,
    PHASE_EXTENDED: 215,
    PHASE_JOB_CLARIFICATION: 225,
    PHASE_INTERRUPTED: 200,
}
# Which demo citizens (by position) are in which phase; the first ones can sign in.
PHASES = {
    0: PHASE_APPROACHING,
    1: PHASE_WEEK_8,
    2: PHASE_EARLY,
    5: PHASE_EXTENDED,
    6: PHASE_JOB_CLARIFICATION,
    7: PHASE_APPROACHING_UNPREPARED,
    8: PHASE_INTERRUPTED,
}

# Mostly stress, then depression, then anxiety (DOMAIN §2, the IBBIS population).
DIAGNOSIS_WEIGHTS = [
    (DiagnosisGroup.STRESS, 50),
    (DiagnosisGroup.DEPRESSION, 28),
    (DiagnosisGroup.ANXIETY, 17),
    (DiagnosisGroup.OTHER, 5),
]
STATUS_WEIGHTS = [
    (CourseStatus.ACTIVE, 60),
    (CourseStatus.REFERRED, 14),
    (CourseStatus.PAUSED, 8),
    (CourseStatus.COMPLETED, 13),
    (CourseStatus.DROPPED_OUT, 5),
]
CITIZENS_LARGE_TEAM = 42
CITIZENS_SMALL_TEAM = 18
CITIZEN_LOGINS = 5


@dataclass(frozen=True)
class Person:
    username: str
    given_name: str
    family_name: str
    role: str
    organisation: str
    teams: tuple[str, ...] = ()
    fraction: Decimal = Decimal("1.00")
    title: str = ""


@dataclass
class DemoCitizen:
    given_name: str
    family_name: str
    national_id: str
    team: str
    care_manager: str | None
    employment_consultant: str | None
    diagnosis_group: str
    status: str
    first_absence_offset: int
    referral_offset: int
    username: str | None = None
    phase: str = ""
    # Referred by their own wish to work, not on sick leave (the IPS team's zero exclusion).
    wish_to_work: bool = False

    @property
    def jurisdiction(self) -> str:
        return str(TEAM_JURISDICTION[self.team])


@dataclass
class DemoSetting:
    people: list[Person] = field(default_factory=list)
    citizens: list[DemoCitizen] = field(default_factory=list)
    dyads: list[tuple[str, str, str]] = field(default_factory=list)  # team, cm, ec


def ascii_username(*parts: str) -> str:
    text = ".".join(parts).lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.replace(" ", "")


def _weighted(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]


def synthetic_national_id(rng: random.Random, today: dt.date, jurisdiction: str = "dk") -> str:
    """A national id for a person aged 20 to 64, in the jurisdiction's shape. Synthetic:
    Danish CPR-shaped (DDMMYY-SSSS); Swedish in the range Skatteverket keeps for testing
    (YYMMDD-98NC, with the Luhn check digit); Norwegian a synthetic fødselsnummer (the month
    plus 80, as the Norwegian test register marks them, with both check digits)."""
    birth = today - dt.timedelta(days=rng.randint(20 * 365, 64 * 365))
    if jurisdiction == "se":
        digits = f"{birth:%y%m%d}{rng.randint(980, 999)}"
        return f"{digits[:6]}-{digits[6:]}{_luhn_digit(digits)}"
    if jurisdiction == "no":
        while True:
            serial = rng.randint(0, 499) if birth.year < 2000 else rng.randint(500, 999)
            digits = f"{birth:%d}{birth.month + 80:02d}{birth:%y}{serial:03d}"
            first = _mod11_digit(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2))
            if first is None:
                continue
            second = _mod11_digit(f"{digits}{first}", (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
            if second is not None:
                return f"{digits}{first}{second}"
    return f"{birth:%d%m%y}-{rng.randint(0, 9999):04d}"


def _luhn_digit(digits: str) -> int:
    total = 0
    for i, d in enumerate(int(c) for c in digits):
        doubled = d * 2 if i % 2 == 0 else d
        total += doubled - 9 if doubled > 9 else doubled
    return (10 - total % 10) % 10


def _mod11_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def demo_setting(seed: int = 2016) -> DemoSetting:
    """The people and citizens of the demo, the same for the same seed."""
    rng = random.Random(seed)
    used: set[str] = set()

    def person(
        role: str, organisation: str, teams: tuple[str, ...], jurisdiction: str = "dk", **extra
    ) -> Person:
        given_names, family_names = NAMES[jurisdiction]
        while True:
            given, family = rng.choice(given_names), rng.choice(family_names)
            username = ascii_username(given, family)
            if username not in used:
                used.add(username)
                return Person(username, given, family, role, organisation, teams, **extra)

    s = DemoSetting()
    both = (LARGE_TEAM, SMALL_TEAM)
    # The large team: 10 part-time employment consultants, 5 care managers, 1 team leader.
    title = da.TITLES
    large_leader = person(Role.TEAM_LEADER, REGION, (LARGE_TEAM,), title=title["nurse"])
    large_cms = [
        person(Role.CARE_MANAGER, REGION, (LARGE_TEAM,), title=title[t])
        for t in ("nurse", "occupational_therapist", "physiotherapist", "social_worker", "nurse")
    ]
    large_ecs = [
        person(
            Role.EMPLOYMENT_CONSULTANT,
            JOBCENTRE_LARGE,
            (LARGE_TEAM,),
            fraction=Decimal(rng.choice(["0.40", "0.50", "0.60", "0.75"])),
        )
        for _ in range(10)
    ]
    # The small team: three fixed dyads and a team leader.
    small_leader = person(Role.TEAM_LEADER, REGION, (SMALL_TEAM,), title=title["social_worker"])
    small_cms = [
        person(Role.CARE_MANAGER, REGION, (SMALL_TEAM,), title=title["nurse"]) for _ in range(3)
    ]
    small_ecs = [
        person(Role.EMPLOYMENT_CONSULTANT, JOBCENTRE_SMALL, (SMALL_TEAM,)) for _ in range(3)
    ]
    supervisors = [
        person(
            Role.SUPERVISOR, REGION, both, title=title["psychiatrist"], fraction=Decimal("0.20")
        ),
        person(
            Role.SUPERVISOR, REGION, both, title=title["psychologist"], fraction=Decimal("0.30")
        ),
    ]
    manager = person(Role.MANAGER, REGION, (), title=title["head_of_department"])
    evaluator = person(Role.EVALUATOR, REGION, both, title=title["researcher"])
    administrator = Person("admin", "Ada", "Administrator", Role.ADMINISTRATOR, REGION)
    s.people = [
        large_leader,
        *large_cms,
        *large_ecs,
        small_leader,
        *small_cms,
        *small_ecs,
        *supervisors,
        manager,
        evaluator,
        administrator,
    ]
    s.dyads = [
        (SMALL_TEAM, cm.username, ec.username) for cm, ec in zip(small_cms, small_ecs, strict=True)
    ]

    def citizen(team: str, cm: Person, ec: Person) -> DemoCitizen:
        absence = rng.randint(7, 240)  # first absence within the last eight months
        referral = max(0, absence - rng.randint(14, 56))
        status = _weighted(rng, STATUS_WEIGHTS)
        if absence < 30 and status in (CourseStatus.COMPLETED, CourseStatus.DROPPED_OUT):
            status = CourseStatus.REFERRED
        given_names, family_names = NAMES[str(TEAM_JURISDICTION[team])]
        return DemoCitizen(
            given_name=rng.choice(given_names),
            family_name=rng.choice(family_names),
            national_id="",
            team=team,
            care_manager=cm.username,
            employment_consultant=ec.username,
            diagnosis_group=_weighted(rng, DIAGNOSIS_WEIGHTS),
            status=status,
            first_absence_offset=absence,
            referral_offset=referral,
        )

    large_health = [large_leader, *large_cms]
    for i in range(CITIZENS_LARGE_TEAM):
        # Care managers are paired with whichever consultant has the case: up to 8 each.
        s.citizens.append(citizen(LARGE_TEAM, large_health[i % 6], large_ecs[rng.randrange(10)]))
    for i in range(CITIZENS_SMALL_TEAM):
        cm, ec = small_cms[i % 3], small_ecs[i % 3]
        s.citizens.append(citizen(SMALL_TEAM, cm, ec))
    # The Nordic teams: a team leader, two care managers, two employment specialists/consultants.
    nordic = [
        (SWEDISH_TEAM, SWEDISH_HEALTH, SWEDISH_EMPLOYMENT, Role.EMPLOYMENT_SPECIALIST),
        (NORWEGIAN_TEAM, NORWEGIAN_HEALTH, NORWEGIAN_EMPLOYMENT, Role.EMPLOYMENT_CONSULTANT),
    ]
    nordic_logins: list[DemoCitizen] = []
    for team, health, employment, employment_role in nordic:
        jurisdiction = str(TEAM_JURISDICTION[team])
        nurse = texts(jurisdiction).TITLES["nurse"]
        leader = person(Role.TEAM_LEADER, health, (team,), jurisdiction, title=nurse)
        cms = [
            person(Role.CARE_MANAGER, health, (team,), jurisdiction, title=nurse) for _ in range(2)
        ]
        ecs = [person(employment_role, employment, (team,), jurisdiction) for _ in range(2)]
        s.people += [leader, *cms, *ecs]
        for i in range(CITIZENS_NORDIC_TEAM):
            s.citizens.append(citizen(team, cms[i % 2], ecs[i % 2]))
        if team == SWEDISH_TEAM:
            # IPS takes people who want to work, on sick leave or not (zero exclusion).
            s.citizens[-1].wish_to_work = True
        first = s.citizens[-CITIZENS_NORDIC_TEAM]
        first.first_absence_offset = NORDIC_LOGIN_OFFSETS[team]
        first.referral_offset = NORDIC_LOGIN_OFFSETS[team] - 21
        nordic_logins.append(first)
    for position, phase in PHASES.items():
        dc = s.citizens[position]
        dc.phase = phase
        dc.status = CourseStatus.ACTIVE
        dc.first_absence_offset = PHASE_OFFSETS[phase]
        dc.referral_offset = max(0, PHASE_OFFSETS[phase] - 21)
    for dc in [*s.citizens[:CITIZEN_LOGINS], *nordic_logins]:
        dc.status = CourseStatus.ACTIVE
        dc.username = ascii_username(dc.given_name, dc.family_name)
        while dc.username in used:
            dc.username += "1"
        used.add(dc.username)
    return s


def demo_users(s: DemoSetting) -> list[dict]:
    """The logins of the demo, as `roundtable demo --users` prints them."""
    rows = [
        {
            "username": p.username,
            "password": settings.DEMO_PASSWORD,
            "role": str(p.role),
            "organisation": p.organisation,
            "team": p.teams[0] if len(p.teams) == 1 else (", ".join(p.teams) or None),
        }
        for p in s.people
    ]
    rows += [
        {
            "username": c.username,
            "password": settings.DEMO_PASSWORD,
            "role": "citizen",
            "organisation": None,
            "team": c.team,
        }
        for c in s.citizens
        if c.username
    ]
    from roundtable.demo.family import family_demo_users

    rows += family_demo_users()
    return rows


@transaction.atomic
def demo_load(*, today: dt.date, seed: int = 2016) -> DemoSetting:
    """Create the demo setting in an empty database."""
    s = demo_setting(seed)
    rng = random.Random(seed + 1)
    password = make_password(settings.DEMO_PASSWORD)
    organisations = {
        name: Organisation.objects.create(name=name, sector=sector, jurisdiction=jurisdiction)
        for name, sector, jurisdiction in ORGANISATIONS
    }
    teams = {name: Team.objects.create(name=name) for name in TEAM_JURISDICTION}
    professionals: dict[str, Professional] = {}
    for p in s.people:
        user = User.objects.create(
            username=p.username,
            first_name=p.given_name,
            last_name=p.family_name,
            password=password,
            email=f"{p.username}@example.org",
            is_staff=p.role == Role.ADMINISTRATOR,
            is_superuser=p.role == Role.ADMINISTRATOR,
        )
        professional = Professional.objects.create(
            user=user,
            organisation=organisations[p.organisation],
            role=p.role,
            title=p.title,
            fraction=p.fraction,
        )
        professionals[p.username] = professional
        for team in p.teams:
            Membership.objects.create(
                team=teams[team], professional=professional, joined_on=today - dt.timedelta(400)
            )
    for team, cm, ec in s.dyads:
        Dyad.objects.create(
            team=teams[team],
            care_manager=professionals[cm],
            employment_consultant=professionals[ec],
        )
    issued: set[str] = set()
    for dc in s.citizens:
        national_id = synthetic_national_id(rng, today, dc.jurisdiction)
        while national_id in issued:
            national_id = synthetic_national_id(rng, today, dc.jurisdiction)
        issued.add(national_id)
        login: User | None = None
        if dc.username:
            login = User.objects.create(
                username=dc.username,
                first_name=dc.given_name,
                last_name=dc.family_name,
                password=password,
                # Each citizen reads the language of their team's country.
                language=LANGUAGE[dc.jurisdiction],
            )
        citizen = Citizen.objects.create(
            user=login,
            given_name=dc.given_name,
            family_name=dc.family_name,
            national_id=national_id,
            national_id_digest=keyed_digest(national_id),
        )
        course = Course.objects.create(
            citizen=citizen,
            team=teams[dc.team],
            care_manager=professionals[dc.care_manager] if dc.care_manager else None,
            employment_consultant=(
                professionals[dc.employment_consultant] if dc.employment_consultant else None
            ),
            referral_date=today - dt.timedelta(days=dc.referral_offset),
            first_absence_day=(
                None if dc.wish_to_work else today - dt.timedelta(days=dc.first_absence_offset)
            ),
            diagnosis_group=dc.diagnosis_group,
            status=dc.status,
            jurisdiction=TEAM_JURISDICTION[dc.team],
        )
        if dc.phase and not dc.wish_to_work:
            _sickleave_phase(course, dc.phase, today)
    from roundtable.demo.assessments import demo_assessments_load
    from roundtable.demo.consent import demo_consent_load
    from roundtable.demo.evidence import demo_evidence_load
    from roundtable.demo.family import demo_family_load
    from roundtable.demo.fidelity import demo_fidelity_load
    from roundtable.demo.jobdev import demo_jobdev_load
    from roundtable.demo.journal import demo_journal_load
    from roundtable.demo.meetings import demo_meetings_load
    from roundtable.demo.network import demo_network_load
    from roundtable.demo.plans import demo_plans_load
    from roundtable.demo.supervision import demo_supervision_load

    demo_meetings_load(today=today)
    demo_assessments_load(today=today)
    demo_plans_load(today=today)
    demo_journal_load(today=today)
    demo_consent_load(today=today)
    demo_fidelity_load(today=today)
    demo_jobdev_load(today=today)
    demo_family_load(today=today)
    demo_evidence_load(today=today)
    demo_network_load(today=today)
    demo_supervision_load(today=today)
    # The Danish teams' outcomes come from a synthetic weekly benefit register, imported the way
    # a study imports DREAM (roundtable/outcomes/synthetic.py; never real data).
    load_synthetic_register(
        path=Path(settings.VAR_DIR) / "demo-register-dk.csv", jurisdiction="dk", today=today
    )
    from roundtable.demo.instruments import demo_instruments_load

    demo_instruments_load(today=today)
    return s


def _sickleave_phase(course: Course, phase: str, today: dt.date) -> None:
    """What the employment consultant has recorded for a citizen in a given phase."""
    from roundtable.sickleave.models import (
        BenefitDecision,
        BenefitPeriod,
        DecisionKind,
        EvidenceRequest,
    )

    ec, cm, absence = course.employment_consultant, course.care_manager, course.first_absence_day
    if ec is None or cm is None or absence is None:
        return
    if phase == PHASE_INTERRUPTED:
        # Back at work for a month between two spells of sickness.
        BenefitPeriod.objects.create(
            course=course, start=absence, end=absence + dt.timedelta(days=59), recorded_by=ec
        )
        BenefitPeriod.objects.create(
            course=course, start=absence + dt.timedelta(days=90), end=None, recorded_by=ec
        )
    if phase in (PHASE_APPROACHING, PHASE_EXTENDED):
        EvidenceRequest.objects.create(
            course=course,
            requested_by=ec,
            assignee=cm,
            ground=3,
            question=texts(course.jurisdiction).EVIDENCE_QUESTION,
            due_on=today + dt.timedelta(days=10) if phase == PHASE_APPROACHING else today,
            status=(
                EvidenceRequest.Status.OPEN
                if phase == PHASE_APPROACHING
                else EvidenceRequest.Status.DONE
            ),
        )
    if phase == PHASE_EXTENDED:
        BenefitDecision.objects.create(
            course=course,
            kind=DecisionKind.EXTENSION,
            ground=3,
            decided_on=today - dt.timedelta(days=20),
            valid_until=today + dt.timedelta(weeks=20),
            evidence_received_on=today - dt.timedelta(days=25),
            decided_by=ec,
        )
    if phase == PHASE_JOB_CLARIFICATION:
        BenefitDecision.objects.create(
            course=course,
            kind=DecisionKind.JOB_CLARIFICATION,
            decided_on=today - dt.timedelta(days=15),
            decided_by=ec,
        )
