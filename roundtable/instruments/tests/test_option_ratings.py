"""Observer OPTION-12 and OPTION-5 ratings of a held meeting, per item with a note."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from roundtable.instruments.models import OptionRating
from roundtable.instruments.services import option_rating_record
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of, schedule

pytestmark = pytest.mark.django_db


def _form(items, source="recording"):
    data = {f"item_{n}": str(v) for n, v in enumerate(items, start=1)}
    data.update({f"note_{n}": f"seen {n}" for n in range(1, len(items) + 1)})
    data["source"] = source
    return data


def test_the_team_leader_rates_option12_and_the_three_views_show_the_score(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.tina)
    url = reverse("instruments:meeting-option", args=[meeting.pk, "option12"])
    page = client.get(url).content.decode()
    assert "The team points out a problem that needs a decision." in page
    # Raw 8 of 48 -> 16.67 (instruments.md worked row: raw 8 -> 17).
    response = client.post(url, _form([2, 2, 2, 2] + [0] * 8), follow=True)
    body = response.content.decode()
    assert "The rating is saved." in body
    assert "16.7" in body and "Tina Thorsen" in body
    rating = OptionRating.objects.get()
    assert rating.notes[0] == "seen 1" and rating.source == "recording"


def test_option5_scores_raw_times_five(cast):
    meeting, _ = held_meeting(cast)
    rating = option_rating_record(
        actor=actor_of(cast.sam),
        meeting_id=meeting.pk,
        instrument="option5",
        items=[4, 4, 3, 2, 1],
        source="live",
    )
    from roundtable.instruments.selectors import option_score

    assert option_score(rating) == 70.0


def test_an_out_of_range_rating_is_refused_beside_the_item(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.alice)
    url = reverse("instruments:meeting-option", args=[meeting.pk, "option5"])
    response = client.post(url, _form([1, 5, 1, 1, 1]))
    assert response.status_code == 400
    assert 'id="id_item_2_error"' in response.content.decode()
    with pytest.raises(ValidationError, match="Item 2"):
        option_rating_record(
            actor=actor_of(cast.alice),
            meeting_id=meeting.pk,
            instrument="option5",
            items=[1, 5, 1, 1, 1],
            source="live",
        )
    assert not OptionRating.objects.exists()


def test_only_a_held_meeting_once_per_rater_and_only_the_team(cast):
    planned = schedule(cast.alice, cast.anna)
    args = {"instrument": "option5", "items": [1] * 5, "source": "live"}
    with pytest.raises(ValidationError):
        option_rating_record(actor=actor_of(cast.tina), meeting_id=planned.pk, **args)
    meeting, _ = held_meeting(cast)
    option_rating_record(actor=actor_of(cast.tina), meeting_id=meeting.pk, **args)
    with pytest.raises(ValidationError, match="already rated"):
        option_rating_record(actor=actor_of(cast.tina), meeting_id=meeting.pk, **args)
    with pytest.raises(PermissionDenied):
        option_rating_record(actor=actor_of(cast.anna), meeting_id=meeting.pk, **args)
    with pytest.raises(Http404):
        option_rating_record(actor=actor_of(cast.carol), meeting_id=meeting.pk, **args)
    assert OptionRating.objects.count() == 1


def test_another_teams_professional_gets_404_on_the_rating_pages(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.dave)
    for instrument in ("option12", "option5"):
        url = reverse("instruments:meeting-option", args=[meeting.pk, instrument])
        assert client.get(url).status_code == 404
        assert client.post(url, _form([1] * 5)).status_code == 404
    login(cast.anna)
    url = reverse("instruments:meeting-option", args=[meeting.pk, "option5"])
    assert client.get(url).status_code == 404
    assert not OptionRating.objects.exists()
