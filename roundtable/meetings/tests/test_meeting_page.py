"""The meeting page: purpose and participants, the agenda, the decision log with its forms, the
guidance for shared decision making, and the minutes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.meetings.models import Decision
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import log_decision, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    return schedule(cast.alice, cast.anna, purpose="Talk about the first steps back.")


def _page(client, meeting):
    return client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()


def test_the_page_shows_purpose_participants_agenda_and_guidance(client, login, cast, meeting):
    log_decision(cast.alice, meeting, title="Which activity first?", is_key=True)
    log_decision(cast.alice, meeting, title="A side question")
    login(cast.bob)
    page = _page(client, meeting)
    assert "Talk about the first steps back." in page
    for name in ("Anna Secretperson", "Alice Andersen", "Bob Berg"):
        assert name in page
    agenda = page.split("Agenda: the key decisions", 1)[1].split("</section>", 1)[0]
    assert "Which activity first?" in agenda and "A side question" not in agenda
    assert '<details class="guidance">' in page
    for talk in ("Team talk", "Option talk", "Decision talk"):
        assert talk in page


def test_a_decision_is_logged_through_the_page(client, login, cast, meeting):
    login(cast.alice)
    response = client.post(
        reverse("meetings:decision-new", args=[meeting.id]),
        {
            "type": "return_to_work",
            "subtype": "fitness_for_duty",
            "title": "When does the benefit end?",
            "raised_by": "employment_consultant",
            "status": "postponed",
            "revisit_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#decision-{decision.id}")
    # The zone was left to the type: the employment consultant's, by law.
    assert decision.zone == "employment_consultant"
    page = _page(client, meeting)
    assert "When does the benefit end?" in page and "Employment consultant decides" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "No type", "status": "open"}, "Choose the type of decision."),
        (
            {"type": "goals", "subtype": "activities", "title": "x", "status": "open"},
            "Choose a subtype of the chosen type.",
        ),
        ({"type": "goals", "title": "x", "status": "postponed"}, "needs a date to come back"),
        ({"type": "goals", "title": "x", "status": "excluded"}, "Say why the decision is excluded"),
    ],
)
def test_bad_decisions_on_the_page_get_a_message_and_nothing_is_saved(
    client, login, cast, meeting, data, message
):
    login(cast.alice)
    response = client.post(
        reverse("meetings:decision-new", args=[meeting.id]), {"raised_by": "citizen", **data}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "Nothing has been saved yet." in body
    assert '<details open id="log-decision">' in body
    assert not Decision.objects.exists()


def test_choosing_a_type_narrows_the_subtypes_and_fills_in_its_zone(client, login, cast):
    login(cast.alice)
    url = reverse("meetings:decision-fields")
    fragment = client.get(url, {"type": "return_to_work"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and body.startswith('<div id="decision-classification">')
    assert "Stepped return-to-work plan" in body and "Temporary goals" not in body
    assert '<option value="joint" selected>' in body
    fitness = client.get(url, {"type": "return_to_work", "subtype": "fitness_for_duty"}).content
    assert b'<option value="employment_consultant" selected>' in fitness
    # A subtype left over from another type is dropped, not kept.
    mixed = client.get(url, {"type": "goals", "subtype": "fitness_for_duty"}).content.decode()
    assert 'value="fitness_for_duty"' not in mixed


def test_the_type_field_asks_for_the_fragment_with_htmx(client, login, cast, meeting):
    login(cast.alice)
    page = _page(client, meeting)
    assert f'hx-get="{reverse("meetings:decision-fields")}"' in page
    assert 'hx-target="#decision-classification"' in page
    assert 'hx-params="type,subtype"' in page  # the CSRF token stays out of the URL


def test_the_citizen_and_managers_get_no_typology_fragment(client, login, cast):
    for who in (cast.anna, cast.mona):
        login(who)
        assert client.get(reverse("meetings:decision-fields")).status_code == 404


def test_a_decision_is_changed_on_its_own_page(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting, title="Stress diary?")
    login(cast.bob)
    url = reverse("meetings:decision-edit", args=[meeting.id, decision.id])
    page = client.get(url).content.decode()
    assert 'value="Stress diary?"' in page and "Change the decision" in page
    response = client.post(
        url,
        {
            "type": "course_content",
            "subtype": "activities",
            "zone": "joint",
            "title": "Stress diary?",
            "raised_by": "care_manager",
            "status": "excluded",
            "exclusion_reason": "programme_frame",
            "exclusion_note": "Therapy elsewhere is outside the programme.",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "excluded" and decision.exclusion_reason == "programme_frame"


def test_options_are_added_on_the_page_with_pros_and_cons(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting)
    login(cast.alice)
    prefix = f"option-{decision.id}"
    response = client.post(
        reverse("meetings:option-new", args=[meeting.id, decision.id]),
        {f"{prefix}-text": "MBSR course", f"{prefix}-pros": "Group", f"{prefix}-cons": "8 weeks"},
    )
    assert response.status_code == 302
    page = _page(client, meeting)
    assert "MBSR course" in page and "Group" in page and "8 weeks" in page
    empty = client.post(
        reverse("meetings:option-new", args=[meeting.id, decision.id]), {f"{prefix}-text": ""}
    )
    assert empty.status_code == 400 and decision.options.count() == 1


def test_an_option_is_marked_chosen_on_its_page(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting, options=[OptionData("Ten hours a week")])
    option = decision.options.get()
    login(cast.alice)
    url = reverse("meetings:option-edit", args=[meeting.id, decision.id, option.id])
    assert "Ten hours a week" in client.get(url).content.decode()
    client.post(url, {"text": "Ten hours a week", "pros": "Gentle", "chosen": "on"})
    option.refresh_from_db()
    assert option.chosen and option.pros == "Gentle"


def test_the_page_warns_when_a_held_meeting_has_undecided_decisions(client, login, cast):
    meeting = schedule(cast.alice, cast.anna, days_ahead=-1)
    log_decision(cast.alice, meeting)
    meeting.status = "held"
    meeting.save()
    login(cast.alice)
    assert "still marked “to be decided”" in _page(client, meeting)


def test_every_decision_is_tagged_meeting_minutes_for_consent(cast, meeting):
    decision = log_decision(cast.alice, meeting, options=[OptionData("A")])
    assert meeting.data_class == decision.data_class == "meeting_minutes"
    assert decision.options.get().data_class == "meeting_minutes"


def test_help_texts_and_errors_are_tied_to_their_fields(client, login, cast, meeting):
    login(cast.alice)
    response = client.post(
        reverse("meetings:decision-new", args=[meeting.id]),
        {"type": "goals", "title": "", "raised_by": "citizen", "status": "open"},
    )
    body = response.content.decode()
    assert 'aria-describedby="id_title_helptext id_title_error"' in body
    assert 'id="id_title_helptext"' in body and 'id="id_title_error"' in body
    assert 'aria-invalid="true"' in body
