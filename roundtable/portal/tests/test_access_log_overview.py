"""The citizen's access log shows the unusual first and routine access by person and day, with
the full list one click away (issue 10, 14)."""

import contextlib
import html

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.selectors import access_log_overview
from roundtable.citizens.gate import citizen_access

PAGE = "/me/access-log/"


def _opens(professional, citizen, times=1):
    for _ in range(times):
        with contextlib.suppress(Http404):
            citizen_access(
                actor=actor_for_user(professional.user),
                citizen_id=citizen.id,
                purpose="citizen_overview",
            )


def _overview(cast):
    return access_log_overview(actor=actor_for_user(cast.anna.user), citizen_id=cast.anna.id)


def test_routine_reads_are_grouped_by_person_and_day(cast):
    _opens(cast.alice, cast.anna, times=7)
    _opens(cast.bob, cast.anna, times=2)
    overview = _overview(cast)
    assert overview.unusual == []
    [(_day, groups)] = overview.days
    assert [(g.who, g.done) for g in groups] == [
        ("Bob Berg", [("looked at your record", 2)]),
        ("Alice Andersen", [("looked at your record", 7)]),
    ]
    assert overview.total == 9


def test_someone_outside_the_team_who_was_stopped_comes_first(cast):
    _opens(cast.alice, cast.anna, times=3)
    _opens(cast.dave, cast.anna)  # Team Beta: refused
    overview = _overview(cast)
    [unusual] = overview.unusual
    assert unusual.entry.who == "Dave Dahl"
    assert unusual.kind == "refused"
    assert [g.who for _day, groups in overview.days for g in groups] == ["Alice Andersen"]


def test_the_page_shows_the_groups_and_links_to_the_full_list(client, cast):
    _opens(cast.alice, cast.anna, times=5)
    _opens(cast.dave, cast.anna)
    client.force_login(cast.anna.user)
    page = html.unescape(client.get(PAGE).content.decode())
    assert (
        page.index("Look at these first")
        < page.index("Dave Dahl")
        < page.index("Your team, day by day")
    )
    assert "looked at your record (5 times)" in page
    assert page.count("Alice Andersen") == 1
    assert "See the full list (6 lines)" in page
    full = html.unescape(client.get(PAGE + "?all=1").content.decode())
    assert full.count("Alice Andersen") == 5


def test_the_overview_runs_a_fixed_number_of_queries(client, cast):
    client.force_login(cast.anna.user)
    client.get(PAGE)
    _opens(cast.alice, cast.anna, times=2)
    _opens(cast.dave, cast.anna)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    for who in (cast.alice, cast.bob, cast.tina, cast.dave):
        _opens(who, cast.anna, times=5)
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.parametrize("who", ["alice", "tina"])
def test_only_the_citizen_reads_their_overview(client, cast, who):
    client.force_login(getattr(cast, who).user)
    assert client.get(PAGE).status_code == 404
    with pytest.raises(Http404):
        access_log_overview(actor=actor_for_user(cast.anna.user), citizen_id=cast.bent.id)
