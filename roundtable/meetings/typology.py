"""The English names that migration 0002 seeds, listed so that makemessages extracts them.

The database holds the English text and pages show it through gettext, so a translated
catalogue translates the built-in typology and prompts, and whatever an administrator or team
leader adds later is shown as written. `tests/test_typology_seed.py` checks that every seeded
name is listed here.
"""

from django.utils.translation import gettext_noop

# Decision types and subtypes (DOMAIN §2, "Decision typology observed at roundtable meetings").
TYPE_NAMES = (
    gettext_noop("Course content"),
    gettext_noop("Return-to-work process"),
    gettext_noop("Collaboration"),
    gettext_noop("Goals"),
    gettext_noop("Excluded"),
)
SUBTYPE_NAMES = (
    gettext_noop("Individual focus"),
    gettext_noop("Activities"),
    gettext_noop("Planning meetings"),
    gettext_noop("Job function and tasks"),
    gettext_noop("Fitness for duty (benefit ends)"),
    gettext_noop("Realistic return-to-work date"),
    gettext_noop("Stepped return-to-work plan"),
    gettext_noop("Citizen's role"),
    gettext_noop("Professionals' roles"),
    gettext_noop("Employer and colleagues"),
    gettext_noop("Other stakeholders"),
    gettext_noop("Family and friends"),
    gettext_noop("Long-term goals"),
    gettext_noop("Temporary goals"),
    gettext_noop("Outside the framework"),
)
EXAMPLES = (
    gettext_noop("Reduce stress, increase activity, confidence to seek a job"),
    gettext_noop("Stress diary, MBSR course, write a CV, define dream job, talk to employer"),
    gettext_noop("Weekday and time, frequency, phone or face-to-face, holidays"),
    gettext_noop("Other tasks, less workload, workplace adjustments, new colleagues"),
    gettext_noop("Set a date, or postpone the decision"),
    gettext_noop("Hours per day and per week, rising over the weeks"),
    gettext_noop("Homework, things to find out"),
    gettext_noop("Contact other stakeholders, check health or benefit rules"),
    gettext_noop("What to tell the workplace, and how"),
    gettext_noop("Other health professionals, the municipality, the union"),
    gettext_noop("Invite a spouse, involve family in recovery"),
    gettext_noop(
        "Better work-life balance, self-esteem, find or change job, cope in the current job"
    ),
    gettext_noop("Get out of bed every day, clean up at home, walk the dog, see friends"),
    gettext_noop("Extra therapy elsewhere, more sessions, longer benefit"),
)
# The default question prompts for the citizen's preparation (DOMAIN §2: question prompts).
PROMPTS = (
    gettext_noop("What matters most to you right now?"),
    gettext_noop("What would you like to be different in three months?"),
    gettext_noop("Is there something you want to say about work?"),
    gettext_noop("Is there anything you do not want to talk about at this meeting?"),
)

ALL_NAMES = frozenset(TYPE_NAMES + SUBTYPE_NAMES + EXAMPLES + PROMPTS)
