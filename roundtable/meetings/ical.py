"""The calendar invitation of a meeting: an iCalendar object (RFC 5545), pure and ORM-free.

It says only "Roundtable meeting", when and where. No name, purpose, decision or health detail
goes in: an invitation travels through mail servers and shared calendars outside our control.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CRLF = "\r\n"
# RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
MAX_LINE_OCTETS = 75
PRODID = "-//Roundtable//Roundtable meetings//EN"


@dataclass(frozen=True)
class Invitation:
    uid: str
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    stamp: dt.datetime
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: escape backslash, semicolon and comma; line breaks become \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def utc_stamp(moment: dt.datetime) -> str:
    """RFC 5545 3.3.5 form 2, UTC: 19970714T173000Z. `moment` must be aware."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("calendar times must be aware datetimes")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """RFC 5545 3.1: split a content line into lines of at most 75 octets, each continuation
    starting with one space, never inside a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            # The leading space of a continuation line counts towards its 75 octets.
            current, size, limit = [" "], 1, MAX_LINE_OCTETS
        current.append(char)
        size += width
    parts.append("".join(current))
    return CRLF.join(parts)


def render(invitation: Invitation) -> str:
    """The iCalendar text with CRLF line endings, ready to serve as text/calendar."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if invitation.cancelled else "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(invitation.uid)}",
        f"DTSTAMP:{utc_stamp(invitation.stamp)}",
        f"DTSTART:{utc_stamp(invitation.starts_at)}",
        f"DTEND:{utc_stamp(invitation.ends_at)}",
        f"SEQUENCE:{invitation.sequence}",
        f"SUMMARY:{escape_text(invitation.summary)}",
    ]
    if invitation.location:
        lines.append(f"LOCATION:{escape_text(invitation.location)}")
    if invitation.url:
        # URI values are not TEXT: no escaping (RFC 5545 3.3.13), only folding.
        lines.append(f"URL:{invitation.url}")
    lines += [
        "STATUS:CANCELLED" if invitation.cancelled else "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "CLASS:PRIVATE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)
