"""What a generated course holds (`roundtable generate`): meetings, plans, journal, consent,
sick leave and assessments, built in Python as plain rows and inserted in bulk by `bulk.Table`
(COPY on PostgreSQL, executemany on SQLite; about 30 rows a course).

Proportions (per course, drawn from the run's seed, so the same seed gives the same content):

- **meetings**: a course referred more than a week ago has 1–3 held meetings, each with 2–5
  decisions of the typology (mostly made, some postponed, a quarter with an excluded one;
  options with pros and cons, the chosen one marked) and minutes; about half of the open
  courses have a planned meeting (with a key decision on the agenda), a few a cancelled one.
- **joint plans**: 85 % of the courses with a held meeting have a plan made at the last one:
  three sections, five goals (linked to the meeting's decisions; the shared ones in the
  citizen's own words, 3 % with one copied sentence), a ramp of 5–7 weeks and
  0–3 published versions (most have one or two). Snapshots are built by the same
  `plans.content.build_snapshot` the publishing service uses; the draft equals the newest
  version; revisions rise by two per version (two saves before each publish).
- **journal**: 2–6 entries per course (0–2 for a referred one) across every data class, by
  the care manager or the consultant as their sector writes; some summaries for sharing from a
  therapy-detail entry, a few addenda, and for citizens with a login open and answered disputes
  with their notices. Bodies are encrypted with the field's own `get_prep_value`, the same
  Fernet token a save writes.
- **consent**: none (25 %), active on paper, orally or in the portal (35 %), changed to a
  second version (12 %), withdrawn (10 %), one rule withdrawn (5 %), expired (8 %), declined
  (5 %); permit and deny provisions by sector and by organisation.
- **sick leave** (all generated courses are Danish): benefit periods (some interrupted),
  extensions and other decisions after the reassessment, evidence requests for the care manager.
- **assessments**: the health assessment with functional capacity, a care step, sessions with
  therapy notes and symptom scores; the vocational assessment.

The invariants the services keep hold here too: one plan per course, version numbers 1..n
with the draft at the newest, consent versions 1..n per citizen chained by `previous`,
decisions postponed only with a date and excluded only with a reason, one open dispute per
entry. Nothing here writes an audit event: generated content has no history in the audit log
(the hash chains stay intact, `roundtable audit verify` passes).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from roundtable.care.models import (
    Attendance,
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionKind,
    SessionNote,
    StepStatus,
    SymptomScore,
    Treatment,
)
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course, CourseStatus, DiagnosisGroup
from roundtable.consent.models import (
    ConsentChange,
    ConsentDirective,
    ConsentProvision,
    ConsentStatus,
    GivenVia,
    ProvisionType,
    RecipientKind,
)
from roundtable.core.data_classes import DataClass
from roundtable.journal.models import (
    DisputeStatus,
    JournalAddendum,
    JournalDispute,
    JournalEntry,
    JournalNotice,
    NoticeKind,
)
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    DecisionStatus,
    DecisionSubtype,
    ExclusionReason,
    Meeting,
    MeetingStatus,
    Minutes,
)
from roundtable.organisations.models import Professional, Sector
from roundtable.plans import content as plan_content
from roundtable.plans.models import (
    SECTION_DATA_CLASS,
    Goal,
    JointPlan,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
    SectionKind,
)
from roundtable.sickleave.models import (
    BenefitDecision,
    BenefitPeriod,
    DecisionKind,
    EvidenceRequest,
)
from roundtable.vocational.models import Route, VocationalAssessment

from .assessments import CAPACITIES, INSTRUMENTS, JOBS, SUMMARIES
from .assessments import NOTES as SESSION_NOTES
from .bulk import Row, Table
from .consent import SHARES_CAPACITY, SHARES_NOTHING, SHARES_THERAPY_TOO
from .content import da
from .journal import CLOSED_DISPUTE, CORRECTION, NOTES, OPEN_DISPUTE, SUMMARY
from .meetings import DECISIONS
from .plans import COPIED_GOAL, RAMPS, SHARED_GOALS

GoalDecision = Goal.decisions.through

# Parents before children, so that every foreign key points at a row already inserted.
INSERT_ORDER: list[type[models.Model]] = [
    Meeting,
    Minutes,
    Decision,
    DecisionOption,
    JointPlan,
    PlanSection,
    Goal,
    GoalDecision,
    RampStep,
    PlanVersion,
    PlanResponse,
    JournalEntry,
    JournalDispute,
    JournalAddendum,
    JournalNotice,
    ConsentDirective,
    ConsentProvision,
    BenefitPeriod,
    BenefitDecision,
    EvidenceRequest,
    HealthAssessment,
    FunctionalCapacity,
    CareStep,
    CareSession,
    SessionNote,
    SymptomScore,
    VocationalAssessment,
]

# The generated teams are Danish, and write Danish (the demo's words, `content/da.py`).
MEETING_PLACES = [
    "Jobcentret, mødelokale 2",
    "Klinikken, lokale 4",
    "Jobcentret, det lille mødelokale",
    "Hjemme hos borgeren",
]
MEETING_PURPOSE = da.MEETING_PURPOSE
PLANNED_PURPOSE = "Vi ser på, hvordan planen går, og aftaler de næste skridt."
MINUTES = da.MINUTES
EXCLUDED_TITLE = da.EXCLUDED_TITLE
EXCLUDED_NOTE = da.EXCLUDED_NOTE
RAISED_BY = ["citizen", "care_manager", "employment_consultant"]
SECTIONS = {
    SectionKind.OVERALL: da.SECTION_OVERALL,
    SectionKind.CARE_MANAGER: da.SECTION_CARE,
    SectionKind.EMPLOYMENT_CONSULTANT: da.SECTION_EMPLOYMENT,
}
SETBACK_NOTE = da.RAMP_SETBACK_NOTE
PLAN_ANSWER = da.RESPONSE_AGREE
ADDENDUM = (
    "Tilføjelse: {name} ringede bagefter og fortalte, at formiddagen er det bedste tidspunkt."
)
EVIDENCE_QUESTION = da.EVIDENCE_QUESTION
VOCATIONAL_SUMMARY = (
    "Vil gerne tilbage til arbejdet i samme fag, med færre timer i starten. Motiveret, men "
    "bekymret for tempoet på den gamle arbejdsplads."
)
# Which of the two professionals writes a journal note of each sector.
HEALTH, EMPLOYMENT = "health", "employment"
# Consent states and their shares (per mille), drawn once per citizen.
CONSENT_STATES = [
    ("none", 250),
    ("active", 350),
    ("changed", 120),
    ("revoked", 100),
    ("rule_revoked", 50),
    ("expired", 80),
    ("declined", 50),
]
# The second version of a changed consent: a citizen shares more, or takes most back.
SECOND_CHOICES = [SHARES_THERAPY_TOO, SHARES_NOTHING]
# Subtypes whose made decisions each goal links to (as the demo plans do).
GOAL_LINKS = [
    ("return_to_work_date", "stepped_return_to_work"),
    ("individual_focus", "activities"),
    ("job_function_and_tasks", "employer_and_colleagues"),
    ("temporary_goals",),
    ("long_term_goals",),
]
GOAL_TEXTS = [
    None,  # the shared framework goal: one of SHARED_GOALS, or now and then the copied one
    da.GOAL_HEALTH,
    da.GOAL_EMPLOYMENT,
    None,  # a temporary goal of the citizen's own (TEMPORARY_GOALS)
    None,  # a long-term goal of the citizen's own (LONG_TERM_GOALS)
]
# Shared goals are the citizen's own words, so they rarely repeat across plans; a few plans
# carry the same copied sentence (the habit the plan page nudges about).
COPIED_SHARE = 0.03
TEMPORARY_GOALS = [
    f"{{name}} {what} {when}."
    for what in (
        "går tur med hunden",
        "går en tur",
        "cykler til butikken",
        "ringer til en ven",
        "laver et ordentligt måltid mad",
        "læser en halv time",
    )
    for when in (
        "hver morgen inden kl. 9",
        "tre gange om ugen",
        "hver dag efter frokost",
        "på hverdage",
        "i weekenden",
    )
]
LONG_TERM_GOALS = [
    f"{{name}} har {what} {when}."
    for what in (
        "en bedre balance mellem arbejde og fritid",
        "fri i weekenderne med familien",
        "overskud efter arbejdet",
        "en stabil døgnrytme",
    )
    for when in ("inden for et år", "til næste sommer", "om et halvt år", "igen, som før")
]
GOAL_SHAPES = [("framework", "shared"), ("supporting", "health"), ("supporting", "employment"),
               ("temporary", "shared"), ("long_term", "shared")]  # fmt: skip
SCORE_START = {"PHQ-9": (12, 22), "GAD-7": (10, 18), "WSAS": (15, 30), "PSS-10": (20, 32)}


class ContentBuilder:
    """Collects the content rows of a chunk of courses and inserts them with `flush()`.

    `add()` draws everything from one random stream in a fixed order per course, so the same
    seed and the same courses give the same content whatever the batch size. Rows are plain
    dicts keyed by attribute name (`course_id`, not `course`); `bulk.Table` fills in defaults.
    """

    def __init__(self, *, today: dt.date, seed: int | str, batch_size: int) -> None:
        self.today = today
        self.rng = random.Random(f"{seed}:content")
        self.batch_size = batch_size
        self.counts: Counter[str] = Counter()
        self.tables = {model: Table(model) for model in INSERT_ORDER}
        # The typology and the treatment catalogue are seeded by migrations.
        self.subtypes = {
            s.slug: s for s in DecisionSubtype.objects.select_related("type").filter(active=True)
        }
        self.first_treatment: dict[str, int] = {}
        for treatment in Treatment.objects.filter(active=True).order_by("level", "order", "pk"):
            self.first_treatment.setdefault(treatment.diagnosis_group, treatment.pk)
        self.plan_index = 0
        self.normalised: dict[str, str] = {}
        self.now = timezone.now()
        if connection.vendor == "postgresql":
            # Check foreign keys per statement, not all at the commit of the whole run: the
            # queue of deferred checks would otherwise hold millions of entries.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    # --- helpers --------------------------------------------------------------------------

    def _at(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    def _days(self, start: dt.date, end: dt.date, k: int) -> list[dt.date]:
        """k distinct days in [start, end], sorted (fewer if the span is shorter)."""
        span = (end - start).days + 1
        if span <= 0 or k <= 0:
            return []
        offsets = sorted(self.rng.sample(range(span), min(k, span)))
        return [start + dt.timedelta(days=d) for d in offsets]

    def _normalised(self, text: str) -> str:
        # Goal texts repeat from a short list (with the citizen's name in one of them).
        if text not in self.normalised:
            self.normalised[text] = plan_content.normalise_goal_text(text)
        return self.normalised[text]

    def _add(self, model: type[models.Model], **values: Any) -> Row:
        return self.tables[model].add(values)

    # --- one course -------------------------------------------------------------------------

    def add(self, *, course: Course, citizen: Citizen, cm: Professional, ec: Professional) -> None:
        self.now = timezone.now()
        is_open = course.status in OPEN_STATUSES
        held = self._meetings(course, cm, is_open)
        self._plan(course, citizen, cm, ec, held)
        self._journal(course, citizen, cm, ec)
        self._consent(course, citizen, cm, ec)
        self._sickleave(course, cm, ec, is_open)
        self._assessments(course, cm, ec)

    def _meeting(self, course: Course, cm: Professional, starts: dt.datetime, **values) -> Row:
        return self._add(
            Meeting,
            course_id=course.pk,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            place=self.rng.choice(MEETING_PLACES),
            created_by_id=cm.pk,
            **values,
        )

    def _meetings(
        self, course: Course, cm: Professional, is_open: bool
    ) -> list[tuple[Row, list[Row]]]:
        rng, today = self.rng, self.today
        first = course.referral_date + dt.timedelta(days=7)
        held: list[tuple[Row, list[Row]]] = []
        count = 0
        if course.status != CourseStatus.REFERRED and first < today:
            count = 1 + (rng.random() < 0.5) + (rng.random() < 0.2)
        for day in self._days(first, today - dt.timedelta(days=1), count):
            starts = self._at(day, rng.choice((9, 10, 13, 14)))
            meeting = self._meeting(
                course,
                cm,
                starts,
                status=MeetingStatus.HELD,
                purpose=MEETING_PURPOSE,
                held_at=starts + dt.timedelta(hours=1),
                sequence=1,
            )
            self._add(Minutes, meeting_id=meeting["id"], text=MINUTES, updated_by_id=cm.pk)
            held.append((meeting, self._decisions(meeting, cm, day)))
        if first < today and rng.random() < 0.05:
            day = self._days(course.referral_date, today - dt.timedelta(days=1), 1)[0]
            self._meeting(
                course,
                cm,
                self._at(day, 11),
                status=MeetingStatus.CANCELLED,
                purpose=MEETING_PURPOSE,
                sequence=1,
            )
        chance = 0.8 if course.status == CourseStatus.REFERRED else 0.5
        if is_open and rng.random() < chance:
            starts = self._at(today + dt.timedelta(days=rng.randint(1, 21)), rng.choice((9, 13)))
            meeting = self._meeting(
                course,
                cm,
                starts,
                status=MeetingStatus.PLANNED,
                purpose=PLANNED_PURPOSE if held else MEETING_PURPOSE,
            )
            if rng.random() < 0.5:
                self._decision(meeting, cm, rng.choice(DECISIONS), 1, DecisionStatus.OPEN, None)
        return held

    def _decisions(self, meeting: Row, cm: Professional, day: dt.date) -> list[Row]:
        rng = self.rng
        chosen = sorted(rng.sample(range(len(DECISIONS)), k=rng.randint(2, 5)))
        decisions = []
        for n, index in enumerate(chosen):
            status = DecisionStatus.MADE
            if n == len(chosen) - 1 and rng.random() < 0.25:
                status = DecisionStatus.POSTPONED
            decisions.append(self._decision(meeting, cm, DECISIONS[index], n + 1, status, day))
        subtype = self.subtypes.get("outside_the_framework")
        if rng.random() < 0.25 and subtype is not None:
            self._add(
                Decision,
                meeting_id=meeting["id"],
                type_id=subtype.type_id,
                subtype_id=subtype.pk,
                title=EXCLUDED_TITLE,
                raised_by="citizen",
                zone=subtype.zone,
                status=DecisionStatus.EXCLUDED,
                exclusion_reason=ExclusionReason.PROGRAMME_FRAME,
                exclusion_note=EXCLUDED_NOTE,
                order=len(chosen) + 1,
                created_by_id=cm.pk,
            )
        return decisions

    def _decision(
        self,
        meeting: Row,
        cm: Professional,
        spec: tuple[str, str, str, list[tuple[str, str, str]]],
        order: int,
        status: str,
        day: dt.date | None,
    ) -> Row:
        _type_slug, subtype_slug, title, options = spec
        subtype = self.subtypes[subtype_slug]
        made = status == DecisionStatus.MADE
        revisit_on = None
        if status == DecisionStatus.POSTPONED and day is not None:
            revisit_on = day + dt.timedelta(days=self.rng.randint(14, 28))
        decision = self._add(
            Decision,
            meeting_id=meeting["id"],
            type_id=subtype.type_id,
            subtype_id=subtype.pk,
            title=title,
            raised_by=self.rng.choice(RAISED_BY),
            zone=subtype.zone,
            status=status,
            revisit_on=revisit_on,
            outcome=options[0][0] if made else "",
            order=order,
            is_key=order <= 2 or status == DecisionStatus.OPEN,
            created_by_id=cm.pk,
        )
        decision["subtype_slug"] = subtype_slug  # for the plan's goal links; not a column
        for i, (text, pros, cons) in enumerate(options):
            self._add(
                DecisionOption,
                decision_id=decision["id"],
                text=text,
                pros=pros,
                cons=cons,
                chosen=made and i == 0,
                order=i + 1,
            )
        return decision

    def _plan(
        self,
        course: Course,
        citizen: Citizen,
        cm: Professional,
        ec: Professional,
        held: list[tuple[Row, list[Row]]],
    ) -> None:
        rng, today = self.rng, self.today
        if not held or rng.random() >= 0.85:
            return
        meeting, decisions = held[-1]
        meeting_day = timezone.localdate(meeting["starts_at"])
        index = self.plan_index
        self.plan_index += 1
        draw = rng.random()
        versions = 0 if draw < 0.1 else 1 if draw < 0.55 else 2 if draw < 0.8 else 3
        ramp_start = meeting_day + dt.timedelta(days=rng.randint(5, 14))
        name = citizen.given_name
        own_goals = {
            0: COPIED_GOAL
            if rng.random() < COPIED_SHARE
            else SHARED_GOALS[index % len(SHARED_GOALS)].format(name=name),
            3: rng.choice(TEMPORARY_GOALS).format(name=name),
            4: rng.choice(LONG_TERM_GOALS).format(name=name),
        }
        made: dict[str, list[Row]] = {}
        for d in decisions:
            if d["status"] == DecisionStatus.MADE:
                made.setdefault(d["subtype_slug"], []).append(d)
        goal_ids = [uuid.uuid4() for _ in GOAL_SHAPES]
        goal_decisions = [
            sorted((d for slug in slugs for d in made.get(slug, ())), key=lambda d: d["order"])
            for slugs in GOAL_LINKS
        ]

        def state(number: int) -> dict[str, Any]:
            """The draft as it was when version `number` was published."""
            goals = []
            for i, ((kind, owner), text) in enumerate(zip(GOAL_SHAPES, GOAL_TEXTS, strict=True)):
                status = "in_progress" if i in (0, 3) else "not_started"
                if i == 3 and number >= 3:
                    status = "reached"
                target = {
                    0: ramp_start + dt.timedelta(weeks=12),
                    1: meeting_day + dt.timedelta(weeks=6),
                    2: meeting_day + dt.timedelta(weeks=3),
                }.get(i)
                goals.append(
                    {
                        "id": goal_ids[i],
                        "kind": kind,
                        "owner_sector": owner,
                        "text": own_goals[i] if text is None else text,
                        "target_date": target,
                        "status": status,
                        "decisions": [
                            {"id": d["id"], "title": d["title"]} for d in goal_decisions[i]
                        ],
                    }
                )
            rows = [
                plan_content.RampRow(Decimal(str(h)).quantize(Decimal("0.01")), days)
                for h, days in RAMPS[index % len(RAMPS)]
            ]
            if number >= 2:
                week = len(rows) // 2
                earlier = rows[week - 1]
                rows.insert(
                    week,
                    plan_content.RampRow(
                        earlier.hours_per_day, max(1, earlier.days_per_week - 1), SETBACK_NOTE
                    ),
                )
            sections = dict(SECTIONS)
            if number >= 2:
                sections[SectionKind.EMPLOYMENT_CONSULTANT] = da.SECTION_EMPLOYMENT_VERSION.format(
                    number=number
                )
            return {
                "sections": sections,
                "goals": goals,
                "ramp": rows,
                "review_on": meeting_day + dt.timedelta(weeks=6 + number),
            }

        draft = state(max(versions, 1))
        publishers = [cm, ec]
        plan = self._add(
            JointPlan,
            course_id=course.pk,
            revision=2 * versions if versions else 1,
            review_on=draft["review_on"],
            ramp_start=ramp_start,
            meeting_id=meeting["id"],
            updated_by_id=(publishers[(versions - 1) % 2] if versions else ec).pk,
        )
        for kind, text in draft["sections"].items():
            self._add(
                PlanSection,
                plan_id=plan["id"],
                kind=kind,
                text=text,
                data_class=SECTION_DATA_CLASS[kind],
            )
        for order, goal in enumerate(draft["goals"], start=1):
            self._add(
                Goal,
                id=goal["id"],
                plan_id=plan["id"],
                kind=goal["kind"],
                owner_sector=goal["owner_sector"],
                text=goal["text"],
                text_normalised=self._normalised(goal["text"]),
                target_date=goal["target_date"],
                status=goal["status"],
                order=order,
            )
            for linked in goal["decisions"]:
                self._add(GoalDecision, goal_id=goal["id"], decision_id=linked["id"])
        for week, row in enumerate(draft["ramp"], start=1):
            self._add(
                RampStep,
                plan_id=plan["id"],
                week=week,
                hours_per_day=row.hours_per_day,
                days_per_week=row.days_per_week,
                note=row.note,
            )
        published_days = sorted(
            meeting_day + dt.timedelta(days=rng.randint(0, max(0, (today - meeting_day).days)))
            for _ in range(versions)
        )
        version = None
        for number, day in enumerate(published_days, start=1):
            shape = state(number)
            version = self._add(
                PlanVersion,
                plan_id=plan["id"],
                number=number,
                published_at=min(self.now, self._at(day, 15, number)),
                published_by_id=publishers[(number - 1) % 2].pk,
                revision=2 * number,
                meeting_id=meeting["id"],
                snapshot=plan_content.build_snapshot(
                    review_on=shape["review_on"],
                    sections=shape["sections"],
                    goals=shape["goals"],
                    ramp_start=ramp_start,
                    ramp=shape["ramp"],
                ),
            )
        if version is not None and citizen.user_id is not None:
            self._add(
                PlanResponse,
                version_id=version["id"],
                citizen_id=citizen.pk,
                agreement="agree",
                comment=PLAN_ANSWER,
            )

    def _journal(
        self, course: Course, citizen: Citizen, cm: Professional, ec: Professional
    ) -> None:
        rng, now = self.rng, self.now
        count = rng.randint(0, 2) if course.status == CourseStatus.REFERRED else rng.randint(2, 6)
        if not count:
            return
        name = citizen.given_name
        # Substance use and medication are a class of their own (issue 10, finding 30).
        pool = [*NOTES, (DataClass.SUBSTANCE_MEDICATION, HEALTH, da.SUBSTANCE_NOTE)]
        notes = rng.sample(pool, k=count)
        span = max(0, (self.today - course.referral_date).days)
        days = sorted(course.referral_date + dt.timedelta(days=rng.randint(0, span)) for _ in notes)
        entries: list[Row] = []
        for (data_class, sector, text), day in zip(notes, days, strict=True):
            author = cm if sector == HEALTH else ec
            entry = self._add(
                JournalEntry,
                course_id=course.pk,
                author_id=author.pk,
                author_organisation_id=author.organisation_id,
                data_class=data_class,
                body=text.format(name=name),
                created_at=min(now, self._at(day, rng.randint(8, 15), rng.randint(0, 59))),
            )
            entries.append(entry)
            if rng.random() < 0.03:
                self._add(
                    JournalAddendum,
                    entry_id=entry["id"],
                    author_id=author.pk,
                    author_organisation_id=author.organisation_id,
                    data_class=data_class,
                    body=ADDENDUM.format(name=name),
                    created_at=min(now, entry["created_at"] + dt.timedelta(hours=2)),
                )
        therapy = [e for e in entries if e["data_class"] == DataClass.THERAPY_DETAIL]
        if therapy and rng.random() < 0.3:
            summary_class, summary_text = SUMMARY
            self._add(
                JournalEntry,
                course_id=course.pk,
                author_id=cm.pk,
                author_organisation_id=cm.organisation_id,
                data_class=summary_class,
                body=summary_text.format(name=name),
                source_id=therapy[0]["id"],
                created_at=min(now, therapy[0]["created_at"] + dt.timedelta(days=1)),
            )
        if citizen.user_id is None:
            return
        # A citizen who can sign in sometimes says an entry is wrong; the last entry's dispute
        # is still open, an earlier entry's was answered with a correction.
        if rng.random() < 0.5:
            entry = entries[-1]
            author = cm if entry["author_id"] == cm.pk else ec
            dispute = self._add(
                JournalDispute,
                entry_id=entry["id"],
                data_class=entry["data_class"],
                statement=OPEN_DISPUTE,
                raised_by_id=citizen.user_id,
                raised_at=now,
            )
            self._add(
                JournalNotice,
                recipient_id=author.user_id,
                course_id=course.pk,
                entry_id=entry["id"],
                dispute_id=dispute["id"],
                data_class=entry["data_class"],
                kind=NoticeKind.DISPUTE_OPENED,
            )
        if len(entries) > 1 and rng.random() < 0.5:
            entry = entries[0]
            author, other = (cm, ec) if entry["author_id"] == cm.pk else (ec, cm)
            closed_at = min(now, entry["created_at"] + dt.timedelta(days=3))
            dispute = self._add(
                JournalDispute,
                entry_id=entry["id"],
                data_class=entry["data_class"],
                statement=CLOSED_DISPUTE,
                raised_by_id=citizen.user_id,
                raised_at=min(now, entry["created_at"] + dt.timedelta(days=1)),
                status=DisputeStatus.CORRECTED,
                closed_at=closed_at,
                closed_by_id=author.pk,
            )
            self._add(
                JournalAddendum,
                entry_id=entry["id"],
                dispute_id=dispute["id"],
                author_id=author.pk,
                author_organisation_id=author.organisation_id,
                data_class=entry["data_class"],
                body=CORRECTION.format(name=name),
                outcome=DisputeStatus.CORRECTED,
                created_at=closed_at,
            )
            self._add(
                JournalNotice,
                recipient_id=other.user_id,
                course_id=course.pk,
                entry_id=entry["id"],
                dispute_id=dispute["id"],
                data_class=entry["data_class"],
                kind=NoticeKind.DISPUTE_CORRECTED,
                created_at=closed_at,
            )

    def _consent(
        self, course: Course, citizen: Citizen, cm: Professional, ec: Professional
    ) -> None:
        rng, today = self.rng, self.today
        state = _weighted(rng, CONSENT_STATES)
        if state == "none":
            return
        if state == "expired":
            end = today - dt.timedelta(days=rng.randint(1, 60))
            start = end - dt.timedelta(days=180)
        else:
            start = course.referral_date + dt.timedelta(
                days=rng.randint(0, max(0, min(60, (today - course.referral_date).days)))
            )
            end = start + dt.timedelta(days=365)
        recorder: dict[str, Any] = {
            "recorded_by_id": cm.user_id,
            "recorded_by_role": "care_manager",
        }
        how: dict[str, Any] = {"given_via": GivenVia.PAPER}
        if citizen.user_id is not None:
            recorder = {"recorded_by_id": citizen.user_id, "recorded_by_role": "citizen"}
            how = {"given_via": GivenVia.PORTAL}
        elif rng.random() < 0.1:
            recorder = {
                "recorded_by_id": ec.user_id,
                "recorded_by_role": "employment_consultant",
            }
            how = {"given_via": GivenVia.ORAL, "witness_name": cm.user.get_full_name()}
        recorded = min(self.now, self._at(start, 11))
        first_status = ConsentStatus.REJECTED if state == "declined" else ConsentStatus.ACTIVE
        first = self._add(
            ConsentDirective,
            citizen_id=citizen.pk,
            version=1,
            status=first_status,
            change=ConsentChange.CREATED,
            period_start=start,
            period_end=end,
            recorded_at=recorded,
            **recorder,
            **how,
        )
        provisions: list[dict[str, Any]] = []
        if first_status == ConsentStatus.ACTIVE:
            provisions = [_provision(spec) for spec in SHARES_CAPACITY]
            if rng.random() < 0.3:
                # Also a rule for the consultant's own jobcentre, by name.
                provisions.append(
                    {
                        "type": ProvisionType.PERMIT,
                        "recipient_kind": RecipientKind.ORGANISATION,
                        "recipient_organisation_id": ec.organisation_id,
                        "data_classes": [DataClass.FUNCTIONAL_CAPACITY.value],
                    }
                )
            self._provisions(first, provisions)
        if state in ("active", "expired", "declined"):
            return
        second = self._add(
            ConsentDirective,
            citizen_id=citizen.pk,
            version=2,
            previous_id=first["id"],
            status=ConsentStatus.INACTIVE if state == "revoked" else ConsentStatus.ACTIVE,
            change={
                "changed": ConsentChange.CHANGED,
                "revoked": ConsentChange.REVOKED,
                "rule_revoked": ConsentChange.PROVISION_REVOKED,
            }[state],
            period_start=start,
            period_end=end,
            recorded_at=min(self.now, recorded + dt.timedelta(days=rng.randint(1, 30))),
            **recorder,
            **how,
        )
        if state == "changed":
            self._provisions(second, [_provision(s) for s in rng.choice(SECOND_CHOICES)])
        elif state == "rule_revoked":
            self._provisions(second, provisions[:-1])

    def _provisions(self, directive: Row, provisions: list[dict[str, Any]]) -> None:
        for order, values in enumerate(provisions, start=1):
            self._add(ConsentProvision, directive_id=directive["id"], order=order, **values)

    def _sickleave(self, course: Course, cm: Professional, ec: Professional, is_open: bool) -> None:
        rng, today = self.rng, self.today
        absence = course.first_absence_day
        if absence is None:
            return
        chance = 0.6 if course.status == CourseStatus.REFERRED else 0.9
        if rng.random() >= chance:
            return
        days = (today - absence).days
        period = {"course_id": course.pk, "recorded_by_id": ec.pk}
        if days > 90 and rng.random() < 0.1:
            # Back at work for a while between two spells of sickness.
            gap_start = absence + dt.timedelta(days=rng.randint(30, 60))
            self._add(BenefitPeriod, start=absence, end=gap_start, **period)
            self._add(
                BenefitPeriod,
                start=gap_start + dt.timedelta(days=rng.randint(14, 30)),
                end=None if is_open else today - dt.timedelta(days=1),
                **period,
            )
        else:
            end = None if is_open else absence + dt.timedelta(days=rng.randint(0, days))
            self._add(BenefitPeriod, start=absence, end=end, reduced=rng.random() < 0.05, **period)
        # After the reassessment in week 22 most have an extension (or another decision).
        if days > 160:
            decided_on = absence + dt.timedelta(days=rng.randint(140, min(days, 160)))
            decision = {"course_id": course.pk, "decided_by_id": ec.pk, "decided_on": decided_on}
            draw = rng.random()
            if draw < 0.6:
                self._add(
                    BenefitDecision,
                    kind=DecisionKind.EXTENSION,
                    ground=rng.randint(1, 7),
                    valid_until=decided_on + dt.timedelta(weeks=20),
                    evidence_received_on=decided_on - dt.timedelta(days=rng.randint(3, 20)),
                    **decision,
                )
            elif draw < 0.75:
                self._add(BenefitDecision, kind=DecisionKind.JOB_CLARIFICATION, **decision)
            elif draw < 0.8 and not is_open:
                self._add(BenefitDecision, kind=DecisionKind.BENEFIT_ENDS, **decision)
        if is_open and 90 <= days <= 200 and rng.random() < 0.3:
            due = today + dt.timedelta(days=rng.randint(-10, 20))
            done = due < today and rng.random() < 0.7
            self._add(
                EvidenceRequest,
                course_id=course.pk,
                requested_by_id=ec.pk,
                assignee_id=cm.pk,
                ground=3,
                question=EVIDENCE_QUESTION,
                due_on=due,
                status=EvidenceRequest.Status.DONE if done else EvidenceRequest.Status.OPEN,
                completed_at=self._at(due, 12) if done else None,
            )

    def _assessments(self, course: Course, cm: Professional, ec: Professional) -> None:
        rng, today = self.rng, self.today
        if course.status == CourseStatus.REFERRED or rng.random() >= 0.8:
            return
        assessed = course.referral_date + dt.timedelta(days=rng.randint(3, 14))
        if assessed > today:
            return
        authored = {"course_id": course.pk, "created_by_id": cm.pk, "updated_by_id": cm.pk}
        group = DiagnosisGroup(course.diagnosis_group)
        self._add(HealthAssessment, assessed_on=assessed, summary=SUMMARIES[group], **authored)
        if rng.random() < 0.6:
            self._add(FunctionalCapacity, summary=rng.choice(CAPACITIES), **authored)
        step = None
        treatment_id = self.first_treatment.get(group)
        if treatment_id is not None:
            step = self._add(
                CareStep,
                treatment_id=treatment_id,
                starts_on=assessed,
                status=StepStatus.ACTIVE,
                **authored,
            )
        for week in range(rng.randint(0, 5)):
            held_on = assessed + dt.timedelta(weeks=week + 1)
            if held_on > today:
                break
            attendance = Attendance.ATTENDED if rng.random() < 0.85 else Attendance.CANCELLED
            session = self._add(
                CareSession,
                step_id=step["id"] if step else None,
                held_on=held_on,
                kind=rng.choice(SessionKind.values),
                attendance=attendance,
                **authored,
            )
            if attendance == Attendance.ATTENDED and rng.random() < 0.5:
                self._add(SessionNote, session_id=session["id"], text=rng.choice(SESSION_NOTES))
        instrument = INSTRUMENTS[group]
        low, high = SCORE_START.get(instrument, (10, 20))
        score = rng.randint(low, high)
        for n in range(rng.randint(1, 3)):
            measured = assessed + dt.timedelta(weeks=2 * n)
            if measured > today:
                break
            self._add(
                SymptomScore,
                instrument=instrument,
                score=Decimal(score),
                measured_on=measured,
                **authored,
            )
            score = max(0, score - rng.randint(0, 4))
        if rng.random() < 0.75:
            self._add(
                VocationalAssessment,
                course_id=course.pk,
                assessed_on=assessed,
                work_capacity_hours=Decimal(rng.choice((0, 6, 9, 12, 15, 20))),
                current_job=rng.choice(JOBS),
                route=rng.choice((Route.RETURN_TO_WORKPLACE, Route.JOB_SEARCH)),
                summary=VOCATIONAL_SUMMARY,
                created_by_id=ec.pk,
                updated_by_id=ec.pk,
            )

    # --- inserting --------------------------------------------------------------------------

    def flush(self) -> None:
        for model in INSERT_ORDER:
            for row in self.tables[model].rows:
                row.pop("subtype_slug", None)
            inserted = self.tables[model].flush(self.batch_size)
            if inserted:
                self.counts[_label(model)] += inserted


def _label(model: type[models.Model]) -> str:
    if model is GoalDecision:
        return "goal decision links"
    return str(model._meta.verbose_name_plural)


def _weighted(rng: random.Random, weights: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def _provision(spec) -> dict[str, Any]:
    """A sector provision of the demo's consent choices, as the consent service stores it."""
    assert spec.recipient_kind == RecipientKind.SECTOR and spec.recipient in Sector.values
    return {
        "type": spec.type,
        "recipient_kind": RecipientKind.SECTOR,
        "recipient_sector": spec.recipient,
        "data_classes": sorted({str(c) for c in spec.data_classes}),
    }
