"""The pure rule (roundtable.consent.access.decide), without the database."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from roundtable.accounts.actor import Actor
from roundtable.consent.access import DirectiveFacts, ProvisionFacts, decide
from roundtable.core.data_classes import ALL_CLASSES, EMPLOYMENT_CLASSES, HEALTH_CLASSES

TODAY = dt.date(2026, 3, 1)
ORG = uuid.uuid4()
CITIZEN = uuid.uuid4()
ROLES = ("care_manager", "employment_consultant", "employment_specialist", "team_leader",
         "supervisor")  # fmt: skip


def professional(role="employment_consultant", sector="employment", org=ORG) -> Actor:
    return Actor(
        user_id=uuid.uuid4(), username="x", role=role, sector=sector, organisation_id=org,
        professional_id=uuid.uuid4(),
    )  # fmt: skip


def directive(*provisions, status="active", start=None, end=None) -> DirectiveFacts:
    return DirectiveFacts(
        id=uuid.uuid4(), version=1, status=status, start=start, end=end, provisions=provisions
    )


def rule(kind, recipient_kind, recipient, *classes, start=None, end=None) -> ProvisionFacts:
    return ProvisionFacts(
        type=kind, recipient_kind=recipient_kind, recipient=str(recipient),
        data_classes=frozenset(classes), start=start, end=end,
    )  # fmt: skip


def classes_of(actor, d=None, today=TODAY):
    return decide(actor=actor, citizen_id=CITIZEN, jurisdiction="dk", directive=d, today=today)


provisions = st.builds(
    rule,
    st.sampled_from(["permit", "deny"]),
    st.sampled_from(["sector", "role", "organisation"]),
    st.sampled_from(["health", "employment", "care_manager", "employment_consultant", ORG]),
    st.sampled_from(sorted(ALL_CLASSES)),
)


@given(
    st.lists(provisions, max_size=6),
    st.sampled_from(ROLES),
    st.sampled_from(["health", "employment"]),
)
def test_an_explicit_deny_always_wins_over_any_permit(rules, role, sector):
    actor = professional(role, sector)
    denied = {c for r in rules if r.type == "deny" and r.applies_to(actor, today=TODAY,
              purpose=r.purpose) for c in r.data_classes}  # fmt: skip
    fixed = HEALTH_CLASSES if sector == "health" else EMPLOYMENT_CLASSES
    result = classes_of(actor, directive(*rules)).classes
    assert not (result & (denied - fixed))
    # What the law or the sector's own record gives is never taken away.
    assert fixed <= result


@given(st.lists(provisions, max_size=6))
def test_an_inactive_or_expired_directive_counts_as_none(rules):
    actor = professional()
    none = classes_of(actor).classes
    assert classes_of(actor, directive(*rules, status="inactive")).classes == none
    assert classes_of(actor, directive(*rules, end=TODAY - dt.timedelta(days=1))).classes == none
    assert classes_of(actor, directive(*rules, start=TODAY + dt.timedelta(days=1))).classes == none


def test_the_citizen_reads_everything_of_their_own_and_nothing_else():
    anna = Actor(user_id=uuid.uuid4(), username="anna", role="citizen", citizen_id=CITIZEN)
    d = directive(rule("deny", "sector", "employment", *ALL_CLASSES))
    assert classes_of(anna, d).classes == ALL_CLASSES
    other = Actor(user_id=uuid.uuid4(), username="bent", role="citizen", citizen_id=uuid.uuid4())
    assert classes_of(other).classes == frozenset()


def test_managers_evaluators_and_administrators_read_nothing_whatever_the_permit():
    d = directive(rule("permit", "role", "manager", *ALL_CLASSES),
                  rule("permit", "sector", "health", *ALL_CLASSES))  # fmt: skip
    for role in ("manager", "evaluator", "administrator"):
        assert classes_of(professional(role, "health"), d).classes == frozenset()
    assert classes_of(None, d).classes == frozenset()


def test_a_provisions_own_period_limits_it():
    actor = professional()
    d = directive(rule("permit", "sector", "employment", "diagnosis",
                       end=TODAY - dt.timedelta(days=1)))  # fmt: skip
    assert "diagnosis" not in classes_of(actor, d).classes
    assert "diagnosis" in classes_of(actor, d, today=TODAY - dt.timedelta(days=2)).classes


def test_the_decision_names_its_basis_for_the_audit():
    actor = professional()
    assert classes_of(actor).audit_value("diagnosis") == "default:dk diagnosis=deny"
    d = directive(rule("permit", "sector", "employment", "diagnosis"))
    assert classes_of(actor, d).audit_value("diagnosis") == "directive:v1 diagnosis=permit"
    expired = directive(end=TODAY - dt.timedelta(days=1))
    assert classes_of(actor, expired).basis == "expired:v1"
