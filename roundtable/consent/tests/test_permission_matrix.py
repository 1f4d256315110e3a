"""The generated permission matrix (SECURITY.md 4): role × organisation × consent state ×
data class × action, every cell checked against the written policy below.

The expected policy is written here as small explicit tables, from the issue and
roundtable/consent/defaults.py's documented rules — not computed by the code under test:

- nothing crosses a sector without a permit; each sector reads what it produces, and both read
  what is made together (minutes, joint plan, contact details) unless the citizen says no;
- what the law gives the jobcentre (its benefit decisions and vocational follow-up) and the
  health service's own record survive any deny;
- an explicit deny beats every permit; revoked and expired consent count as no consent;
- managers, evaluators, administrators and the other team read nothing; the citizen reads all.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes, visible_data_classes_by_course
from roundtable.consent.models import ConsentChange, ConsentStatus
from roundtable.consent.testing import directive_create
from roundtable.organisations.models import Role
from roundtable.testing import make_course, make_professional, make_user

pytestmark = pytest.mark.django_db

CLASSES = (
    "therapy_detail",
    "health_summary",
    "substance_medication",
    "functional_capacity",
    "diagnosis",
    "family",
    "vocational",
    "benefit_decision",
    "meeting_minutes",
    "joint_plan",
    "contact_details",
)
H = {
    "therapy_detail",
    "health_summary",
    "substance_medication",
    "functional_capacity",
    "diagnosis",
    "family",
}
E = {"vocational", "benefit_decision"}
J = {"meeting_minutes", "joint_plan", "contact_details"}

ROLES = tuple(Role.values)
ORGANISATIONS = ("own_health", "own_jobcentre", "other_health", "other_jobcentre")
STATES = ("none", "permit", "permit+deny", "revoked", "expired")
ACTIONS = ("read", "list")
WORKS_WITH_CITIZENS = {"care_manager", "employment_consultant", "employment_specialist",
                       "team_leader", "supervisor"}  # fmt: skip

# What a professional who works on the course reads, by consent state and organisation.
EXPECTED = {
    ("none", "own_health"): H | J,
    ("none", "own_jobcentre"): E | J,
    ("permit", "own_health"): H | J | {"vocational"},
    ("permit", "own_jobcentre"): E | J | {"health_summary", "functional_capacity", "family"},
    ("permit+deny", "own_health"): H | J | {"vocational", "benefit_decision"},
    ("permit+deny", "own_jobcentre"): E
    | {"joint_plan", "contact_details", "health_summary", "functional_capacity"},
    ("revoked", "own_health"): H | J,
    ("revoked", "own_jobcentre"): E | J,
    ("expired", "own_health"): H | J,
    ("expired", "own_jobcentre"): E | J,
}
# Rules for one role, on top of the table above.
ROLE_EXTRA = {("permit", "supervisor", "own_health"): {"benefit_decision"}}
ROLE_WITHHELD = {("permit+deny", "team_leader", "own_health"): {"benefit_decision"}}


def expected(state: str, role: str, organisation: str) -> set[str]:
    if role not in WORKS_WITH_CITIZENS or organisation.startswith("other"):
        return set()
    key = (state, role, organisation)
    return (EXPECTED[(state, organisation)] | ROLE_EXTRA.get(key, set())) - ROLE_WITHHELD.get(
        key, set()
    )


def _consent(cast, state: str) -> None:
    today = timezone.localdate()
    permit = [
        ("permit", "sector", "employment", ["health_summary", "functional_capacity"]),
        ("permit", "sector", "health", ["vocational"]),
        ("permit", "organisation", cast.jobcentre_north, ["family"]),
        ("permit", "role", "supervisor", ["benefit_decision"]),
    ]
    if state == "none":
        return
    if state == "permit":
        directive_create(cast.anna, permit)
    elif state == "permit+deny":
        directive_create(
            cast.anna,
            [
                (
                    "permit",
                    "sector",
                    "employment",
                    ["health_summary", "functional_capacity", "diagnosis", "therapy_detail"],
                ),
                ("deny", "sector", "employment", ["therapy_detail", "meeting_minutes"]),
                # The law keeps the jobcentre's own benefit decisions: this deny cannot bite.
                ("deny", "sector", "employment", ["benefit_decision"]),
                ("deny", "organisation", cast.jobcentre_north, ["diagnosis"]),
                ("permit", "sector", "health", ["vocational", "benefit_decision"]),
                ("deny", "role", "team_leader", ["benefit_decision"]),
                # The health service's own record survives a deny too.
                ("deny", "sector", "health", ["diagnosis"]),
            ],
        )
    elif state == "revoked":
        directive_create(cast.anna, permit)
        directive_create(cast.anna, [], status=ConsentStatus.INACTIVE, change=ConsentChange.REVOKED)
    elif state == "expired":
        directive_create(
            cast.anna,
            permit,
            start=today - dt.timedelta(days=60),
            end=today - dt.timedelta(days=1),
        )


def _people(cast):
    """One professional per role and organisation; own-team course roles carry a course of Anna."""
    organisations = {
        "own_health": (cast.region, cast.alpha),
        "own_jobcentre": (cast.jobcentre_north, cast.alpha),
        "other_health": (cast.region, cast.beta),
        "other_jobcentre": (cast.jobcentre_south, cast.beta),
    }
    people = {}
    for number, (role, organisation) in enumerate(itertools.product(ROLES, ORGANISATIONS)):
        org, team = organisations[organisation]
        teams = (team,) if role not in {"manager", "administrator"} else ()
        professional = make_professional(f"P{number} Matrix", org, role, teams)
        course = cast.anna_course
        if organisation.startswith("own") and role in {
            "care_manager",
            "employment_consultant",
            "employment_specialist",
        }:
            slot = "cm" if role == "care_manager" else "ec"
            course = make_course(
                cast.anna,
                team,
                professional if slot == "cm" else None,
                professional if slot == "ec" else None,
            )
        people[(role, organisation)] = (actor_for_user(professional.user), course)
    return people


def _read(actor, course: Course) -> set[str]:
    if not CoursePolicy.allows(actor, course):
        return set()
    return set(visible_data_classes(actor, course))


def _list(actor, course: Course) -> set[str]:
    courses = list(CoursePolicy.queryset(actor).filter(citizen_id=course.citizen_id))
    visible = visible_data_classes_by_course(actor, courses)
    return set(visible.get(course.pk, frozenset()))


@pytest.mark.parametrize("state", STATES)
def test_every_cell_matches_the_written_policy(cast, state):
    people = _people(cast)
    _consent(cast, state)
    bent_user = make_user("Bent Login")
    cast.bent.user = bent_user
    cast.bent.save()
    mismatches = []
    checked = 0
    for (role, organisation), (actor, course) in people.items():
        want = expected(state, role, organisation)
        for action in ACTIONS:
            got = _read(actor, course) if action == "read" else _list(actor, course)
            for data_class in CLASSES:
                checked += 1
                if (data_class in got) != (data_class in want):
                    mismatches.append(
                        f"{role}@{organisation} {state} {action} {data_class}: "
                        f"got {'visible' if data_class in got else 'hidden'}"
                    )
    # The citizen reads everything of their own course; another citizen nothing.
    anna = actor_for_user(cast.anna.user)
    bent = actor_for_user(bent_user)
    for action in ACTIONS:
        read = _read if action == "read" else _list
        for data_class in CLASSES:
            checked += 2
            if data_class not in read(anna, cast.anna_course):
                mismatches.append(f"citizen(own) {state} {action} {data_class}: hidden")
            if data_class in read(bent, cast.anna_course):
                mismatches.append(f"citizen(other) {state} {action} {data_class}: visible")
    assert checked == (len(ROLES) * len(ORGANISATIONS) + 2) * len(ACTIONS) * len(CLASSES)
    assert mismatches == []
