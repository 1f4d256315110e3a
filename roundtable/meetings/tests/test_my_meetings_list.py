import pytest
from django.urls import reverse

from roundtable.meetings.testing import schedule

pytestmark = pytest.mark.django_db


def test_a_planned_meeting_whose_time_has_passed_is_not_coming_up(client, login, cast):
    schedule(cast.alice, cast.anna, days_ahead=-7, purpose="The one that was not marked held.")
    schedule(cast.alice, cast.anna, days_ahead=5, purpose="The next one.")
    login(cast.anna.user)
    page = client.get(reverse("meetings:my-list")).content.decode()
    assert page.count("Get ready for this meeting") == 1
