"""The joint plan's content as plain data: the ramp's arithmetic and checks, the snapshot a
published version freezes, what a reader may see of it, and the comparison of two versions.

Pure functions without the ORM (STYLE.md 7), shared by the services, selectors, pages, the API
and the PDF so that they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.core.data_classes import DataClass
from roundtable.plans.models import (
    MAX_HOURS_PER_DAY,
    GoalKind,
    GoalStatus,
    OwnerSector,
    SectionKind,
)

SNAPSHOT_SCHEMA = 1
MAX_RAMP_WEEKS = 52
MAX_GOALS = 30
GOAL_MAX_LENGTH = 1000
SECTION_MAX_LENGTH = 10000
NOTE_MAX_LENGTH = 300
# A plan is written within ten years of today; anything else is a typing slip.
REASONABLE = dt.timedelta(days=3653)
SECTION_ORDER = (SectionKind.OVERALL, SectionKind.CARE_MANAGER, SectionKind.EMPLOYMENT_CONSULTANT)


@dataclass(frozen=True)
class RampRow:
    hours_per_day: Decimal
    days_per_week: int
    note: str = ""

    @property
    def weekly_hours(self) -> Decimal:
        return weekly_hours(self.hours_per_day, self.days_per_week)


@dataclass(frozen=True)
class GoalData:
    kind: str
    owner_sector: str
    text: str
    status: str = GoalStatus.NOT_STARTED
    target_date: dt.date | None = None
    decision_ids: tuple[uuid.UUID, ...] = ()
    id: uuid.UUID | None = None


def weekly_hours(hours_per_day: Decimal, days_per_week: int) -> Decimal:
    return (Decimal(hours_per_day) * days_per_week).quantize(Decimal("0.01"))


def hours_label(value: Decimal | float | str) -> str:
    """Hours without trailing zeros: 3, 3.5, 7.25."""
    number = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    return f"{number:f}"


def normalise_goal_text(text: str) -> str:
    """Lower-case words without punctuation or accents: two goals written from one template,
    or copied with another full stop, come out the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", letters))[:1000]


# --- The ramp ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A problem with the draft and where it is, so a form can say it beside the field:
    `part` is "plan", "goal" or "ramp"; `row` the goal's or week's index (0-based) in its part;
    `field` the form field's name, or None for the part as a whole."""

    message: str
    part: str = "plan"
    row: int | None = None
    field: str | None = None


def ramp_problems(
    rows: Sequence[RampRow], *, start: dt.date | None, max_weekly: Decimal | int | float
) -> list[str]:
    """What is wrong with a stepped return-to-work plan, in words a person can act on."""
    return [p.message for p in ramp_problem_list(rows, start=start, max_weekly=max_weekly)]


def ramp_problem_list(
    rows: Sequence[RampRow], *, start: dt.date | None, max_weekly: Decimal | int | float
) -> list[Problem]:
    """The ramp's problems with the week and field each is about.

    Each week: 1–7 days, 0–24 hours a day, and at most `max_weekly` hours in the week (the
    legal or agreed maximum, ROUNDTABLE_MAX_WEEKLY_HOURS). A week with fewer hours than the one
    before is a step back: it needs a note saying why, so the citizen is not left guessing.
    """
    problems: list[Problem] = []
    if not rows:
        return problems
    if start is None:
        problems.append(
            Problem(_("Give the first day of the return-to-work plan."), field="ramp_start")
        )
    if len(rows) > MAX_RAMP_WEEKS:
        problems.append(
            Problem(
                ngettext(
                    "Plan at most %(n)d week of return to work at a time.",
                    "Plan at most %(n)d weeks of return to work at a time.",
                    MAX_RAMP_WEEKS,
                )
                % {"n": MAX_RAMP_WEEKS},
                part="ramp",
            )
        )
    limit = Decimal(str(max_weekly))
    previous: Decimal | None = None
    for index, row in enumerate(rows):
        week = index + 1

        def problem(message: str, field: str, index: int = index) -> Problem:
            return Problem(message, part="ramp", row=index, field=field)

        bad_numbers = False
        if not 1 <= row.days_per_week <= 7:
            problems.append(
                problem(
                    _("Week %(week)d: days per week must be from 1 to 7.") % {"week": week},
                    "days_per_week",
                )
            )
            bad_numbers = True
        if not Decimal(0) <= row.hours_per_day <= MAX_HOURS_PER_DAY:
            problems.append(
                problem(
                    _("Week %(week)d: hours per day must be from 0 to 24.") % {"week": week},
                    "hours_per_day",
                )
            )
            bad_numbers = True
        if len(row.note) > NOTE_MAX_LENGTH:
            problems.append(
                problem(
                    ngettext(
                        "Week %(week)d: keep the note under %(n)d character.",
                        "Week %(week)d: keep the note under %(n)d characters.",
                        NOTE_MAX_LENGTH,
                    )
                    % {"week": week, "n": NOTE_MAX_LENGTH},
                    "note",
                )
            )
        if bad_numbers:
            previous = None
            continue
        hours = row.weekly_hours
        if hours > limit:
            problems.append(
                problem(
                    _(
                        "Week %(week)d: %(hours)s hours a week is more than the maximum of "
                        "%(max)s hours."
                    )
                    % {"week": week, "hours": hours_label(hours), "max": hours_label(limit)},
                    "hours_per_day",
                )
            )
        if previous is not None and hours < previous and not row.note.strip():
            problems.append(
                problem(
                    _(
                        "Week %(week)d has fewer hours than the week before. Add a note that "
                        "says why, so the citizen understands the step back."
                    )
                    % {"week": week},
                    "note",
                )
            )
        previous = hours
    return problems


@dataclass(frozen=True)
class RampWeek:
    week: int
    starts_on: dt.date | None
    hours_per_day: Decimal
    days_per_week: int
    weekly_hours: Decimal
    note: str

    @property
    def hours_per_day_label(self) -> str:
        return hours_label(self.hours_per_day)

    @property
    def weekly_hours_label(self) -> str:
        return hours_label(self.weekly_hours)


def ramp_weeks(start: dt.date | None, rows: Iterable[Mapping[str, Any]]) -> list[RampWeek]:
    """The ramp as the table shows it: week by week from the start date."""
    weeks = []
    for index, row in enumerate(rows):
        hours = Decimal(str(row["hours_per_day"]))
        days = int(row["days_per_week"])
        weeks.append(
            RampWeek(
                week=index + 1,
                starts_on=start + dt.timedelta(weeks=index) if start else None,
                hours_per_day=hours,
                days_per_week=days,
                weekly_hours=weekly_hours(hours, days),
                note=str(row.get("note", "")),
            )
        )
    return weeks


def decimal_or_none(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


# --- Dates ---------------------------------------------------------------------------------------


def date_problems(
    *,
    today: dt.date,
    first_absence_day: dt.date | None,
    review_on: dt.date | None,
    ramp_start: dt.date | None,
    goals: Sequence[GoalData],
    publishing: bool,
) -> list[str]:
    """Dates out of order: a ramp before the absence began, a return-to-work goal before the
    ramp starts, a review date in the past when the plan is published, or a typing slip."""
    return [
        p.message
        for p in date_problem_list(
            today=today,
            first_absence_day=first_absence_day,
            review_on=review_on,
            ramp_start=ramp_start,
            goals=goals,
            publishing=publishing,
        )
    ]


def date_problem_list(
    *,
    today: dt.date,
    first_absence_day: dt.date | None,
    review_on: dt.date | None,
    ramp_start: dt.date | None,
    goals: Sequence[GoalData],
    publishing: bool,
) -> list[Problem]:
    """The date problems with the field each is about."""
    problems: list[Problem] = []
    dated: list[tuple[str, int | None, dt.date | None]] = [
        ("review_on", None, review_on),
        ("ramp_start", None, ramp_start),
    ]
    dated += [("target_date", index, g.target_date) for index, g in enumerate(goals)]
    far = [(name, index) for name, index, d in dated if d and abs(d - today) > REASONABLE]
    if far:
        name, index = far[0]
        problems.append(
            Problem(
                _("Choose dates within ten years from today."),
                part="plan" if index is None else "goal",
                row=index,
                field=name,
            )
        )
        return problems
    if ramp_start and first_absence_day and ramp_start < first_absence_day:
        problems.append(
            Problem(
                _(
                    "The return-to-work plan cannot start before the first day of absence "
                    "(%(date)s)."
                )
                % {"date": date_format(first_absence_day, "DATE_FORMAT")},
                field="ramp_start",
            )
        )
    for index, goal in enumerate(goals):
        if (
            goal.kind == GoalKind.FRAMEWORK
            and goal.target_date
            and ramp_start
            and goal.target_date < ramp_start
        ):
            problems.append(
                Problem(
                    _(
                        "The return-to-work goal's target date is before the return-to-work "
                        "plan starts. Move one of the two dates."
                    ),
                    part="goal",
                    row=index,
                    field="target_date",
                )
            )
            break
    if publishing and review_on and review_on < today:
        problems.append(
            Problem(
                _("The date to review the plan is in the past. Choose a later date."),
                field="review_on",
            )
        )
    return problems


# --- The snapshot of a published version ---------------------------------------------------------


def build_snapshot(
    *,
    review_on: dt.date | None,
    sections: Mapping[str, str],
    goals: Sequence[Mapping[str, Any]],
    ramp_start: dt.date | None,
    ramp: Sequence[RampRow],
) -> dict:
    """Everything a version holds, as JSON. Each part names its data class, so a reader's
    view is a filter over the snapshot (`visible_snapshot`)."""
    from roundtable.plans.models import SECTION_DATA_CLASS

    return {
        "schema": SNAPSHOT_SCHEMA,
        "review_on": review_on.isoformat() if review_on else None,
        "sections": [
            {
                "kind": str(kind),
                "data_class": str(SECTION_DATA_CLASS[kind]),
                "text": sections.get(kind, ""),
            }
            for kind in SECTION_ORDER
        ],
        "goals": [
            {
                "id": str(g["id"]),
                "kind": str(g["kind"]),
                "owner_sector": str(g["owner_sector"]),
                "text": g["text"],
                "target_date": g["target_date"].isoformat() if g["target_date"] else None,
                "status": str(g["status"]),
                "data_class": str(DataClass.JOINT_PLAN),
                "decisions": [
                    {"id": str(d["id"]), "title": d["title"]} for d in g.get("decisions", ())
                ],
            }
            for g in goals
        ],
        "ramp": {
            "data_class": str(DataClass.JOINT_PLAN),
            "start": ramp_start.isoformat() if ramp_start else None,
            "weeks": [
                {
                    "hours_per_day": hours_label(r.hours_per_day),
                    "days_per_week": r.days_per_week,
                    "note": r.note,
                }
                for r in ramp
            ],
        },
    }


def content_of(snapshot: Mapping[str, Any]) -> dict:
    """The snapshot without what does not count as a change (nothing yet beyond the schema)."""
    return {k: v for k, v in snapshot.items() if k != "schema"}


def is_empty(snapshot: Mapping[str, Any]) -> bool:
    return (
        not snapshot.get("goals")
        and not any(s["text"].strip() for s in snapshot.get("sections", ()))
        and not snapshot.get("ramp", {}).get("weeks")
    )


def visible_snapshot(snapshot: Mapping[str, Any], visible: Iterable[str]) -> dict:
    """What a reader may see of a snapshot: parts of a data class they may not read are left
    out entirely (not emptied), in pages, the API, comparisons and the PDF alike."""
    classes = set(visible)
    ramp = snapshot.get("ramp") or {}
    return {
        "schema": snapshot.get("schema", SNAPSHOT_SCHEMA),
        "review_on": snapshot.get("review_on") if DataClass.JOINT_PLAN in classes else None,
        "sections": [s for s in snapshot.get("sections", ()) if s["data_class"] in classes],
        "goals": [g for g in snapshot.get("goals", ()) if g["data_class"] in classes],
        "ramp": ramp
        if ramp.get("data_class") in classes
        else {"data_class": ramp.get("data_class"), "start": None, "weeks": []},
    }


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --- Comparing two versions ----------------------------------------------------------------------


GOAL_FIELDS = ("kind", "owner_sector", "text", "target_date", "status", "decisions")


@dataclass(frozen=True)
class GoalChange:
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    fields: tuple[str, ...]

    @property
    def field_labels(self) -> list[str]:
        return [goal_field_label(f) for f in self.fields]

    @property
    def before_status(self) -> str:
        return goal_status_label(self.before.get("status", ""))

    @property
    def after_status(self) -> str:
        return goal_status_label(self.after.get("status", ""))

    @property
    def before_target(self) -> dt.date | None:
        return parse_date(self.before.get("target_date"))

    @property
    def after_target(self) -> dt.date | None:
        return parse_date(self.after.get("target_date"))


@dataclass(frozen=True)
class TextDiff:
    kind: str
    before: str
    after: str
    # (op, words): op is "equal", "delete" or "insert".
    segments: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return section_label(self.kind)


@dataclass(frozen=True)
class RampChange:
    week: int
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


@dataclass
class Comparison:
    goals_added: list[Mapping[str, Any]] = field(default_factory=list)
    goals_removed: list[Mapping[str, Any]] = field(default_factory=list)
    goals_changed: list[GoalChange] = field(default_factory=list)
    sections: list[TextDiff] = field(default_factory=list)
    ramp_start: tuple[str | None, str | None] | None = None
    ramp: list[RampChange] = field(default_factory=list)
    review_on: tuple[str | None, str | None] | None = None

    @property
    def ramp_start_dates(self) -> tuple[dt.date | None, dt.date | None] | None:
        if self.ramp_start is None:
            return None
        return parse_date(self.ramp_start[0]), parse_date(self.ramp_start[1])

    @property
    def review_dates(self) -> tuple[dt.date | None, dt.date | None] | None:
        if self.review_on is None:
            return None
        return parse_date(self.review_on[0]), parse_date(self.review_on[1])

    @property
    def has_changes(self) -> bool:
        return bool(
            self.goals_added
            or self.goals_removed
            or self.goals_changed
            or self.sections
            or self.ramp_start
            or self.ramp
            or self.review_on
        )


def _field_value(goal: Mapping[str, Any], name: str) -> Any:
    if name == "decisions":
        return sorted(d["id"] for d in goal.get("decisions", ()))
    return goal.get(name)


def word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """Word-level differences, with the whitespace kept so the text reads as written."""
    a = re.findall(r"\S+\s*", before)
    b = re.findall(r"\S+\s*", after)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return tuple(segments)


def compare_snapshots(old: Mapping[str, Any], new: Mapping[str, Any]) -> Comparison:
    """What changed from `old` to `new` (both already filtered for the reader).

    Goals are matched by their id (the draft keeps ids from save to save), then, among the rest,
    by their normalised text; what is left over was added or removed.
    """
    result = Comparison()
    old_goals = list(old.get("goals", ()))
    new_goals = list(new.get("goals", ()))
    old_by_id = {g["id"]: g for g in old_goals}
    unmatched_new = []
    pairs = []
    for goal in new_goals:
        earlier = old_by_id.pop(goal["id"], None)
        if earlier is None:
            unmatched_new.append(goal)
        else:
            pairs.append((earlier, goal))
    by_text = {normalise_goal_text(g["text"]): g for g in old_by_id.values()}
    for goal in unmatched_new:
        earlier = by_text.pop(normalise_goal_text(goal["text"]), None)
        if earlier is None:
            result.goals_added.append(goal)
        else:
            old_by_id.pop(earlier["id"], None)
            pairs.append((earlier, goal))
    result.goals_removed = [g for g in old_goals if g["id"] in old_by_id]
    for before, after in pairs:
        changed = tuple(f for f in GOAL_FIELDS if _field_value(before, f) != _field_value(after, f))
        if changed:
            result.goals_changed.append(GoalChange(before=before, after=after, fields=changed))

    old_sections = {s["kind"]: s["text"] for s in old.get("sections", ())}
    new_sections = {s["kind"]: s["text"] for s in new.get("sections", ())}
    for kind in SECTION_ORDER:
        if kind not in old_sections and kind not in new_sections:
            continue
        before, after = old_sections.get(kind, ""), new_sections.get(kind, "")
        if before != after:
            result.sections.append(
                TextDiff(kind=kind, before=before, after=after, segments=word_diff(before, after))
            )

    old_ramp, new_ramp = old.get("ramp") or {}, new.get("ramp") or {}
    if old_ramp.get("start") != new_ramp.get("start"):
        result.ramp_start = (old_ramp.get("start"), new_ramp.get("start"))
    old_weeks, new_weeks = old_ramp.get("weeks", []), new_ramp.get("weeks", [])
    for index in range(max(len(old_weeks), len(new_weeks))):
        before_week = old_weeks[index] if index < len(old_weeks) else None
        after_week = new_weeks[index] if index < len(new_weeks) else None
        if before_week != after_week:
            result.ramp.append(RampChange(week=index + 1, before=before_week, after=after_week))
    if old.get("review_on") != new.get("review_on"):
        result.review_on = (old.get("review_on"), new.get("review_on"))
    return result


# Labels for goal fields in the comparison (kept here so makemessages finds them).
def goal_field_label(name: str) -> str:
    return {
        "kind": _("kind"),
        "owner_sector": _("whose goal"),
        "text": _("wording"),
        "target_date": _("target date"),
        "status": _("status"),
        "decisions": _("linked decisions"),
    }.get(name, name)


def goal_kind_label(value: str) -> str:
    try:
        return str(GoalKind(value).label)
    except ValueError:
        return value


def owner_sector_label(value: str) -> str:
    try:
        return str(OwnerSector(value).label)
    except ValueError:
        return value


def goal_status_label(value: str) -> str:
    try:
        return str(GoalStatus(value).label)
    except ValueError:
        return value


def section_label(value: str) -> str:
    try:
        return str(SectionKind(value).label)
    except ValueError:
        return value


# --- Display -------------------------------------------------------------------------------------


def plain_goal_kind_label(value: str) -> str:
    """The kind of goal in the citizen's words."""
    labels: dict[str, str] = {
        GoalKind.FRAMEWORK: _("Your main goal: back to work"),
        GoalKind.SUPPORTING: _("A goal that helps you get there"),
        GoalKind.LONG_TERM: _("A goal for the longer term"),
        GoalKind.TEMPORARY: _("A goal for now"),
    }
    return labels.get(value, value)


def plain_goal_status_label(value: str) -> str:
    labels: dict[str, str] = {
        GoalStatus.NOT_STARTED: _("Not started yet"),
        GoalStatus.IN_PROGRESS: _("You are working on it"),
        GoalStatus.REACHED: _("Reached"),
        GoalStatus.DROPPED: _("No longer a goal"),
    }
    return labels.get(value, value)


def display_goal(goal: Mapping[str, Any]) -> dict:
    """A goal (snapshot or draft) with the labels pages and the PDF show."""
    target = goal.get("target_date")
    if isinstance(target, str):
        target = parse_date(target)
    return {
        **goal,
        "target": target,
        "kind_label": goal_kind_label(goal["kind"]),
        "owner_label": owner_sector_label(goal["owner_sector"]),
        "status_label": goal_status_label(goal["status"]),
        "plain_kind_label": plain_goal_kind_label(goal["kind"]),
        "plain_status_label": plain_goal_status_label(goal["status"]),
    }
