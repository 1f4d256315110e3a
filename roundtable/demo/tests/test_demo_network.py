"""The demo has coordinators (some courses still without one, some after a handover), a service
directory for each demo municipality, and a Norwegian responsibility group with outside
members for the Norwegian citizen who signs in, two of whom come to the citizen's next meeting."""

from django.db.models import Count

from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.meetings.models import Meeting, MeetingParticipant, MeetingStatus
from roundtable.network.models import (
    Coordination,
    DirectoryOrganization,
    DirectoryService,
    GroupMember,
    MemberKind,
)


def test_most_open_courses_have_a_coordinator_and_some_were_handed_over(demo):
    open_courses = Course.objects.filter(status__in=OPEN_STATUSES).count()
    current = Coordination.objects.filter(ended_on__isnull=True).count()
    assert open_courses * 0.7 < current < open_courses
    handed_over = (
        Coordination.objects.values("course").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    assert handed_over >= 2
    assert all(
        c.note
        for c in Coordination.objects.filter(
            ended_on__isnull=True, course__coordinations__ended_on__isnull=False
        )
    )


def test_every_demo_municipality_has_a_directory(demo):
    municipalities = set(DirectoryOrganization.objects.values_list("municipality", flat=True))
    assert {"Frederiksberg", "København", "Solna", "Oslo (Frogner)"} <= municipalities
    for municipality in municipalities:
        needs = set(
            DirectoryService.objects.filter(organization__municipality=municipality).values_list(
                "need", flat=True
            )
        )
        assert {"housing", "money", "substance_use", "health"} <= needs


def test_the_norwegian_citizen_has_a_group_with_a_gp_a_housing_officer_and_the_nav_veileder(demo):
    members = GroupMember.objects.filter(course__citizen__user__username="even.johannessen")
    roles = set(members.values_list("role", flat=True))
    assert {"gp", "housing", "employment"} <= roles
    assert members.filter(kind=MemberKind.SUMMARY).count() >= 3
    gp = members.get(role="gp")
    assert gp.service is not None and gp.organisation_name == "Bydel Frogner, Tjenester"


def test_the_gp_and_the_housing_officer_come_to_the_norwegian_citizens_next_meeting(demo):
    meeting = Meeting.objects.get(
        course__citizen__user__username="even.johannessen", status=MeetingStatus.PLANNED
    )
    coming = MeetingParticipant.objects.filter(meeting=meeting).select_related("member")
    assert sorted((p.member.role, p.member.kind) for p in coming) == [
        ("gp", MemberKind.SUMMARY),
        ("housing", MemberKind.SUMMARY),
    ]


def test_the_citizens_who_sign_in_see_services_of_their_municipality_beside_their_steps(
    demo, client
):
    from django.urls import reverse

    from roundtable.care.models import CareStep
    from roundtable.demo.network import TEAM_MUNICIPALITY
    from roundtable.vocational.models import VocationalStep

    linked = CareStep.objects.filter(
        service__isnull=False, course__citizen__user__isnull=False
    ).select_related("course__citizen__user", "course__team", "service__organization")
    assert linked.count() >= 3
    assert VocationalStep.objects.filter(service__isnull=False).exists()
    for step in linked:
        assert step.service.organization.municipality == TEAM_MUNICIPALITY[step.course.team.name]
    step = linked.get(course__citizen__user__username="even.johannessen")
    client.force_login(step.course.citizen.user)
    body = client.get(reverse("network:mine")).content.decode()
    services = body[body.index('id="services"') :]
    assert "Frogner legesenter" in services[: services.index("<h2")]


def test_the_norwegian_citizens_gp_was_given_a_summary_at_the_last_held_meeting(demo, client):
    from django.urls import reverse
    from django.utils import timezone

    from roundtable.audit.models import AuditEvent
    from roundtable.network.models import SummaryShare

    share = SummaryShare.objects.select_related("member", "course__citizen__user").get(
        course__citizen__user__username="even.johannessen"
    )
    assert share.member.role == "gp" and share.member.kind == MemberKind.SUMMARY
    assert share.channel == "meeting"
    held = Meeting.objects.filter(course=share.course, status=MeetingStatus.HELD).latest(
        "starts_at"
    )
    assert share.shared_on == max(timezone.localdate(held.starts_at), share.member.joined_on)
    assert share.snapshot["member"]["name"] == "Kari Fjeld"
    assert AuditEvent.objects.filter(
        citizen_id=share.course.citizen_id, object_type="summary_share", action="export"
    ).exists()
    client.force_login(share.course.citizen.user)
    page = client.get(reverse("network:mine")).content.decode()
    # Once in the group, once in "What we have shared about you".
    assert page.count("Kari Fjeld") == 2
