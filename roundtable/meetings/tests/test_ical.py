"""The iCalendar text (RFC 5545): CRLF line endings, escaping, folding at 75 octets."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.meetings import ical

START = dt.datetime(2030, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Room 4", "Room 4"),
        ("Jobcentre North, room 4", "Jobcentre North\\, room 4"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nbreak", "windows\\nbreak"),
        ("æøå, Ölgata 5", "æøå\\, Ölgata 5"),
    ],
)
def test_text_values_are_escaped(text, escaped):
    assert ical.escape_text(text) == escaped


def test_times_are_written_in_utc():
    copenhagen = dt.timezone(dt.timedelta(hours=1))
    assert ical.utc_stamp(dt.datetime(2030, 1, 2, 10, 30, tzinfo=copenhagen)) == (
        "20300102T093000Z"
    )
    with pytest.raises(ValueError):
        ical.utc_stamp(dt.datetime(2030, 1, 2, 10, 30))


def _render(**extra):
    values = {
        "uid": "abc@roundtable",
        "summary": "Roundtable meeting",
        "starts_at": START,
        "ends_at": START + dt.timedelta(hours=1),
        "stamp": START,
    }
    values.update(extra)
    return ical.render(ical.Invitation(**values))


def test_every_line_ends_with_crlf_and_none_with_a_bare_lf():
    text = _render(location="Somewhere, with a comma\nand a line break")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    for required in ("VERSION:2.0", "PRODID:", "UID:abc@roundtable", "DTSTAMP:", "DTSTART:"):
        assert any(line.startswith(required) for line in lines), required
    assert "DTSTART:20300304T090000Z" in lines and "DTEND:20300304T100000Z" in lines
    assert "LOCATION:Somewhere\\, with a comma\\nand a line break" in lines


def test_a_cancelled_meeting_is_a_cancellation():
    text = _render(cancelled=True, sequence=2)
    assert "STATUS:CANCELLED\r\n" in text and "METHOD:CANCEL\r\n" in text
    assert "SEQUENCE:2\r\n" in text


def test_long_lines_are_folded_and_unfold_to_the_original():
    place = "Jobcentre North, Storegade 120, 3rd floor, meeting room “Fjord” — ask at the desk"
    text = _render(location=place)
    physical = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    unfolded = text.replace("\r\n ", "")
    assert f"LOCATION:{ical.escape_text(place)}\r\n" in unfolded


# fold() gets escaped content lines: escape_text has already turned every line break into "\\n".
@given(st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=400))
def test_folding_never_exceeds_75_octets_and_is_lossless(line):
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
