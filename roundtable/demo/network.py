"""Demo network (issue 13): a coordinator for most open courses (a few left without, so a team
leader sees the list), a service directory for each demo municipality (realistic but fictional
services), for the Norwegian citizen who signs in a responsibility group with members from
outside the team — a GP, a housing officer and the Nav veileder among them; the GP and the
housing officer take part in the citizen's upcoming roundtable meeting, and the GP was given a
summary on paper at the citizen's last held meeting — and for every citizen
who signs in plan steps that point at services of their municipality. Written through the
network, meeting and plan-step services, so audit events are real."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.care.models import CareStep
from roundtable.care.services import care_step_update
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.demo.setting import LARGE_TEAM, NORWEGIAN_TEAM, SMALL_TEAM, SWEDISH_TEAM
from roundtable.meetings.models import Meeting, MeetingStatus
from roundtable.meetings.services import meeting_update
from roundtable.network.models import (
    DirectoryService,
    GroupMember,
    GroupRole,
    MemberKind,
    ShareChannel,
    SummaryPart,
)
from roundtable.network.services import (
    coordinator_hand_over,
    directory_import,
    group_member_add,
    summary_share_create,
)
from roundtable.vocational.models import VocationalStep
from roundtable.vocational.services import vocational_step_update

_NS = uuid.UUID("6f1d3c2e-13aa-4e0b-9d7c-0b5e1a2f1313")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


# (municipality, country, organisation, phone, e-mail, website, address, services:
#  (need, name, description, eligibility, languages, opening hours))
DIRECTORY = (
    (
        "Frederiksberg",
        "DK",
        "Frederiksberg Kommune, Borgerservice",
        "+45 38 21 00 00",
        "borgerservice@frederiksberg.example.dk",
        "https://frederiksberg.example.dk",
        "Smallegade 1, 2000 Frederiksberg",
        (
            (
                "housing",
                "Boligsocialt team",
                "Hjælp til at finde og beholde en bolig.",
                "Borgere i kommunen",
                "da, en",
                "Man–fre 9–15",
            ),
            (
                "money",
                "Økonomisk rådgivning",
                "Gratis hjælp til budget og gæld.",
                "Alle over 18 år",
                "da, en",
                "Tirs og tors 10–14",
            ),
            (
                "substance_use",
                "Rusmiddelcenter Frederiksberg",
                "Anonym rådgivning og behandling for alkohol og stoffer.",
                "Alle over 18 år",
                "da",
                "Man–fre 8–16",
            ),
            (
                "family",
                "Familierådgivningen",
                "Samtaler for familier og pårørende.",
                "Familier med børn",
                "da",
                "Man–tors 9–15",
            ),
            (
                "health",
                "Lægehuset Falkoner",
                "Praktiserende læger; tidsbestilling på telefon.",
                "Tilmeldte patienter",
                "da, en",
                "Man–fre 8–16",
            ),
            (
                "work",
                "Jobcenter Frederiksberg, Virksomhedsservice",
                "Kontakt til virksomheder og praktikpladser.",
                "Ledige og sygemeldte",
                "da, en",
                "Man–fre 9–15",
            ),
        ),
    ),
    (
        "København",
        "DK",
        "Københavns Kommune, Socialforvaltningen",
        "+45 33 17 33 17",
        "social@kk.example.dk",
        "https://kk.example.dk",
        "Mozarts Plads 21, 2450 København SV",
        (
            (
                "housing",
                "Boligrådgivningen Sydhavn",
                "Rådgivning om bolig, husleje og udsættelse.",
                "Borgere i København",
                "da, en, ar",
                "Man–fre 9–14",
            ),
            (
                "money",
                "Gældsrådgivning Sydhavn",
                "Frivillig gældsrådgivning.",
                "Alle",
                "da",
                "Ons 16–19",
            ),
            (
                "substance_use",
                "KABS Sydhavn",
                "Behandling for stofbrug, også anonymt.",
                "Alle over 18 år",
                "da, en",
                "Man–fre 8–15",
            ),
            (
                "family",
                "Pårørendecentret",
                "Støtte til pårørende til mennesker med psykisk sygdom.",
                "Pårørende",
                "da",
                "Man–fre 10–15",
            ),
            (
                "health",
                "Distriktspsykiatrien Sydhavn",
                "Ambulant psykiatrisk behandling.",
                "Henvist af egen læge",
                "da, en",
                "Man–fre 8–15",
            ),
        ),
    ),
    (
        "Solna",
        "SE",
        "Solna stad, Socialtjänsten",
        "+46 8 746 10 00",
        "socialtjansten@solna.example.se",
        "https://solna.example.se",
        "Stadshusgången 2, 171 86 Solna",
        (
            (
                "housing",
                "Bostadssociala enheten",
                "Stöd för att få och behålla en bostad.",
                "Boende i Solna",
                "sv, en",
                "Mån–fre 9–15",
            ),
            (
                "money",
                "Budget- och skuldrådgivning",
                "Kostnadsfri rådgivning om budget och skulder.",
                "Boende i Solna",
                "sv, en",
                "Tis och tor 9–12",
            ),
            (
                "substance_use",
                "Beroendemottagningen Solna",
                "Stöd och behandling vid alkohol och droger.",
                "Från 18 år",
                "sv",
                "Mån–fre 8–16",
            ),
            (
                "family",
                "Anhörigstöd Solna",
                "Samtal och grupper för anhöriga.",
                "Anhöriga",
                "sv",
                "Mån–tor 9–16",
            ),
            (
                "health",
                "Vårdcentralen Solna centrum",
                "Allmänläkare och sjuksköterskor.",
                "Listade patienter",
                "sv, en",
                "Mån–fre 8–17",
            ),
            (
                "work",
                "Arbetsmarknadsenheten Solna",
                "Praktik och stöd till arbete.",
                "Arbetssökande i Solna",
                "sv, en",
                "Mån–fre 9–16",
            ),
        ),
    ),
    (
        "Oslo (Frogner)",
        "NO",
        "Bydel Frogner, Tjenester",
        "+47 21 80 21 80",
        "postmottak@frogner.example.no",
        "https://frogner.example.no",
        "Sommerrogata 1, 0255 Oslo",
        (
            (
                "housing",
                "Boligkontoret i bydel Frogner",
                "Hjelp til å finne og beholde bolig.",
                "Bosatt i bydelen",
                "nb, en",
                "Man–fre 9–15",
            ),
            (
                "money",
                "Økonomisk rådgivning, Nav Frogner",
                "Gratis hjelp med budsjett og gjeld.",
                "Alle",
                "nb, en",
                "Tirs og tors 9–14",
            ),
            (
                "substance_use",
                "Rusteamet Frogner",
                "Oppfølging ved rus, også for pårørende.",
                "Fra 18 år",
                "nb",
                "Man–fre 8–15.30",
            ),
            (
                "family",
                "Pårørendesenteret",
                "Samtaler og kurs for pårørende.",
                "Pårørende",
                "nb",
                "Man–tors 10–15",
            ),
            (
                "health",
                "Frogner legesenter",
                "Fastleger; time på telefon eller nett.",
                "Pasienter på listen",
                "nb, en",
                "Man–fre 8–16",
            ),
            (
                "work",
                "Nav Frogner, arbeidsrettet oppfølging",
                "Hjelp til å komme i arbeid.",
                "Bosatt i bydelen",
                "nb, en",
                "Man–fre 9–15",
            ),
        ),
    ),
)


HANDOVER_NOTE = {
    "dk": "Overdraget efter sidste rundbordsmøde: arbejdsdelen fører an nu.",
    "se": "Överlämnat efter senaste rundabordsmötet: arbetsdelen leder nu.",
    "no": "Overlevert etter siste rundebordsmøte: arbeidsdelen leder nå.",
}


def directory_document() -> dict:
    """The demo directory as HSDS JSON (stable ids, so loading twice updates in place)."""
    doc: dict[str, list] = {
        key: [] for key in ("organizations", "services", "locations", "service_at_locations")
    }
    for municipality, country, org, phone, email, url, address, services in DIRECTORY:
        org_id = _id(municipality, org)
        location_id = _id(municipality, org, "location")
        doc["organizations"].append(
            {
                "id": org_id,
                "name": org,
                "email": email,
                "website": url,
                "phones": [{"number": phone}],
                "x_municipality": municipality,
                "x_country": country,
            }
        )
        doc["locations"].append(
            {
                "id": location_id,
                "organization_id": org_id,
                "name": org,
                "addresses": [{"address_1": address, "city": municipality}],
            }
        )
        for need, name, description, eligibility, languages, hours in services:
            service_id = _id(municipality, name)
            doc["services"].append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": name,
                    "description": description,
                    "eligibility_description": eligibility,
                    "languages": [x.strip() for x in languages.split(",")],
                    "attributes": [
                        {"taxonomy_term": {"taxonomy": "roundtable-need", "code": need}}
                    ],
                }
            )
            doc["service_at_locations"].append(
                {
                    "id": _id(municipality, name, "at"),
                    "service_id": service_id,
                    "location_id": location_id,
                    "schedules": [{"description": hours}],
                }
            )
    return doc


def demo_network_load(*, today: dt.date) -> None:
    """The directory, coordinators and the Norwegian responsibility group (after demo_load)."""
    directory_import(actor=None, data=directory_document(), command=True)
    start = min(today, timezone.localdate())
    courses = list(
        Course.objects.filter(status__in=OPEN_STATUSES, care_manager__isnull=False)
        .select_related("citizen", "team", "care_manager__user", "employment_consultant__user")
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )
    for i, course in enumerate(courses):
        # Every seventh course has no coordinator yet: the team leader's list shows them.
        cm, ec = course.care_manager, course.employment_consultant
        if i % 7 == 6 or cm is None:
            continue
        actor = actor_for_user(cm.user)
        first = ec if (i % 3 == 0 and ec is not None) else cm
        named_on = max(course.referral_date, start - dt.timedelta(days=300))
        coordinator_hand_over(
            actor=actor, citizen_id=course.citizen_id, professional_id=first.pk, starts_on=named_on
        )
        # Some courses have had a handover already: the history shows it.
        if i % 5 == 1 and ec is not None:
            coordinator_hand_over(
                actor=actor,
                citizen_id=course.citizen_id,
                professional_id=(cm if first == ec else ec).pk,
                starts_on=max(named_on, start - dt.timedelta(days=14)),
                note=HANDOVER_NOTE[course.jurisdiction],
            )
    norwegian = next(
        (c for c in courses if c.jurisdiction == "no" and c.citizen.user_id is not None), None
    )
    if norwegian is not None:
        _norwegian_group(norwegian, start)
    _steps_with_services([c for c in courses if c.citizen.user_id is not None])


# Each demo team's municipality in the directory.
TEAM_MUNICIPALITY = {
    LARGE_TEAM: "Frederiksberg",
    SMALL_TEAM: "København",
    SWEDISH_TEAM: "Solna",
    NORWEGIAN_TEAM: "Oslo (Frogner)",
}


def _steps_with_services(courses: list[Course]) -> None:
    """For the citizens who sign in: the current care step points at a health service of the
    team's municipality, and the next vocational step at a work service there (where the
    directory has one), so that "Your people and services" shows them."""
    by_place: dict[tuple[str, str], uuid.UUID] = {}
    for service in DirectoryService.objects.select_related("organization").order_by("name"):
        by_place.setdefault((service.organization.municipality, service.need), service.pk)
    for course in courses:
        place = TEAM_MUNICIPALITY.get(course.team.name)
        if place is None:
            continue
        health, work = by_place.get((place, "health")), by_place.get((place, "work"))
        step = (
            CareStep.objects.filter(course=course, status__in=("planned", "active"))
            .select_related("treatment")
            .order_by("-starts_on")
            .first()
        )
        if health is not None and step is not None and course.care_manager is not None:
            care_step_update(
                actor=actor_for_user(course.care_manager.user),
                citizen_id=course.citizen_id,
                step_id=step.pk,
                treatment_slug=step.treatment.slug,
                description=step.description,
                starts_on=step.starts_on,
                ends_on=step.ends_on,
                status=step.status,
                service_id=health,
            )
        next_step = (
            VocationalStep.objects.filter(course=course, status__in=("planned", "active"))
            .order_by("due_on")
            .first()
        )
        if work is not None and next_step is not None and course.employment_consultant:
            vocational_step_update(
                actor=actor_for_user(course.employment_consultant.user),
                citizen_id=course.citizen_id,
                step_id=next_step.pk,
                text=next_step.text,
                due_on=next_step.due_on,
                status=next_step.status,
                service_id=work,
            )


def _norwegian_group(course: Course, start: dt.date) -> None:
    assert course.care_manager is not None
    actor = actor_for_user(course.care_manager.user)
    joined = max(course.referral_date, start - dt.timedelta(days=60))
    services = {
        s.need: s.pk
        for s in DirectoryService.objects.filter(organization__municipality="Oslo (Frogner)")
    }
    team: list[tuple[str, uuid.UUID | None, str]] = [
        (GroupRole.CARE_MANAGER, course.care_manager_id, "Helsa di og samtalene"),
        (
            GroupRole.EMPLOYMENT,
            course.employment_consultant_id,
            "Arbeid og penger fra Nav (Nav-veileder)",
        ),
    ]
    for role, professional_id, what in team:
        if professional_id is not None:
            group_member_add(
                actor=actor,
                citizen_id=course.citizen_id,
                kind=MemberKind.TEAM,
                role=role,
                professional_id=professional_id,
                responsible_for=what,
                joined_on=joined,
            )
    # From outside the team: no account here; they get a shared summary.
    outside: list[tuple[str, str, str | None, str, str, str, str]] = [
        (
            GroupRole.GP,
            "Kari Fjeld",
            "health",
            "",
            "Fastlege: sykmelding og medisiner",
            "+47 22 44 55 66",
            "",
        ),
        (GroupRole.HOUSING, "Jonas Berge", "housing", "", "Boligen din", "+47 21 80 21 90", ""),
        (GroupRole.ADDICTION, "Line Haugen", "substance_use", "", "Samtaler om alkohol", "", ""),
        (
            GroupRole.EMPLOYER,
            "Per Olsen",
            None,
            "Frogner Sport AS",
            "Arbeidsplassen din",
            "",
            "per.olsen@frognersport.example.no",
        ),
    ]
    joining: list[GroupMember] = []
    for role, name, need, organisation, what, phone, email in outside:
        member = group_member_add(
            actor=actor,
            citizen_id=course.citizen_id,
            kind=MemberKind.SUMMARY,
            role=role,
            name=name,
            service_id=services.get(need) if need else None,
            organisation_name=organisation,
            responsible_for=what,
            phone=phone,
            email=email,
            joined_on=joined,
        )
        if role in (GroupRole.GP, GroupRole.HOUSING):
            joining.append(member)
    _group_at_next_meeting(actor, course, joining)
    gp = next(m for m in joining if m.role == GroupRole.GP)
    _summary_for_the_gp(actor, course, gp)


def _summary_for_the_gp(actor, course: Course, gp: GroupMember) -> None:
    """The care manager gave the GP (no account here) a summary on paper at the citizen's last
    held meeting, with the citizen's agreement."""
    held = (
        Meeting.objects.filter(course=course, status=MeetingStatus.HELD)
        .order_by("-starts_at")
        .first()
    )
    if held is None:
        return
    summary_share_create(
        actor=actor,
        citizen_id=course.citizen_id,
        member_id=gp.pk,
        parts=list(SummaryPart.values),
        channel=ShareChannel.MEETING,
        citizen_agreed=True,
        shared_on=max(timezone.localdate(held.starts_at), gp.joined_on),
    )


def _group_at_next_meeting(actor, course: Course, members: list[GroupMember]) -> None:
    """The care manager changes the upcoming meeting (from demo.meetings): the GP and the
    housing officer come too."""
    meeting = (
        Meeting.objects.filter(course=course, status=MeetingStatus.PLANNED)
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return
    meeting_update(
        actor=actor,
        meeting_id=meeting.pk,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        purpose=meeting.purpose,
        place=meeting.place,
        video_url=meeting.video_url,
        group_members=[m.pk for m in members],
    )
