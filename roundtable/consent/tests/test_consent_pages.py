"""The citizen's consent page in the portal and the professional's page under the citizen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.consent.models import ConsentDirective, ConsentStatus
from roundtable.consent.testing import directive_create

pytestmark = pytest.mark.django_db

ASKED = {
    "employment": (
        "functional_capacity",
        "health_summary",
        "substance_medication",
        "diagnosis",
        "therapy_detail",
        "family",
        "meeting_minutes",
        "joint_plan",
        "contact_details",
    ),
    "health": (
        "vocational",
        "benefit_decision",
        "meeting_minutes",
        "joint_plan",
        "contact_details",
    ),
}
JOINT = {"meeting_minutes", "joint_plan", "contact_details"}


def answers(*yes: tuple[str, str], no: tuple[tuple[str, str], ...] = (), version: int = 0):
    """Form data: the jointly made classes yes unless said otherwise, the rest no."""
    data = {
        "period_start": timezone.localdate().isoformat(),
        "period_end": "",
        "expected_version": str(version),
    }
    for sector, classes in ASKED.items():
        for c in classes:
            shared = (c in JOINT or (sector, c) in yes) and (sector, c) not in no
            data[f"{sector}__{c}"] = "yes" if shared else "no"
    return data


def checked(page: str, name: str) -> str | None:
    """Which answer of a yes/no question the page shows as chosen."""
    found = re.search(rf'<input type="radio" name="{name}" value="(yes|no)"[^>]* checked', page)
    return found.group(1) if found else None


def test_the_page_speaks_plainly_and_shows_the_defaults(client, login, cast):
    login(cast.anna)
    page = client.get(reverse("consent:mine")).content.decode()
    for text in (
        "Who may see what",
        "The jobcentre may see:",
        "What you can and cannot do at work",
        "What you talk about in therapy",
        "Health care may see:",
        "always sees",
    ):
        assert text in page
    assert checked(page, "employment__therapy_detail") == "no"
    assert checked(page, "employment__joint_plan") == "yes"
    assert checked(page, "health__vocational") == "no"


def test_the_portal_home_links_to_the_consent_page(client, login, cast):
    login(cast.anna)
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("consent:mine") in page


def test_saving_makes_a_new_version_each_time_and_keeps_the_old(client, login, cast):
    login(cast.anna)
    response = client.post(reverse("consent:mine"), answers(("employment", "functional_capacity")))
    assert response.status_code == 302
    first = ConsentDirective.objects.get()
    assert first.given_via == "portal" and first.recorded_by == cast.anna.user
    permits = [p for p in first.provisions.all() if p.type == "permit"]
    assert permits[0].data_classes == ["functional_capacity"]
    denies = {c for p in first.provisions.all() if p.type == "deny" for c in p.data_classes}
    assert "therapy_detail" in denies and "diagnosis" in denies
    page = client.get(reverse("consent:mine")).content.decode()
    assert checked(page, "employment__functional_capacity") == "yes"

    response = client.post(
        reverse("consent:mine"),
        answers(("employment", "functional_capacity"), ("employment", "health_summary"), version=1),
    )
    assert response.status_code == 302
    assert list(ConsentDirective.objects.values_list("version", flat=True)) == [2, 1]
    history = client.get(reverse("consent:my-history")).content.decode()
    assert "First recorded" in history and "Changed" in history
    assert AuditEvent.objects.filter(action="consent_change", citizen_id=cast.anna.id).count() == 2


def test_a_stale_form_is_refused_and_saves_nothing(client, login, cast):
    directive_create(cast.anna, [])
    login(cast.anna)
    response = client.post(reverse("consent:mine"), answers(version=0))
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert ConsentDirective.objects.count() == 1


def test_saying_no_to_minutes_denies_them_to_the_jobcentre(client, login, cast):
    login(cast.anna)
    client.post(reverse("consent:mine"), answers(no=(("employment", "meeting_minutes"),)))
    directive = ConsentDirective.objects.get()
    denied = {c for p in directive.provisions.all() if p.type == "deny" and p.recipient_sector ==
              "employment" for c in p.data_classes}  # fmt: skip
    assert "meeting_minutes" in denied


def test_withdraw_everything_in_one_step(client, login, cast):
    login(cast.anna)
    client.post(reverse("consent:mine"), answers(("employment", "diagnosis")))
    confirm = client.get(reverse("consent:my-withdraw")).content.decode()
    assert "take back" in confirm
    response = client.post(reverse("consent:my-withdraw"), {"expected_version": "1"})
    assert response.status_code == 302
    current = ConsentDirective.objects.order_by("-version").first()
    assert current.status == ConsentStatus.INACTIVE and current.version == 2
    page = client.get(reverse("consent:mine")).content.decode()
    assert "You have taken back your consent" in page


def test_staff_have_no_portal_consent_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("consent:mine")).status_code == 404


def test_care_manager_records_a_paper_consent(client, login, cast):
    login(cast.alice)
    url = reverse("consent:citizen-record", args=[cast.anna.id])
    assert client.get(url).status_code == 200
    data = answers(("employment", "health_summary")) | {"given_via": "paper"}
    response = client.post(url, data)
    assert response.status_code == 302
    directive = ConsentDirective.objects.get()
    assert directive.given_via == "paper" and directive.recorded_by == cast.alice.user
    page = client.get(reverse("consent:citizen", args=[cast.anna.id])).content.decode()
    assert "On paper" in page and "Version 1 is in force" in page


def test_oral_consent_needs_a_witness(client, login, cast):
    login(cast.bob)
    url = reverse("consent:citizen-record", args=[cast.anna.id])
    response = client.post(url, answers() | {"given_via": "oral", "witness_name": ""})
    assert response.status_code == 400 and "needs a witness" in response.content.decode()
    assert not ConsentDirective.objects.exists()
    response = client.post(url, answers() | {"given_via": "oral", "witness_name": "Tina Thorsen"})
    assert response.status_code == 302
    assert ConsentDirective.objects.get().witness_name == "Tina Thorsen"


def test_professional_records_a_withdrawal(client, login, cast):
    directive_create(cast.anna, [("permit", "sector", "employment", ["diagnosis"])])
    login(cast.alice)
    response = client.post(
        reverse("consent:citizen-withdraw", args=[cast.anna.id]),
        {"given_via": "paper", "expected_version": "1"},
    )
    assert response.status_code == 302
    assert ConsentDirective.objects.order_by("-version").first().status == "inactive"


def test_team_leader_reads_but_cannot_record(client, login, cast):
    login(cast.tina)
    assert client.get(reverse("consent:citizen", args=[cast.anna.id])).status_code == 200
    assert client.get(reverse("consent:citizen-record", args=[cast.anna.id])).status_code == 403


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_team_gets_404_on_every_consent_page(client, login, cast, who):
    directive_create(cast.anna, [("permit", "sector", "employment", ["diagnosis"])])
    login(getattr(cast, who))
    for response in (
        client.get(reverse("consent:citizen", args=[cast.anna.id])),
        client.get(reverse("consent:citizen-record", args=[cast.anna.id])),
        client.post(
            reverse("consent:citizen-record", args=[cast.anna.id]),
            answers() | {"given_via": "paper"},
        ),  # fmt: skip
        client.post(
            reverse("consent:citizen-withdraw", args=[cast.anna.id]), {"given_via": "paper"}
        ),  # fmt: skip
        client.get(reverse("consent:mine")),
    ):
        assert response.status_code == 404
        assert "Secretperson" not in response.content.decode()
    assert ConsentDirective.objects.count() == 1


def test_the_professional_page_links_from_the_citizen_overview(client, login, cast):
    login(cast.bob)
    page = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    assert reverse("consent:citizen", args=[cast.anna.id]) in page
