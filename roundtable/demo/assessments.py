"""Assessments and plans in the demo, written through the services as the team would write them
(issue 3): most citizens get the care manager's mental-health assessment with stepped care,
sessions within the programme's budget and 3–8 symptom scores over time, and the employment
consultant's vocational assessment with planned steps. The Swedish IPS team's citizens get the
IPS career profile and job-search plan; the Norwegian team's citizens get the life-situation
mapping, filled in together with them. Every text is synthetic and in the language of the
team's jurisdiction (`content/`).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.care import services as care
from roundtable.care.instruments import known_instrument
from roundtable.citizens.models import Course, CourseStatus, DiagnosisGroup
from roundtable.lifesituation import services as life_situation
from roundtable.lifesituation.services import LifeAreaData
from roundtable.organisations.models import Team, default_session_budget
from roundtable.organisations.services import team_programme_set
from roundtable.vocational import services as vocational

from .content import da, texts
from .setting import ascii_username

SWEDISH_IPS_TEAM = "Team Solna (IPS)"
NORWEGIAN_TEAM = "Team Frogner"
# The small team shows a team's own session budget; the others use the default.
TEAM_BUDGETS = {"Team Sydhavn": 10}
# Citizens referred this recently have not been assessed yet.
MIN_COURSE_DAYS = 14

# The Danish texts, also used by the scale generator (`generate_content`).
SUMMARIES = {DiagnosisGroup(k): v for k, v in da.ASSESSMENT_SUMMARIES.items()}
CAPACITIES = da.CAPACITIES
# The second step of stepped care per diagnosis group (the first is psychoeducation).
SECOND_STEP = {
    DiagnosisGroup.STRESS: ("stress_coaching", "mbsr_group"),
    DiagnosisGroup.DEPRESSION: ("cbt", "mbsr_group"),
    DiagnosisGroup.ANXIETY: ("cbt",),
    DiagnosisGroup.PSYCHOSIS: ("cbt",),
    DiagnosisGroup.OTHER: ("cbt", "stress_coaching"),
}
INSTRUMENTS = {
    DiagnosisGroup.STRESS: "PSS-10",
    DiagnosisGroup.DEPRESSION: "PHQ-9",
    DiagnosisGroup.ANXIETY: "GAD-7",
    DiagnosisGroup.PSYCHOSIS: "WSAS",
    DiagnosisGroup.OTHER: "PHQ-9",
}
NOTES = da.SESSION_NOTES
JOBS = da.JOBS
ROUTES = [
    ("return_to_workplace", 60),
    ("job_search", 25),
    ("education", 10),
    ("other", 5),
]
HEALTH_AREAS: tuple[str, ...] = ("mental_health", "substance_use", "physical_health", "housing")
HEALTH_AREAS += ("social_network", "family")
WORK_AREAS = ("work_education", "economy")


def _actor(professional) -> Actor | None:
    if professional is None:
        return None
    return actor_for_user(professional.user)


def _weighted(rng: random.Random, weights: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]


def _spread(start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """n dates from start to end, evenly spaced."""
    span = max(0, (end - start).days)
    if n <= 1:
        return [start]
    return [start + dt.timedelta(days=round(span * i / (n - 1))) for i in range(n)]


def demo_assessments_load(*, today: dt.date, seed: int = 11) -> None:
    """Write the demo's assessments and plans. Call once, after the people and courses."""
    rng = random.Random(seed)
    # The services refuse dates after the real today; a demo loaded for a later day keeps to it.
    today = min(today, timezone.localdate())
    for team in Team.objects.all():
        team_programme_set(
            team_id=team.pk,
            is_ips=team.name == SWEDISH_IPS_TEAM,
            sick_leave_optional=team.name == SWEDISH_IPS_TEAM,
            session_budget=TEAM_BUDGETS.get(team.name),
        )
    courses = list(
        Course.objects.select_related(
            "team", "citizen__user", "care_manager__user", "employment_consultant__user"
        ).order_by("citizen__family_name", "citizen__given_name", "referral_date", "id")
    )
    first_login = next(
        (c for c in courses if c.citizen.user_id is not None and c.jurisdiction == "dk"), None
    )
    for index, course in enumerate(courses):
        started = course.referral_date
        if course.status == CourseStatus.REFERRED or (today - started).days < MIN_COURSE_DAYS:
            continue
        # One in nine is left without assessments, as in a real caseload.
        if index % 9 == 4 and course.team.name not in (SWEDISH_IPS_TEAM, NORWEGIAN_TEAM):
            continue
        cm, ec = _actor(course.care_manager), _actor(course.employment_consultant)
        budget = TEAM_BUDGETS.get(course.team.name, default_session_budget())
        if cm is not None:
            _health(rng, cm, course, today, budget)
        if ec is not None:
            _vocational(rng, ec, course, today)
            if course.team.name == SWEDISH_IPS_TEAM:
                _ips(rng, ec, course, today)
        if course.team.name == NORWEGIAN_TEAM or course is first_login:
            _mapping(cm, ec, course, today)
            # The citizens who can sign in and have a mapping add their own wish.
            if course.citizen.user is not None:
                citizen = actor_for_user(course.citizen.user)
                if citizen is not None:
                    life_situation.life_area_wishes_save(
                        actor=citizen, wishes=texts(course.jurisdiction).LIFE_WISHES
                    )


def _health(rng: random.Random, cm: Actor, course: Course, today: dt.date, budget: int) -> None:
    words = texts(course.jurisdiction)
    citizen_id = course.citizen_id
    started = course.referral_date
    assessed = min(started + dt.timedelta(days=7), today)
    care.health_assessment_save(
        actor=cm,
        citizen_id=citizen_id,
        assessed_on=assessed,
        summary=words.ASSESSMENT_SUMMARIES[str(course.diagnosis_group)],
    )
    care.functional_capacity_save(
        actor=cm, citizen_id=citizen_id, summary=rng.choice(words.CAPACITIES)
    )
    first_end = started + dt.timedelta(days=42)
    second_start = first_end + dt.timedelta(days=1)
    steps = [
        care.care_step_add(
            actor=cm,
            citizen_id=citizen_id,
            treatment_slug="psychoeducation",
            starts_on=assessed,
            ends_on=first_end if first_end < today else None,
            status="completed" if first_end < today else "active",
        )
    ]
    if second_start <= today:
        steps.append(
            care.care_step_add(
                actor=cm,
                citizen_id=citizen_id,
                treatment_slug=rng.choice(SECOND_STEP[DiagnosisGroup(course.diagnosis_group)]),
                starts_on=second_start,
                status="active",
            )
        )
    # Every second week since the assessment, never beyond the budget.
    days = (today - assessed).days
    count = max(1, min(budget - 1, days // 14 + 1))
    for i, held_on in enumerate(_spread(assessed, today, count)):
        attendance = rng.choices(["attended", "cancelled", "no_show"], [85, 10, 5])[0]
        step = steps[-1] if len(steps) > 1 and held_on >= second_start else steps[0]
        care.care_session_record(
            actor=cm,
            citizen_id=citizen_id,
            held_on=held_on,
            kind="group"
            if step.treatment.kind == "mbsr_group"
            else rng.choice(["individual", "individual", "phone", "video"]),
            attendance=attendance,
            step_id=step.pk,
            notes=rng.choice(words.SESSION_NOTES)
            if attendance == "attended" and i % 2 == 0
            else "",
        )
    instrument = INSTRUMENTS[DiagnosisGroup(course.diagnosis_group)]
    known = known_instrument(instrument)
    assert known is not None
    entries = max(3, min(8, days // 14 + 1))
    high = rng.randint(int(known.maximum * 0.55), int(known.maximum * 0.8))
    for i, measured_on in enumerate(_spread(assessed, today, entries)):
        # Symptoms ease over the course, with some bad weeks.
        trend = high - (high * 0.5) * i / max(1, entries - 1)
        score = max(known.minimum, min(known.maximum, round(trend + rng.randint(-2, 2))))
        care.symptom_score_record(
            actor=cm,
            citizen_id=citizen_id,
            instrument=instrument,
            score=score,
            measured_on=measured_on,
        )
    if rng.random() < 0.4:
        care.symptom_score_record(
            actor=cm,
            citizen_id=citizen_id,
            instrument="WSAS",
            score=rng.randint(15, 30),
            measured_on=assessed,
        )


def _vocational(rng: random.Random, ec: Actor, course: Course, today: dt.date) -> None:
    words = texts(course.jurisdiction)
    citizen_id = course.citizen_id
    route = _weighted(rng, ROUTES)
    if course.team.name == SWEDISH_IPS_TEAM:
        route = "job_search"
    weeks = max(0, (today - course.referral_date).days // 7)
    vocational.vocational_assessment_save(
        actor=ec,
        citizen_id=citizen_id,
        assessed_on=min(course.referral_date + dt.timedelta(days=10), today),
        work_capacity_hours=min(30, 4 * (1 + weeks // 6) + rng.choice([0, 0, 2, 4])),
        route=route,
        current_job=rng.choice(words.JOBS) if route == "return_to_workplace" else "",
        summary=words.VOCATIONAL_SUMMARY,
    )
    if route == "return_to_workplace":
        employer, name = rng.choice(words.EMPLOYERS)
        phone = words.PHONE.format(
            a=rng.randint(20, 99),
            b=rng.randint(10, 99),
            c=rng.randint(10, 99),
            d=rng.randint(10, 99),
        )
        vocational.employer_contact_save(
            actor=ec,
            citizen_id=citizen_id,
            employer=employer,
            name=name,
            phone=phone,
            email=f"{ascii_username(name.split()[0])}@example.org",
        )
    for i, text in enumerate(rng.sample(words.VOCATIONAL_STEPS, rng.randint(2, 3))):
        due = today + dt.timedelta(days=7 * (i * 2 - 1))
        vocational.vocational_step_add(
            actor=ec,
            citizen_id=citizen_id,
            text=text,
            due_on=due,
            status="completed" if due < today else "planned",
        )


def _ips(rng: random.Random, ec: Actor, course: Course, today: dt.date) -> None:
    words = texts(course.jurisdiction)
    citizen_id = course.citizen_id
    goal, short_term, education = rng.choice(words.IPS_GOALS)
    vocational.ips_career_profile_save(
        actor=ec,
        citizen_id=citizen_id,
        work_goal=goal,
        short_term_goal=short_term,
        education=education,
        licences=words.IPS_LICENCE if rng.random() < 0.5 else "",
        **words.IPS_PROFILE,
    )
    vocational.ips_job_search_plan_save(
        actor=ec,
        citizen_id=citizen_id,
        job_goals=short_term,
        weekly_employer_contacts=6,
        disclosure="partial",
        benefits_planning_referred_on=min(course.referral_date + dt.timedelta(days=14), today),
        review_on=today + dt.timedelta(days=28),
        **words.IPS_PLAN,
    )
    for i, employer in enumerate(rng.sample(words.IPS_CONTACTS, 2)):
        contact = vocational.ips_planned_contact_add(
            actor=ec,
            citizen_id=citizen_id,
            planned_on=today + dt.timedelta(days=7 * i - 3),
            employer=employer,
        )
        if i == 0:
            vocational.ips_planned_contact_done(
                actor=ec, citizen_id=citizen_id, contact_id=contact.pk
            )


def _mapping(cm: Actor | None, ec: Actor | None, course: Course, today: dt.date) -> None:
    filled_on = min(course.referral_date + dt.timedelta(days=14), today)
    for actor, areas in ((cm, HEALTH_AREAS), (ec, WORK_AREAS)):
        if actor is None:
            continue
        life_situation.life_areas_save(
            actor=actor,
            citizen_id=course.citizen_id,
            areas={
                area: LifeAreaData(*texts(course.jurisdiction).LIFE_AREAS[area]) for area in areas
            },
            filled_with_citizen=True,
            filled_on=filled_on,
        )
