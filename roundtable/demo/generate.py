"""A synthetic population at scale, for load tests: `roundtable generate --scale N`.

N citizens, each with one course, and teams in proportion: about one team per 60 citizens, each
with a team leader, three care managers, four part-time employment consultants and two fixed
dyads; one regional mental-health service per 20 teams and one jobcentre per 5 teams.

Every run gets a tag (g1, g2, ... the first one free in the database) that is part of every
generated username, team name and organisation name, so a run never collides with the demo or an
earlier run. The same seed gives the same people; national ids are also drawn per tag and checked
against the database (through their keyed digest), so they stay unique across runs.

Each course also gets content in proportion (`generate_content.py`: meetings with decisions,
joint plans with published versions, journal entries of every data class, consent directives in
every state, benefit periods and decisions, assessments), unless `content=False`.

Fast by design: rows are built in Python (UUID keys, so foreign keys are known before the insert),
people and courses inserted with bulk_create in batches, their content with COPY or executemany
(`bulk.py`), and every generated login shares one password hash. Memory stays bounded: citizens
are built `batch_size` at a time and their content a chunk of courses at a time. Afterwards the
database's statistics are refreshed (ANALYZE), so that the query planner knows the new sizes.

No audit event is written for generated rows: they have no history in the audit log, and the hash
chains stay intact (`roundtable audit verify` passes). Neither insert path goes through
`audit_record`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from roundtable.accounts.models import User
from roundtable.citizens.models import Citizen, Course, CourseStatus
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

from .content import da
from .generate_content import ContentBuilder
from .names import FAMILY_NAMES, GIVEN_NAMES
from .setting import DIAGNOSIS_WEIGHTS, STATUS_WEIGHTS, ascii_username, synthetic_national_id

DEFAULT_SEED = 2016
BATCH_SIZE = 5000
# Courses whose content is built and inserted at a time (about 30 rows each).
CONTENT_CHUNK = 1000
CITIZENS_PER_TEAM = 60
TEAMS_PER_REGION = 20
TEAMS_PER_JOBCENTRE = 5
CARE_MANAGERS_PER_TEAM = 3
CONSULTANTS_PER_TEAM = 4
# Care manager i and consultant i form a fixed dyad for i < DYADS_PER_TEAM.
DYADS_PER_TEAM = 2
# One citizen in this many gets a login to the citizen portal.
CITIZENS_PER_LOGIN = 100

REGIONS = ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"]
PLACES = [
    "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle",
    "Roskilde", "Herning", "Silkeborg", "Næstved", "Fredericia", "Viborg", "Køge", "Holstebro",
    "Slagelse", "Hillerød", "Svendborg", "Sønderborg", "Hjørring", "Holbæk", "Frederikshavn",
    "Ringsted", "Haderslev", "Skive", "Nyborg", "Kalundborg", "Thisted", "Aabenraa", "Middelfart",
    "Grenaa", "Hedensted", "Struer", "Ribe", "Faaborg", "Rønne", "Tønder", "Varde", "Lemvig",
]  # fmt: skip
# Danish titles, like everything the generated (Danish) teams write (`content/da.py`).
LEADER_TITLES = [da.TITLES[t] for t in ("nurse", "social_worker", "occupational_therapist")]
CARE_MANAGER_TITLES = [
    da.TITLES[t]
    for t in ("nurse", "occupational_therapist", "physiotherapist", "social_worker", "psychologist")
]
CONSULTANT_FRACTIONS = [Decimal(f) for f in ("0.40", "0.50", "0.60", "0.75", "0.80", "1.00")]

TAG_RE = re.compile(r"^[a-z][a-z0-9]{0,15}$")


@dataclass(frozen=True)
class Shape:
    """How many of everything N citizens come with."""

    citizens: int
    teams: int
    regions: int
    jobcentres: int
    citizen_logins: int

    @property
    def professionals(self) -> int:
        return self.teams * (1 + CARE_MANAGERS_PER_TEAM + CONSULTANTS_PER_TEAM)

    @property
    def dyads(self) -> int:
        return self.teams * DYADS_PER_TEAM


def population_shape(*, scale: int) -> Shape:
    if scale < 1:
        raise ValueError("scale must be at least 1")
    teams = max(1, (scale + CITIZENS_PER_TEAM // 2) // CITIZENS_PER_TEAM)
    return Shape(
        citizens=scale,
        teams=teams,
        regions=math.ceil(teams / TEAMS_PER_REGION),
        jobcentres=math.ceil(teams / TEAMS_PER_JOBCENTRE),
        citizen_logins=math.ceil(scale / CITIZENS_PER_LOGIN),
    )


@dataclass(frozen=True)
class SampleLogin:
    username: str
    role: str
    team: str


@dataclass
class Generated:
    tag: str
    shape: Shape
    seconds: float = 0.0
    logins: list[SampleLogin] = field(default_factory=list)
    # Rows of content inserted, by kind (verbose plural name of the model).
    content: dict[str, int] = field(default_factory=dict)


def _tag_in_use(tag: str) -> bool:
    marker = f" {tag}-"
    return (
        User.objects.filter(username__contains=f".{tag}-").exists()
        or Team.objects.filter(name__contains=marker).exists()
        or Organisation.objects.filter(name__contains=marker).exists()
    )


def next_run_tag() -> str:
    """The first of g1, g2, ... that no earlier run has used."""
    for n in itertools.count(1):
        if not _tag_in_use(f"g{n}"):
            return f"g{n}"
    raise AssertionError("unreachable")


def latest_run_tag() -> str | None:
    """The tag of the most recent run (the highest gN in use), or None if nothing was generated."""
    latest = None
    for n in itertools.count(1):
        if not _tag_in_use(f"g{n}"):
            return latest
        latest = f"g{n}"
    raise AssertionError("unreachable")


def sample_logins(*, tag: str) -> list[SampleLogin]:
    """A team leader, a care manager and an employment consultant of the run's first team, and a
    citizen with a login. All share settings.DEMO_PASSWORD."""
    team = Team.objects.filter(name__endswith=f" {tag}-1").first()
    if team is None:
        return []
    logins = []
    for role in (Role.TEAM_LEADER, Role.CARE_MANAGER, Role.EMPLOYMENT_CONSULTANT):
        professional = (
            Professional.objects.filter(memberships__team=team, role=role)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        if professional is not None:
            logins.append(SampleLogin(professional.user.username, str(role), team.name))
    course = (
        Course.objects.filter(team=team, citizen__user__isnull=False)
        .select_related("citizen__user")
        .order_by("citizen__user__username")
        .first()
    )
    if course is not None and course.citizen.user is not None:  # a user: filtered above
        logins.append(SampleLogin(course.citizen.user.username, "citizen", team.name))
    return logins


def _choices(rng: random.Random, weights: Sequence[tuple[str, int]]) -> Callable[[], str]:
    values = [str(w[0]) for w in weights]
    cumulative = list(itertools.accumulate(w[1] for w in weights))
    return lambda: rng.choices(values, cum_weights=cumulative)[0]


class _Usernames:
    """given.family.<tag>-<serial>: readable, and unique because the tag is."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.serial = itertools.count(1)

    def __call__(self, given: str, family: str) -> str:
        return f"{ascii_username(given, family)}.{self.tag}-{next(self.serial)}"


def generate(
    *,
    scale: int,
    today: dt.date,
    seed: int = DEFAULT_SEED,
    tag: str | None = None,
    batch_size: int = BATCH_SIZE,
    content: bool = True,
    log: Callable[[str], None] | None = None,
) -> Generated:
    """Add a synthetic population of `scale` citizens (with their content unless `content` is
    False) to the database, in one transaction, then refresh the planner's statistics."""
    started = time.monotonic()
    say = log or (lambda message: None)
    shape = population_shape(scale=scale)
    with transaction.atomic():
        if tag is None:
            tag = next_run_tag()
        elif not TAG_RE.match(tag):
            raise ValueError("tag must be a lowercase letter followed by letters or digits")
        elif _tag_in_use(tag):
            raise ValueError(f"tag {tag!r} is already used in this database")
        result = Generated(tag=tag, shape=shape)
        rng = random.Random(seed)
        password = make_password(settings.DEMO_PASSWORD)
        usernames = _Usernames(tag)

        def elapsed() -> str:
            return f"{time.monotonic() - started:.1f} s"

        say(
            f"Generating run {tag} (seed {seed}): citizens {shape.citizens}, teams {shape.teams}, "
            f"professionals {shape.professionals}, regions {shape.regions}, "
            f"jobcentres {shape.jobcentres}"
        )
        regions = [
            Organisation(
                name=f"Region {REGIONS[i % len(REGIONS)]} {tag}-{i + 1}, Psykiatrien",
                sector=Sector.HEALTH,
                jurisdiction=Jurisdiction.DK,
            )
            for i in range(shape.regions)
        ]
        jobcentres = [
            Organisation(
                name=f"Jobcenter {PLACES[i % len(PLACES)]} {tag}-{i + 1}",
                sector=Sector.EMPLOYMENT,
                jurisdiction=Jurisdiction.DK,
            )
            for i in range(shape.jobcentres)
        ]
        teams = [
            Team(name=f"Team {PLACES[(t // TEAMS_PER_JOBCENTRE) % len(PLACES)]} {tag}-{t + 1}")
            for t in range(shape.teams)
        ]
        Organisation.objects.bulk_create(regions + jobcentres, batch_size=batch_size)
        Team.objects.bulk_create(teams, batch_size=batch_size)

        users: list[User] = []
        professionals: list[Professional] = []
        memberships: list[Membership] = []
        dyads: list[Dyad] = []
        # Per team: (care managers, employment consultants), to assign the citizens below.
        staff: list[tuple[list[Professional], list[Professional]]] = []

        def professional(
            team: Team, organisation: Organisation, role: str, **extra
        ) -> Professional:
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            user = User(
                username=usernames(given, family),
                first_name=given,
                last_name=family,
                password=password,
            )
            p = Professional(user=user, organisation=organisation, role=role, **extra)
            users.append(user)
            professionals.append(p)
            memberships.append(
                Membership(
                    team=team,
                    professional=p,
                    joined_on=today - dt.timedelta(days=rng.randint(30, 1200)),
                )
            )
            return p

        for t, team in enumerate(teams):
            region = regions[t // TEAMS_PER_REGION]
            jobcentre = jobcentres[t // TEAMS_PER_JOBCENTRE]
            professional(team, region, Role.TEAM_LEADER, title=rng.choice(LEADER_TITLES))
            cms = [
                professional(team, region, Role.CARE_MANAGER, title=rng.choice(CARE_MANAGER_TITLES))
                for _ in range(CARE_MANAGERS_PER_TEAM)
            ]
            ecs = [
                professional(
                    team,
                    jobcentre,
                    Role.EMPLOYMENT_CONSULTANT,
                    fraction=rng.choice(CONSULTANT_FRACTIONS),
                )
                for _ in range(CONSULTANTS_PER_TEAM)
            ]
            dyads += [
                Dyad(team=team, care_manager=cms[i], employment_consultant=ecs[i])
                for i in range(DYADS_PER_TEAM)
            ]
            staff.append((cms, ecs))
        User.objects.bulk_create(users, batch_size=batch_size)
        Professional.objects.bulk_create(professionals, batch_size=batch_size)
        Membership.objects.bulk_create(memberships, batch_size=batch_size)
        Dyad.objects.bulk_create(dyads, batch_size=batch_size)
        say(f"  organisations, teams, professionals, memberships and dyads · {elapsed()}")

        status = _choices(rng, STATUS_WEIGHTS)
        diagnosis = _choices(rng, DIAGNOSIS_WEIGHTS)
        # National ids come from their own stream, per tag, so that two runs with the same seed
        # draw different ids; the digests already in the database keep them unique.
        id_rng = random.Random(f"{seed}:{tag}:national-ids")
        issued = set(Citizen.objects.values_list("national_id_digest", flat=True))
        builder = ContentBuilder(today=today, seed=seed, batch_size=batch_size) if content else None
        closed = (CourseStatus.COMPLETED, CourseStatus.DROPPED_OUT)
        for start in range(0, scale, batch_size):
            citizen_users: list[User] = []
            citizens: list[Citizen] = []
            courses: list[Course] = []
            for i in range(start, min(scale, start + batch_size)):
                t = i * shape.teams // scale  # contiguous blocks of about 60 citizens
                cms, ecs = staff[t]
                k = i % CARE_MANAGERS_PER_TEAM
                if k < DYADS_PER_TEAM:
                    cm, ec = cms[k], ecs[k]  # a dyad shares its citizens
                else:
                    # The care managers outside a dyad share the remaining consultants.
                    cm, ec = (
                        cms[k],
                        ecs[DYADS_PER_TEAM + i % (CONSULTANTS_PER_TEAM - DYADS_PER_TEAM)],
                    )
                given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
                absence = rng.randint(7, 240)  # first absence within the last eight months
                referral = max(0, absence - rng.randint(14, 56))
                course_status = status()
                if absence < 30 and course_status in closed:
                    course_status = CourseStatus.REFERRED
                user = None
                if i % CITIZENS_PER_LOGIN == 0:
                    course_status = CourseStatus.ACTIVE
                    user = User(
                        username=usernames(given, family),
                        first_name=given,
                        last_name=family,
                        password=password,
                        language="da",
                    )
                    citizen_users.append(user)
                while True:
                    national_id = synthetic_national_id(id_rng, today)
                    digest = keyed_digest(national_id)
                    if digest not in issued:
                        issued.add(digest)
                        break
                citizen = Citizen(
                    user=user,
                    given_name=given,
                    family_name=family,
                    national_id=national_id,
                    national_id_digest=digest,
                )
                citizens.append(citizen)
                courses.append(
                    Course(
                        citizen=citizen,
                        team=teams[t],
                        care_manager=cm,
                        employment_consultant=ec,
                        referral_date=today - dt.timedelta(days=referral),
                        first_absence_day=today - dt.timedelta(days=absence),
                        status=course_status,
                        diagnosis_group=diagnosis(),
                        jurisdiction=Jurisdiction.DK,
                    )
                )
            User.objects.bulk_create(citizen_users, batch_size=batch_size)
            Citizen.objects.bulk_create(citizens, batch_size=batch_size)
            Course.objects.bulk_create(courses, batch_size=batch_size)
            if builder is not None:
                for chunk in range(0, len(courses), CONTENT_CHUNK):
                    for course in courses[chunk : chunk + CONTENT_CHUNK]:
                        assert course.care_manager and course.employment_consultant
                        builder.add(
                            course=course,
                            citizen=course.citizen,
                            cm=course.care_manager,
                            ec=course.employment_consultant,
                        )
                    builder.flush()
            done = start + len(citizens)
            say(f"  citizens {done}/{scale}{' and their content' if builder else ''} · {elapsed()}")
        result.logins = sample_logins(tag=tag)
        if builder is not None:
            result.content = dict(builder.counts)
    database_analyse()
    say(f"  statistics refreshed (ANALYZE) · {elapsed()}")
    result.seconds = time.monotonic() - started
    say(f"Generated run {tag} in {result.seconds:.1f} s")
    return result


def database_analyse() -> None:
    """Refresh the query planner's statistics after a bulk load (PostgreSQL and SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # An approximate analysis: enough for the planner, seconds instead of minutes.
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")
