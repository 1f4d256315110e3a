"""Seed the decision typology of DOMAIN §2 and the default preparation prompts.

The data is written out here, frozen, as a migration should be; the names are also listed in
roundtable/meetings/typology.py for translation (a test keeps the two in step). Later changes
come through the configuration pages or a new data migration.
"""

from django.db import migrations

JOINT = "joint"
EC = "employment_consultant"

# (type slug, English name, default zone, [(subtype slug, English name, zone or "", examples)])
TYPOLOGY = [
    (
        "course_content",
        "Course content",
        JOINT,
        [
            (
                "individual_focus",
                "Individual focus",
                "",
                "Reduce stress, increase activity, confidence to seek a job",
            ),
            (
                "activities",
                "Activities",
                "",
                "Stress diary, MBSR course, write a CV, define dream job, talk to employer",
            ),
            (
                "planning_meetings",
                "Planning meetings",
                "",
                "Weekday and time, frequency, phone or face-to-face, holidays",
            ),
        ],
    ),
    (
        "return_to_work",
        "Return-to-work process",
        JOINT,
        [
            (
                "job_function_and_tasks",
                "Job function and tasks",
                "",
                "Other tasks, less workload, workplace adjustments, new colleagues",
            ),
            # Benefit eligibility is the employment consultant's decision by law (DOMAIN §2-3).
            (
                "fitness_for_duty",
                "Fitness for duty (benefit ends)",
                EC,
                "Set a date, or postpone the decision",
            ),
            (
                "return_to_work_date",
                "Realistic return-to-work date",
                "",
                "Set a date, or postpone the decision",
            ),
            (
                "stepped_return_to_work",
                "Stepped return-to-work plan",
                "",
                "Hours per day and per week, rising over the weeks",
            ),
        ],
    ),
    (
        "collaboration",
        "Collaboration",
        JOINT,
        [
            ("citizens_role", "Citizen's role", "", "Homework, things to find out"),
            (
                "professionals_roles",
                "Professionals' roles",
                "",
                "Contact other stakeholders, check health or benefit rules",
            ),
            (
                "employer_and_colleagues",
                "Employer and colleagues",
                "",
                "What to tell the workplace, and how",
            ),
            (
                "other_stakeholders",
                "Other stakeholders",
                "",
                "Other health professionals, the municipality, the union",
            ),
            (
                "family_and_friends",
                "Family and friends",
                "",
                "Invite a spouse, involve family in recovery",
            ),
        ],
    ),
    (
        "goals",
        "Goals",
        JOINT,
        [
            (
                "long_term_goals",
                "Long-term goals",
                "",
                "Better work-life balance, self-esteem, find or change job, cope in the current job",
            ),
            (
                "temporary_goals",
                "Temporary goals",
                "",
                "Get out of bed every day, clean up at home, walk the dog, see friends",
            ),
        ],
    ),
    (
        "excluded",
        "Excluded",
        JOINT,
        [
            (
                "outside_the_framework",
                "Outside the framework",
                "",
                "Extra therapy elsewhere, more sessions, longer benefit",
            ),
        ],
    ),
]

PROMPTS = [
    "What matters most to you right now?",
    "What would you like to be different in three months?",
    "Is there something you want to say about work?",
    "Is there anything you do not want to talk about at this meeting?",
]


def seed(apps, schema_editor):
    DecisionType = apps.get_model("meetings", "DecisionType")
    DecisionSubtype = apps.get_model("meetings", "DecisionSubtype")
    PreparationPrompt = apps.get_model("meetings", "PreparationPrompt")
    for type_order, (slug, name, zone, subtypes) in enumerate(TYPOLOGY, start=1):
        decision_type = DecisionType.objects.create(
            slug=slug, name=name, default_zone=zone, order=type_order * 10
        )
        for order, (sub_slug, sub_name, sub_zone, examples) in enumerate(subtypes, start=1):
            DecisionSubtype.objects.create(
                type=decision_type,
                slug=sub_slug,
                name=sub_name,
                default_zone=sub_zone,
                examples=examples,
                order=order * 10,
            )
    for order, text in enumerate(PROMPTS, start=1):
        PreparationPrompt.objects.create(team=None, text=text, order=order * 10)


def unseed(apps, schema_editor):
    DecisionType = apps.get_model("meetings", "DecisionType")
    DecisionSubtype = apps.get_model("meetings", "DecisionSubtype")
    PreparationPrompt = apps.get_model("meetings", "PreparationPrompt")
    type_slugs = [slug for slug, *_ in TYPOLOGY]
    DecisionSubtype.objects.filter(type__slug__in=type_slugs).delete()
    DecisionType.objects.filter(slug__in=type_slugs).delete()
    PreparationPrompt.objects.filter(team__isnull=True, text__in=PROMPTS).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
