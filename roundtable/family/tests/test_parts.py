"""The family's part of the access export: the citizen's own copy lists their family members
and what each could see; the team's export of the record does not (the family is the
citizen's to tell about)."""

import json

import pytest
from django.urls import reverse

from roundtable.family.testing import family_member

pytestmark = pytest.mark.django_db


def _family_section(client, user, cast):
    client.force_login(user)
    response = client.get(reverse("exports:json", args=[cast.anna.pk]))
    assert response.status_code == 200
    return json.loads(response.content)["courses"][0]["sections"].get("family")


def test_the_citizens_own_export_lists_their_family_and_what_each_could_see(client, cast):
    family_member(cast.anna)
    rows = _family_section(client, cast.anna.user, cast)
    assert [row["name"] for row in rows] == ["Maria"]
    assert rows[0]["relation"] == "sister" and rows[0]["accepted_at"]
    assert "token" not in json.dumps(rows)


def test_the_teams_export_does_not_hold_the_family(client, cast):
    family_member(cast.anna)
    assert not _family_section(client, cast.alice.user, cast)
