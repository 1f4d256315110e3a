"""The citizen's questionnaire reads plainly: LIX ≤ 40 in all four languages, before and after
answering."""

import pytest
from django.urls import reverse

from roundtable.core.readability import lix, visible_text
from roundtable.instruments.services import sdm_response_answer
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of

pytestmark = pytest.mark.django_db


def test_the_questionnaire_reads_at_lix_40_or_below_in_every_language(client, login, cast):
    meeting, _ = held_meeting(cast)
    url = reverse("instruments:my-sdm", args=[meeting.pk])
    login(cast.anna)
    found = {}
    for answered in (False, True):
        if answered:
            sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=[4] * 9)
        for language in ("en", "da", "sv", "nb"):
            cast.anna.user.language = language
            cast.anna.user.save(update_fields=["language"])
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200
            assert f'<html lang="{language}"' in response.content.decode()
            text = visible_text(response.content.decode(), main_only=True)
            found[(language, answered)] = round(lix(text), 1)
    assert all(value <= 40 for value in found.values()), found
