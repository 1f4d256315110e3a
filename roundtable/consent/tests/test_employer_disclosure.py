"""What the team may tell an employer (the IPS disclosure ledger): only what a permit rule for
the employer sector gives, in force on every day asked about; a deny rule, the base policy and
the defaults never widen it."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from roundtable.consent.access import DirectiveFacts, ProvisionFacts, employer_disclosure_permits
from roundtable.consent.models import ConsentDirective
from roundtable.consent.tests.test_consent_pages import answers
from roundtable.core.data_classes import HEALTH_CLASSES
from roundtable.vocational.testing import employer_permit

DAY = dt.date(2026, 6, 1)


def _directive(*provisions, base_policy="deny", status="active", start=DAY - dt.timedelta(30)):
    return DirectiveFacts(
        id=uuid.uuid4(),
        version=2,
        status=status,
        base_policy=base_policy,
        start=start,
        provisions=tuple(provisions),
    )


def _rule(kind, recipient, *classes, **extra):
    return ProvisionFacts(
        type=kind,
        recipient_kind="sector",
        recipient=recipient,
        data_classes=frozenset(classes),
        **extra,
    )


def test_a_permit_for_employers_lets_the_team_tell_exactly_that():
    directive = _directive(_rule("permit", "employer", "functional_capacity"))
    assert employer_disclosure_permits(directive, days=[DAY]) == {"functional_capacity"}


def test_no_consent_a_withdrawn_one_or_a_permit_for_the_jobcentre_tells_employers_nothing():
    assert employer_disclosure_permits(None, days=[DAY]) == frozenset()
    withdrawn = _directive(_rule("permit", "employer", "diagnosis"), status="inactive")
    assert employer_disclosure_permits(withdrawn, days=[DAY]) == frozenset()
    jobcentre = _directive(_rule("permit", "employment", "diagnosis"))
    assert employer_disclosure_permits(jobcentre, days=[DAY]) == frozenset()


def test_a_base_policy_of_permit_is_not_consent_to_tell_an_employer():
    assert employer_disclosure_permits(_directive(base_policy="permit"), days=[DAY]) == frozenset()


def test_a_day_before_the_consent_began_is_refused():
    directive = _directive(_rule("permit", "employer", "diagnosis"))
    assert employer_disclosure_permits(directive, days=[DAY, DAY - dt.timedelta(60)]) == frozenset()


@given(
    st.sets(st.sampled_from(sorted(HEALTH_CLASSES))),
    st.sets(st.sampled_from(sorted(HEALTH_CLASSES))),
)
def test_a_deny_for_employers_always_beats_a_permit(permitted, denied):
    directive = _directive(
        _rule("permit", "employer", *permitted), _rule("deny", "employer", *denied)
    )
    told = employer_disclosure_permits(directive, days=[DAY])
    assert told == permitted - denied


@pytest.mark.django_db
def test_saving_the_sharing_page_keeps_the_rule_about_employers(client, login, cast):
    """The portal's sharing form asks about the two sectors of the team; a rule that lets the
    team tell employers something (recorded on paper) is shown and kept when the citizen saves."""
    employer_permit(cast, "functional_capacity")
    login(cast.anna)
    page = client.get(reverse("consent:mine")).content.decode()
    assert "Employer" in page
    response = client.post(reverse("consent:mine"), answers(version=1))
    assert response.status_code == 302, response.content.decode()[:2000]
    current = ConsentDirective.objects.filter(citizen=cast.anna).order_by("-version").first()
    assert current is not None and current.version == 2
    kept = [p for p in current.provisions.all() if p.recipient_sector == "employer"]
    assert [p.data_classes for p in kept] == [["functional_capacity"]]
