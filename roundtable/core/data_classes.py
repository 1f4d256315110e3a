"""Data classes: what kind of personal information a record holds (issues 3 and 4).

Every section, note and entry that holds personal data carries one of these in a `data_class`
column, so that the consent rules (roundtable.consent.access) can decide per class who may read it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataClass(models.TextChoices):
    THERAPY_DETAIL = "therapy_detail", _("What is talked about in therapy")
    HEALTH_SUMMARY = "health_summary", _("Health summary")
    # Its own class (issue 10 #30): a permit for the health summary or for work does not open
    # it. The life-situation mapping's substance use; the IPS profile's medication and
    # substance use.
    SUBSTANCE_MEDICATION = "substance_medication", _("Substance use and medication")
    FUNCTIONAL_CAPACITY = "functional_capacity", _("What the citizen can and cannot do at work")
    DIAGNOSIS = "diagnosis", _("Diagnosis")
    VOCATIONAL = "vocational", _("Work and job search")
    BENEFIT_DECISION = "benefit_decision", _("Benefit decisions")
    MEETING_MINUTES = "meeting_minutes", _("Meeting minutes and decisions")
    JOINT_PLAN = "joint_plan", _("Joint plan")
    CONTACT_DETAILS = "contact_details", _("Contact details")
    FAMILY = "family", _("Family and network")


# Which sector produces (and by default alone reads) each class. Jointly produced classes are
# read by both sectors of the team (issue 3: "each sector sees its own details plus the jointly
# produced plan and minutes").
HEALTH_CLASSES = frozenset(
    {
        DataClass.THERAPY_DETAIL,
        DataClass.HEALTH_SUMMARY,
        DataClass.SUBSTANCE_MEDICATION,
        DataClass.FUNCTIONAL_CAPACITY,
        DataClass.DIAGNOSIS,
        DataClass.FAMILY,
    }
)
EMPLOYMENT_CLASSES = frozenset({DataClass.VOCATIONAL, DataClass.BENEFIT_DECISION})
JOINT_CLASSES = frozenset(
    {DataClass.MEETING_MINUTES, DataClass.JOINT_PLAN, DataClass.CONTACT_DETAILS}
)
ALL_CLASSES = frozenset(DataClass.values)

# Each sector's assessments of the citizen (issue 13 #7): what the first-meeting protocol keeps
# from the other sector until the first roundtable meeting of the course is held, whatever the
# consent says. The family and network class is not an assessment, and the jointly produced
# classes belong to both.
CARE_ASSESSMENT_CLASSES = frozenset(
    {
        DataClass.THERAPY_DETAIL,
        DataClass.HEALTH_SUMMARY,
        DataClass.SUBSTANCE_MEDICATION,
        DataClass.FUNCTIONAL_CAPACITY,
        DataClass.DIAGNOSIS,
    }
)
EMPLOYMENT_ASSESSMENT_CLASSES = frozenset({DataClass.VOCATIONAL, DataClass.BENEFIT_DECISION})


def data_class_field(default: str) -> models.CharField:
    """The `data_class` column: set by the code that creates the record, never by a form."""
    return models.CharField(
        max_length=32, choices=DataClass.choices, default=default, editable=False, db_index=False
    )
