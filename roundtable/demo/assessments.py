"""Assessments and plans in the demo, written through the services as the team would write them
(issue 3): most citizens get the care manager's mental-health assessment with stepped care,
sessions within the programme's budget and 3–8 symptom scores over time, and the employment
consultant's vocational assessment with planned steps. The Swedish IPS team's citizens get the
IPS career profile and job-search plan; the Norwegian team's citizens get the life-situation
mapping, filled in together with them. All text is synthetic.
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

SWEDISH_IPS_TEAM = "Team Solna (IPS)"
NORWEGIAN_TEAM = "Team Frogner"
# The small team shows a team's own session budget; the others use the default.
TEAM_BUDGETS = {"Team Sydhavn": 10}
# Citizens referred this recently have not been assessed yet.
MIN_COURSE_DAYS = 14

SUMMARIES = {
    DiagnosisGroup.STRESS: (
        "Exhaustion after a long period of high workload. Poor sleep, trouble concentrating, "
        "low energy in the afternoon. No earlier mental illness."
    ),
    DiagnosisGroup.DEPRESSION: (
        "Moderate depressive episode: low mood, loss of interest and early waking for three "
        "months. Eats and sleeps somewhat better since the referral."
    ),
    DiagnosisGroup.ANXIETY: (
        "Generalised anxiety with panic attacks on the way to work. Avoids meetings and "
        "crowded places. Good network at home."
    ),
    DiagnosisGroup.PSYCHOSIS: (
        "First episode of psychosis last year, now stable on treatment. Some side effects: "
        "tiredness in the morning. Wants to work."
    ),
    DiagnosisGroup.OTHER: (
        "Mixed anxiety and low mood after a difficult year. Sleep is the main problem."
    ),
}
CAPACITIES = [
    "Can work three hours in the morning on tasks without tight deadlines. Cannot yet take "
    "phone duty or lead meetings. Short breaks help.",
    "Can do familiar tasks for about four hours a day, in a quiet place. Cannot yet work "
    "evenings or handle many interruptions.",
    "Can manage two to three hours of practical work a day. Cannot yet travel far or work "
    "with customers. A fixed plan for the day helps.",
]
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
NOTES = [
    "Worked on a daily structure; sleep diary started.",
    "Talked about worries at home and how they affect sleep.",
    "Practised breathing exercise for panic; homework: use it on the bus.",
    "Went through the stress signals and early warning signs.",
    "Talked about the conflict with the former manager.",
]
JOBS = [
    "Office assistant at a municipality",
    "Shop assistant in a supermarket",
    "Nurse's aide at a care home",
    "Warehouse worker",
    "Bookkeeper at a small firm",
    "Bus driver",
    "Kindergarten assistant",
    "IT support technician",
]
EMPLOYERS = [
    ("Nordby Kommune", "Lene Holm"),
    ("Brugsen Sydhavn", "Kasper Lund"),
    ("Solhjem Plejecenter", "Maria Berg"),
    ("Lagerhuset A/S", "Jonas Krag"),
    ("Revision & Co", "Pia Dahl"),
]
VOCATIONAL_STEPS = [
    "Talk with the manager about other tasks at first",
    "Write a CV together",
    "Visit the workplace for a coffee with colleagues",
    "Check the rules for a graded return to work",
    "Find two job adverts that look interesting",
    "Book a meeting with the union",
]
ROUTES = [
    ("return_to_workplace", 60),
    ("job_search", 25),
    ("education", 10),
    ("other", 5),
]
IPS_GOALS = [
    ("Work with animals", "Part-time at a pet shop", "Dog grooming course (2019)"),
    ("Become a cook", "Kitchen help in a café, mornings", "Food handling certificate"),
    ("Work in a library", "Shelving books 15 hours a week", "Upper secondary school"),
    ("Work outdoors", "Park maintenance with the municipality", "Driving licence B"),
    ("Repair bicycles", "Workshop assistant", "Vocational school, mechanics (not finished)"),
]
LIFE_AREAS = {
    "mental_health": (
        "Anxious most days, better in the evening.",
        "Knows what helps: walks, a fixed rhythm.",
        "Fewer bad days.",
    ),
    "substance_use": ("Drinks a little at weekends.", "", "Keep it as it is."),
    "physical_health": ("Back pain now and then.", "Walks the dog daily.", "Start swimming."),
    "work_education": (
        "On sick leave from the job; unsure about going back.",
        "Ten years of experience in the trade.",
        "Work with people again, fewer hours.",
    ),
    "housing": ("Rents a small flat; stable.", "Good neighbours.", "Stay where they live."),
    "economy": (
        "Sickness benefit; tight at the end of the month.",
        "No debt.",
        "Get help with a budget.",
    ),
    "social_network": ("Sees two friends now and then.", "An old friend calls weekly.", ""),
    "family": ("A sister nearby.", "The sister helps with shopping.", "See the nephews more."),
}
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
            session_budget=TEAM_BUDGETS.get(team.name),
        )
    courses = list(
        Course.objects.select_related(
            "team", "citizen__user", "care_manager__user", "employment_consultant__user"
        ).order_by("citizen__family_name", "citizen__given_name", "referral_date", "id")
    )
    first_login = next((c for c in courses if c.citizen.user_id is not None), None)
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
            if course is first_login and course.citizen.user is not None:
                citizen = actor_for_user(course.citizen.user)
                if citizen is not None:
                    life_situation.life_area_wishes_save(
                        actor=citizen,
                        wishes={"mental_health": "To sleep through the night again."},
                    )


def _health(rng: random.Random, cm: Actor, course: Course, today: dt.date, budget: int) -> None:
    citizen_id = course.citizen_id
    started = course.referral_date
    assessed = min(started + dt.timedelta(days=7), today)
    care.health_assessment_save(
        actor=cm,
        citizen_id=citizen_id,
        assessed_on=assessed,
        summary=SUMMARIES[DiagnosisGroup(course.diagnosis_group)],
    )
    care.functional_capacity_save(actor=cm, citizen_id=citizen_id, summary=rng.choice(CAPACITIES))
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
            notes=rng.choice(NOTES) if attendance == "attended" and i % 2 == 0 else "",
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
        current_job=rng.choice(JOBS) if route == "return_to_workplace" else "",
        summary="Motivated to work. Wants a slow start and clear tasks.",
    )
    if route == "return_to_workplace":
        employer, name = rng.choice(EMPLOYERS)
        vocational.employer_contact_save(
            actor=ec,
            citizen_id=citizen_id,
            employer=employer,
            name=name,
            phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            email=f"{name.split()[0].lower()}@example.org",
        )
    for i, text in enumerate(rng.sample(VOCATIONAL_STEPS, rng.randint(2, 3))):
        due = today + dt.timedelta(days=7 * (i * 2 - 1))
        vocational.vocational_step_add(
            actor=ec,
            citizen_id=citizen_id,
            text=text,
            due_on=due,
            status="completed" if due < today else "planned",
        )


def _ips(rng: random.Random, ec: Actor, course: Course, today: dt.date) -> None:
    citizen_id = course.citizen_id
    goal, short_term, education = rng.choice(IPS_GOALS)
    vocational.ips_career_profile_save(
        actor=ec,
        citizen_id=citizen_id,
        work_goal=goal,
        short_term_goal=short_term,
        education=education,
        licences="Driving licence B" if rng.random() < 0.5 else "",
        work_history="Summer jobs in a supermarket; six months as a cleaner.",
        job_preferences="Daytime, 15–20 hours a week, near home.",
        transport="Bus card; cycles in summer.",
        strengths_interests="Reliable, good with their hands, likes routines.",
        symptoms_coping="Tired in the mornings; a fixed start time helps.",
        benefits_income="Activity compensation; wants to know how wages affect it.",
        family_social_contacts="Parents nearby; one close friend.",
        disclosure_preference="Tell the nearest manager only, not colleagues.",
        reasons_for_working="Structure in the day, own money, meet people.",
        barriers_supports="Gaps in the CV; support from the specialist at the first interview.",
        sources="The person, the team's case manager, with consent the parents.",
    )
    vocational.ips_job_search_plan_save(
        actor=ec,
        citizen_id=citizen_id,
        job_goals=short_term,
        target_employers="Local shops, the municipality's parks department, cafés nearby.",
        weekly_employer_contacts=6,
        disclosure="partial",
        disclosure_script="I have had an illness and am well now; mornings suit me best.",
        benefits_planning_referred_on=min(course.referral_date + dt.timedelta(days=14), today),
        supports_needed="Coaching before interviews; travel card.",
        responsibilities="The specialist contacts two employers a week; the person visits one.",
        review_on=today + dt.timedelta(days=28),
    )
    for i, employer in enumerate(rng.sample(["ICA Solna", "Café Råsunda", "Solna stad parker"], 2)):
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
            areas={area: LifeAreaData(*LIFE_AREAS[area]) for area in areas},
            filled_with_citizen=True,
            filled_on=filled_on,
        )
