"""The access export as a document a person can read (issue 10, finding 2).

The JSON copy is for machines and holds everything, in the shape each part exported it. The PDF
is for the person: this module turns the same JSON-ready data into sections in plain words —
your plan, your meetings and what was decided, your sick-leave dates, what the team has written,
who may see what, who has looked — with labels and values in the reader's language and every
date and time in the deployment's time zone (`core/times.py`). Codes (`in_progress`,
`framework`, `joint_plan`) become the words the pages use; bookkeeping (ids, schema numbers,
data classes of each row) stays in the JSON.

Pure: it reads the export's data and nothing else, so it is tested with plain dictionaries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.consent.models import ProvisionType
from roundtable.core import times
from roundtable.core.data_classes import DataClass
from roundtable.exports.display import label
from roundtable.plans.models import GoalKind, GoalStatus, OwnerSector, SectionKind

# Columns that are bookkeeping, not content: left out of the document (the JSON keeps them).
HIDDEN = {
    "id",
    "schema",
    "data_class",
    "course",
    "plan",
    "session",
    "created_at",
    "updated_at",
    "updated_by",
    "order",
    "citizen",
    "previous",
    "directive",
    "recorded_by_role",
    "milestone",
    "step",
}
ALLOWED = "allowed"
DECIMAL = re.compile(r"-?\d+\.\d+")  # how the JSON writes a decimal score or number of hours


@dataclass
class Block:
    """One thing in a section: a heading, a line under it, fields, free text, a small table."""

    title: str = ""
    meta: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    items: list[str] = field(default_factory=list)
    table_head: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    intro: str = ""
    blocks: list[Block] = field(default_factory=list)
    empty: str = ""


@dataclass
class Document:
    title: str
    made_on: str
    about: list[tuple[str, str]]
    sections: list[Section]


def _choices(*enums: type[models.TextChoices]) -> dict[str, str]:
    return {str(value): str(text) for enum in enums for value, text in enum.choices}


def value_text(value: Any) -> str:
    """A value in words: yes/no, dates in the reader's language, codes as the pages name them."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, str):
        moment = times.parse_iso(value)
        if isinstance(moment, dt.datetime):
            return times.format_datetime(moment)
        if isinstance(moment, dt.date):
            return times.format_date(moment)
        if DECIMAL.fullmatch(value):
            return formats.number_format(Decimal(value).normalize())
        words = _choices(GoalKind, GoalStatus, OwnerSector, SectionKind, DataClass).get(value)
        if words is not None:
            return words
    return str(value)


def _fields(row: Mapping[str, Any], skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The row's content as (label, value) pairs; bookkeeping and empty values left out."""
    left_out = HIDDEN | set(skip)
    pairs = []
    for key, value in row.items():
        if key in left_out or isinstance(value, dict) or value in (None, "", []):
            continue
        if isinstance(value, list) and key != "data_classes":
            continue
        pairs.append((label(key), value_text(value)))
    return pairs


def _day(value: str) -> str:
    """The day of a date or a moment, in the reader's language and the local time zone."""
    moment = times.parse_iso(value)
    return times.format_date(moment) if moment is not None else value


def _number(value: Any) -> str:
    """7.4 as the reader writes it (7,4 in Danish)."""
    try:
        return formats.number_format(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return value_text(value)


def _date(value: str | None) -> str:
    return value_text(value) if value else ""


# --- Sections --------------------------------------------------------------------------------


def _plan(versions: list[dict[str, Any]], own: bool) -> Section:
    section = Section(
        _("Your plan") if own else _("Joint plan"),
        _("The plan you made with your team. Here is the newest version.")
        if own
        else _("The plan made with the citizen. Here is the newest version."),
        empty=_("No plan has been published yet."),
    )
    if not versions:
        return section
    newest = versions[-1]
    plan = newest.get("plan") or {}
    section.blocks.append(
        Block(
            title=_("Version %(n)s") % {"n": newest["version"]},
            meta=_("Published %(date)s by %(who)s.")
            % {"date": _date(newest.get("published_at")), "who": newest.get("published_by")},
            fields=[(_("Next review"), value_text(plan.get("review_on")))]
            if plan.get("review_on")
            else [],
        )
    )
    for part in plan.get("sections", ()):
        if part.get("text", "").strip():
            section.blocks.append(Block(title=value_text(part["kind"]), text=part["text"]))
    for goal in plan.get("goals", ()):
        section.blocks.append(
            Block(
                title=goal.get("text", ""),
                fields=[
                    (_("Kind of goal"), value_text(goal.get("kind"))),
                    (_("Who works on it"), value_text(goal.get("owner_sector"))),
                    (_("Target date"), value_text(goal.get("target_date"))),
                    (_("How far"), value_text(goal.get("status"))),
                ],
            )
        )
    ramp = plan.get("ramp") or {}
    if ramp.get("weeks"):
        section.blocks.append(
            Block(
                title=_("Back to work, week by week"),
                meta=_("Starts %(date)s.") % {"date": _date(ramp.get("start"))}
                if ramp.get("start")
                else "",
                table_head=[_("Week"), _("Hours a day"), _("Days a week"), _("Note")],
                table=[
                    [
                        str(number),
                        _number(week.get("hours_per_day")),
                        str(week.get("days_per_week", "")),
                        week.get("note") or "",
                    ]
                    for number, week in enumerate(ramp["weeks"], 1)
                ],
            )
        )
    answers = [(v["version"], a) for v in versions for a in v.get("answers", ())]
    if answers:
        section.blocks.append(
            Block(
                title=(
                    _("Your answers to the plan") if own else _("The citizen's answers to the plan")
                ),
                items=[
                    _("Version %(n)s, %(date)s: %(agreement)s. %(comment)s")
                    % {
                        "n": number,
                        "date": _date(a.get("answered_at")),
                        "agreement": a.get("agreement"),
                        "comment": a.get("comment") or "",
                    }
                    for number, a in answers
                ],
            )
        )
    if len(versions) > 1:
        earlier = ", ".join(
            _("version %(n)s of %(date)s") % {"n": v["version"], "date": _day(v["published_at"])}
            if v.get("published_at")
            else str(v["version"])
            for v in versions[:-1]
        )
        section.blocks.append(
            Block(
                text=_("Earlier versions: %(list)s. The data file (JSON) has them in full.")
                % {"list": earlier}
            )
        )
    return section


def _meetings(meetings: list[dict[str, Any]], own: bool) -> Section:
    section = Section(
        _("Your meetings and what was decided") if own else _("Meetings and what was decided"),
        empty=_("No meetings yet."),
    )
    for meeting in meetings:
        block = Block(
            title=_("Meeting on %(date)s") % {"date": _date(meeting.get("starts_at"))},
            meta=meeting.get("status") or "",
            fields=[
                (_("Place"), value_text(meeting.get("place") or meeting.get("video_url"))),
                (_("What the meeting is for"), value_text(meeting.get("purpose"))),
            ],
        )
        for decision in meeting.get("decisions", ()):
            chosen = [o["option"] for o in decision.get("options", ()) if o.get("chosen")]
            outcome = decision.get("what_was_decided") or ", ".join(chosen)
            question = decision.get("what_is_to_be_decided")
            if outcome:
                line = _("%(question)s — decided: %(outcome)s") % {
                    "question": question,
                    "outcome": outcome,
                }
            else:
                line = f"{question} — {decision.get('status')}"
            if decision.get("come_back_on"):
                line += ". " + _("Back to it on %(date)s") % {
                    "date": _date(decision["come_back_on"])
                }
            block.items.append(line)
        answers = [a for a in meeting.get("preparation", ()) if a.get("answer")]
        for answer in answers:
            block.fields.append((answer.get("question", ""), answer["answer"]))
        if meeting.get("minutes"):
            block.text = meeting["minutes"]
        section.blocks.append(block)
    return section


def _sick_leave(data: Mapping[str, Any], own: bool) -> Section:
    section = Section(
        _("Your sick-leave dates") if own else _("Sick-leave dates"),
        _("Dates set by law, and the periods and decisions about your benefit.")
        if own
        else _("Dates set by law, and the periods and decisions about the benefit."),
        empty=_("No dates yet."),
    )
    milestones = data.get("milestones", ())
    if milestones:
        section.blocks.append(
            Block(
                title=_("Dates set by law"),
                table_head=[_("Date"), _("What"), _("What it means")],
                table=[
                    [_date(m.get("date")), m.get("label", ""), m.get("explanation", "")]
                    for m in milestones
                ],
            )
        )
    periods = data.get("benefit_periods", ())
    if periods:
        section.blocks.append(
            Block(
                title=_("Periods with sick pay or benefit"),
                items=[
                    _("%(start)s to %(end)s")
                    % {"start": _date(p["first_day"]), "end": _date(p["last_day"]) or _("now")}
                    + (f" ({_('reduced')})" if p.get("reduced") else "")
                    for p in periods
                ],
            )
        )
    for key in ("benefit_decisions", "medical_evidence_requests"):
        rows = data.get(key, ())
        if rows:
            section.blocks.append(
                Block(
                    title=label(key),
                    items=["; ".join(v for _k, v in _fields(r) if v != "—") for r in rows],
                )
            )
    return section


def _written(course: Mapping[str, Any], own: bool) -> Section:
    """The journal and the records of care, work and life situation, newest first."""
    section = Section(
        _("What the team has written"),
        _("What the people in your team wrote about you.")
        if own
        else _("What the team wrote, as far as the citizen's consent lets you read it."),
        empty=_("Nothing written yet."),
    )
    sections = course.get("sections", {})
    for entry in sorted(
        sections.get("journal", ()), key=lambda e: e.get("written_at") or "", reverse=True
    ):
        block = Block(
            title=entry.get("kind", ""),
            meta=_("%(date)s, %(who)s")
            % {"date": _date(entry.get("written_at")), "who": entry.get("author")},
            text=entry.get("text", ""),
        )
        for dispute in entry.get("disputes", ()):
            block.items.append(
                (
                    _("You marked it as wrong on %(date)s: %(statement)s (%(status)s)")
                    if own
                    else _("The citizen marked it as wrong on %(date)s: %(statement)s (%(status)s)")
                )
                % {
                    "date": _date(dispute.get("raised_at")),
                    "statement": dispute.get("statement", ""),
                    "status": dispute.get("status", ""),
                }
            )
        for addendum in entry.get("addenda", ()):
            block.items.append(
                _("Added on %(date)s by %(who)s: %(text)s")
                % {
                    "date": _date(addendum.get("written_at")),
                    "who": addendum.get("author"),
                    "text": addendum.get("text", ""),
                }
            )
        section.blocks.append(block)
    for part in ("care", "vocational"):
        for key, rows in (sections.get(part) or {}).items():
            section.blocks += _records(label(key), rows)
    section.blocks += _records(label("life_areas"), sections.get("life_situation") or [])
    return section


SHORT = 80  # characters: records whose every value is shorter read best as one table


def _records(title: str, rows: list[dict[str, Any]]) -> list[Block]:
    """Records of one kind: short ones as one table (a row each), long texts as blocks."""
    pairs = [_fields(row) for row in rows]
    if not any(pairs):
        return []
    if any(len(value) > SHORT for fields in pairs for _key, value in fields):
        return [Block(title=title, fields=fields) for fields in pairs if fields]
    columns: list[str] = []
    for fields in pairs:
        columns += [key for key, _value in fields if key not in columns]
    table = [[dict(fields).get(column, "—") for column in columns] for fields in pairs]
    return [Block(title=title, table_head=columns, table=table)]


def _provision_text(provision: Mapping[str, Any]) -> str:
    who = (
        provision.get("recipient_organisation")
        or provision.get("recipient_sector")
        or provision.get("recipient_role")
        or provision.get("recipient_kind")
    )
    what = ", ".join(provision.get("data_classes", ()))
    if provision.get("type") in (ProvisionType.DENY, str(ProvisionType.DENY.label)):
        return _("%(who)s may not see: %(what)s") % {"who": who, "what": what}
    return _("%(who)s may see: %(what)s") % {"who": who, "what": what}


def _consent(directives: list[dict[str, Any]], own: bool) -> Section:
    section = Section(
        _("Who may see what"),
        _("Your choices about who may see what, as they are now.")
        if own
        else _("The citizen's choices about who may see what, as they are now."),
        empty=_("You have not made any choices. The rules of the law apply.")
        if own
        else _("The citizen has not made any choices. The rules of the law apply."),
    )
    if not directives:
        return section
    current = directives[-1]
    section.blocks.append(
        Block(
            title=(
                _("Your choices, version %(n)s")
                if own
                else _("The citizen's choices, version %(n)s")
            )
            % {"n": current.get("version")},
            meta=_("From %(date)s.") % {"date": _date(current.get("period_start"))},
            items=[_provision_text(p) for p in current.get("provisions", ())],
        )
    )
    if len(directives) > 1:
        section.blocks.append(
            Block(
                text=(
                    ngettext(
                        "You changed your choices %(n)s time before. "
                        "The data file has each version.",
                        "You changed your choices %(n)s times before. "
                        "The data file has each version.",
                        len(directives) - 1,
                    )
                    if own
                    else ngettext(
                        "The citizen changed their choices %(n)s time before. "
                        "The data file has each version.",
                        "The citizen changed their choices %(n)s times before. "
                        "The data file has each version.",
                        len(directives) - 1,
                    )
                )
                % {"n": len(directives) - 1}
            )
        )
    return section


def _access_log(entries: list[dict[str, Any]]) -> Section:
    """Who has looked, grouped by person and day; anything refused or unusual first."""
    section = Section(
        _("Who has looked at your record"),
        _("Each line is one person on one day. Anything that was refused comes first."),
        empty=_("No one has looked at your record yet."),
    )
    unusual = [e for e in entries if e.get("outcome") not in (None, "", ALLOWED)]
    if unusual:
        section.blocks.append(
            Block(
                title=_("Refused or unusual"),
                items=[
                    f"{_date(e.get('when'))}: {e.get('who')} ({e.get('organisation')}): "
                    f"{e.get('what')}. {e.get('why') or ''}"
                    for e in unusual
                ],
            )
        )
    groups: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for e in entries:
        if e in unusual or not e.get("when"):
            continue
        moment = times.parse_iso(e["when"])
        local_day = times.local(moment).date() if isinstance(moment, dt.datetime) else moment
        day = _day(e["when"])
        key = (str(local_day), day, str(e.get("who")), f"{e.get('role')}, {e.get('organisation')}")
        if e.get("what") and e["what"] not in groups[key]:
            groups[key].append(e["what"])
    rows = []
    for (_iso, day, who, where), whats in sorted(groups.items(), reverse=True):
        rows.append([day, who, where, "; ".join(whats)])
    if rows:
        section.blocks.append(
            Block(table_head=[_("Day"), _("Who"), _("Role"), _("What they did")], table=rows)
        )
    return section


def export_document(data: Mapping[str, Any], *, own: bool) -> Document:
    """The readable document of an export's JSON-ready data."""
    citizen = data.get("citizen", {})
    about = [(label(k), value_text(v)) for k, v in citizen.items() if k not in HIDDEN]
    sections: list[Section] = []
    courses = data.get("courses", ())
    for course in courses:
        facts = [
            (label(k), value_text(v))
            for k, v in course.items()
            if k not in HIDDEN and k != "sections" and v is not None
        ]
        about += facts
        parts = course.get("sections", {})
        sections += [
            _plan(parts.get("joint_plan", []), own),
            _meetings(parts.get("meetings", []), own),
            _sick_leave(parts.get("sick_leave", {}), own),
            _written(course, own),
        ]
    if courses:
        sections.append(_consent(courses[-1].get("sections", {}).get("consent", []), own))
    if own and "access_log" in data:
        sections.append(_access_log(data["access_log"]))
    name = " ".join(str(citizen.get(k, "")) for k in ("given_name", "family_name")).strip()
    return Document(
        title=_("A copy of your data") if own else _("Data about %(name)s") % {"name": name},
        made_on=_("Made on %(date)s.") % {"date": _date(data.get("generated_at"))},
        about=about,
        sections=sections,
    )
