"""Who may read and write the employment consultant's records of a course.

- Reading: everyone who may see the course (CoursePolicy) — the course's care manager and
  employment consultant, the team leader and supervisors of its team, the citizen — reads the
  records whose data class `roundtable.consent.access.visible_data_classes` gives them.
- Writing: the course's employment consultant (or employment specialist) writes the vocational
  assessment, the steps, the IPS career profile and job-search plan, and the employer contact
  when they may read contact details.
- Team leaders and supervisors read; managers, evaluators, administrators and other teams see
  nothing (the selectors answer 404).

One `CourseRecordPolicy` per kind of record pairs the list filter with the instance check, so
the page and the API cannot disagree (tests/test_policies_agree.py); the write predicates take
what the gate decided (`CourseAccess`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.core.data_classes import DataClass
from roundtable.vocational.models import (
    BenefitsCounselling,
    ContactAboutPerson,
    DisclosureEntry,
    EmployerContact,
    FollowAlongContact,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    JobStart,
    VocationalAssessment,
    VocationalStep,
)

VOCATIONAL_ASSESSMENTS = CourseRecordPolicy(VocationalAssessment)
EMPLOYER_CONTACTS = CourseRecordPolicy(EmployerContact)
VOCATIONAL_STEPS = CourseRecordPolicy(VocationalStep)
IPS_PROFILES = CourseRecordPolicy(IpsCareerProfile)
IPS_PLANS = CourseRecordPolicy(IpsJobSearchPlan)
IPS_CONTACTS = CourseRecordPolicy(IpsPlannedContact, course_path="plan__course")
# Job development (issue 12 §2). The employer contact itself is the team's; whom it was about
# is a record of that person's course.
JOB_DEVELOPMENT_CONTACTS = CourseRecordPolicy(ContactAboutPerson)
JOB_STARTS = CourseRecordPolicy(JobStart)
FOLLOW_ALONG = CourseRecordPolicy(FollowAlongContact, course_path="job_start__course")
BENEFITS_COUNSELLING = CourseRecordPolicy(BenefitsCounselling)
DISCLOSURES = CourseRecordPolicy(DisclosureEntry)
RECORD_POLICIES = (
    VOCATIONAL_ASSESSMENTS,
    EMPLOYER_CONTACTS,
    VOCATIONAL_STEPS,
    IPS_PROFILES,
    IPS_PLANS,
    IPS_CONTACTS,
    JOB_DEVELOPMENT_CONTACTS,
    JOB_STARTS,
    FOLLOW_ALONG,
    BENEFITS_COUNSELLING,
    DISCLOSURES,
)


class VocationalPolicy:
    """Write predicates on what the gate decided."""

    @staticmethod
    def can_write_vocational(access: CourseAccess) -> bool:
        """The course's own employment consultant, while they may read the vocational class."""
        actor = access.actor
        return (
            not access.emergency
            and actor.professional_id is not None
            and actor.professional_id == access.course.employment_consultant_id
            and access.may_read(DataClass.VOCATIONAL)
        )

    @staticmethod
    def can_write_employer_contact(access: CourseAccess) -> bool:
        return VocationalPolicy.can_write_vocational(access) and access.may_read(
            DataClass.CONTACT_DETAILS
        )


WRITES_VOCATIONAL = Requirement(
    VocationalPolicy.can_write_vocational,
    _("Only the citizen's employment consultant writes the vocational assessment and plan."),
)
WRITES_EMPLOYER_CONTACT = Requirement(
    VocationalPolicy.can_write_employer_contact,
    _("Only the citizen's employment consultant writes the employer contact."),
)
