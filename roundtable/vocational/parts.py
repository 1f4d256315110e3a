"""The employment consultant's part of the whole record (roundtable.citizens.record): the
vocational assessment and plan, the employer contact and, for IPS teams, the career profile,
job-search plan and planned employer contacts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import (
    Part,
    RetainedRecord,
    TimelineEntry,
    dump_records,
    record_page_url,
    written_entries,
)
from roundtable.core.data_classes import DataClass
from roundtable.vocational.models import (
    IPS_PROFILE_FIELDS,
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
    ips_profile_fields,
)


def _url(access: CourseAccess, anchor: str) -> str:
    return record_page_url(
        access, staff="assessments:page", own="assessments:my-page", anchor=anchor
    )


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    if not access.may_read(DataClass.VOCATIONAL):
        return []
    course, classes = access.course, access.visible
    entries: list[TimelineEntry] = []
    for model, kind, created, updated, anchor in (
        (
            VocationalAssessment,
            "vocational_assessment",
            _("Vocational assessment written"),
            _("Vocational assessment updated"),
            "vocational",
        ),
        (
            IpsCareerProfile,
            "ips_profile",
            _("IPS career profile written"),
            _("IPS career profile updated"),
            "ips-profile",
        ),
        (
            IpsJobSearchPlan,
            "ips_plan",
            _("IPS job-search plan written"),
            _("IPS job-search plan updated"),
            "ips-plan",
        ),
    ):
        entries += written_entries(
            model._default_manager.filter(course=course, data_class__in=classes).first(),
            kind=kind,
            created=created,
            updated=updated,
            url=_url(access, anchor),
        )
    for start in JobStart.objects.filter(course=course, data_class__in=classes).select_related(
        "employer"
    ):
        entries.append(
            TimelineEntry(
                when=start.starts_on,
                kind="job_start",
                title=_("Job started at %(employer)s") % {"employer": start.employer.name},
                url=_url(access, "job-starts"),
                data_class=start.data_class,
            )
        )
    for told in DisclosureEntry.objects.filter(
        course=course, data_class__in=classes
    ).select_related("employer"):
        entries.append(
            TimelineEntry(
                when=told.told_on,
                kind="disclosure",
                title=_("Told %(employer)s: %(what)s")
                % {"employer": told.employer.name, "what": told.get_category_display()},
                url=_url(access, "disclosures"),
                data_class=told.data_class,
            )
        )
    return entries


RECORDS = (
    ("vocational_assessment", VocationalAssessment, "course"),
    ("employer_contact", EmployerContact, "course"),
    ("vocational_steps", VocationalStep, "course"),
    ("ips_career_profile", IpsCareerProfile, "course"),
    ("ips_job_search_plan", IpsJobSearchPlan, "course"),
    ("ips_planned_contacts", IpsPlannedContact, "plan__course"),
    # IPS job development (issue 12 §2); the employer contacts themselves are the team's.
    ("employer_contacts_about_person", ContactAboutPerson, "course"),
    ("job_starts", JobStart, "course"),
    ("follow_along_contacts", FollowAlongContact, "job_start__course"),
    ("benefits_counselling", BenefitsCounselling, "course"),
    ("disclosures_to_employers", DisclosureEntry, "course"),
)


def _without_unreadable_fields(
    found: dict[str, dict[uuid.UUID, list[dict[str, Any]]]], accesses: Sequence[CourseAccess]
) -> None:
    """The career profile's fields of a class the reader may not read are left out."""
    for access in accesses:
        hidden = set(IPS_PROFILE_FIELDS) - set(ips_profile_fields(access.visible))
        for row in found["ips_career_profile"][access.course.pk]:
            for name in hidden:
                row.pop(name, None)


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    found = {name: dump_records(model, path, accesses) for name, model, path in RECORDS}
    _without_unreadable_fields(found, accesses)
    return {
        a.course.pk: {name: rows[a.course.pk] for name, rows in found.items() if rows[a.course.pk]}
        for a in accesses
    }


PART = Part(
    name="vocational",
    timeline=timeline,
    export=(("vocational", export),),
    retained=tuple(RetainedRecord(model, path) for _name, model, path in RECORDS),
    labelled=tuple(model for _name, model, _path in RECORDS),
)
