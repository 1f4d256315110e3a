"""Times as people read them: in the deployment's time zone, in the reader's language.

Datetimes are stored aware, in UTC. A template's `|date` filter converts them to the active time
zone by itself, but Python code that formats a datetime (`date_format`, `strftime`) or a value
that travelled as an ISO string (the access export, a plan snapshot) does not: the access-export
PDF said "Published … 06:19" where the page said 07:19 (issue 10, finding 3). Everything that
renders a time outside a template — PDFs built from JSON, CSV files, e-mails, notices — goes
through these functions.

The deployment's time zone is `TIME_ZONE` (Europe/Copenhagen by default; a Swedish deployment
sets Europe/Stockholm, a Norwegian one Europe/Oslo). Machine-readable output (JSON, iCalendar)
keeps UTC with its offset instead.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import formats, timezone

JURISDICTION_TIME_ZONES = {
    "DK": "Europe/Copenhagen",
    "SE": "Europe/Stockholm",
    "NO": "Europe/Oslo",
}


def deployment_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def jurisdiction_zone(jurisdiction: str) -> zoneinfo.ZoneInfo:
    """The time zone of a jurisdiction, the deployment's own for one we do not know."""
    name = JURISDICTION_TIME_ZONES.get(jurisdiction)
    return zoneinfo.ZoneInfo(name) if name else deployment_zone()


def local(value: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The moment in the deployment's time zone (or `zone`). A naive value is taken as UTC,
    the way every datetime is stored."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(zone or deployment_zone())


def format_datetime(value: dt.datetime, fmt: str = "DATETIME_FORMAT") -> str:
    """ "2 December 2026, 07:19" in the active language, in the deployment's time zone."""
    return formats.date_format(local(value), fmt)


def format_time(value: dt.datetime) -> str:
    return formats.time_format(local(value), "TIME_FORMAT")


def format_date(value: dt.date | dt.datetime, fmt: str = "DATE_FORMAT") -> str:
    """A date in the active language; a datetime gives its day in the deployment's time zone."""
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return formats.date_format(value, fmt)


def spreadsheet_datetime(value: dt.datetime) -> str:
    """ "2026-12-02 07:19" for a CSV cell: sortable, in the deployment's time zone."""
    return local(value).strftime("%Y-%m-%d %H:%M")


def parse_iso(value: str) -> dt.date | dt.datetime | None:
    """A date or datetime written the ISO way (as the JSON export writes them), else None."""
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
