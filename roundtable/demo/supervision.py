"""A year of reflective supervision for one Danish team (issue 13 #6), in Danish, written through
the supervision services: twelve monthly sessions led by the psychiatrist and the psychologist,
attendance from the region and the jobcenter, themes (norms, decision zones, goal hierarchies,
hard cases by a pseudonym) and actions with an owner and a due date, followed up at the next
session — done, continued or dropped. The same team follows the first-meeting protocol.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.organisations.models import Membership, Professional, Role, Team
from roundtable.organisations.services import team_first_meeting_protocol_set
from roundtable.supervision.models import SupervisionAction, ThemeKind
from roundtable.supervision.services import (
    supervision_action_add,
    supervision_action_follow_up,
    supervision_attendance_record,
    supervision_session_schedule,
    supervision_theme_add,
)

SUPERVISED_TEAM = "Team Sydhavn"
SESSIONS = 12

# One month each: (kind, title, pseudonym, notes); then the actions agreed (text, owner role).
N, Z, G, H = (
    ThemeKind.NORMS,
    ThemeKind.DECISION_ZONES,
    ThemeKind.GOAL_HIERARCHY,
    ThemeKind.HARD_CASE,
)
MONTHS: list[tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]] = [
    (
        [
            (
                N,
                "Hvordan vi taler om borgeren",
                "",
                "Vi taler om borgeren, som om hun sad med ved bordet.",
            ),
            (
                Z,
                "Hvem bestemmer hvad i forløbet",
                "",
                "Sundhed, beskæftigelse og borgeren: tre zoner.",
            ),
        ],
        [("Skriv de tre beslutningszoner ned på én side", Role.TEAM_LEADER)],
    ),
    (
        [(G, "Målhierarki: arbejde, helbred, hverdag", "", "Borgerens eget mål står øverst.")],
        [("Prøv målhierarkiet i to forløb hver", Role.CARE_MANAGER)],
    ),
    (
        [(H, "Når planen går i stå", "Fru Birk", "Fru Birk vil arbejde, men sover dårligt.")],
        [("Spørg Fru Birk, hvad der betyder mest lige nu", Role.EMPLOYMENT_CONSULTANT)],
    ),
    (
        [(N, "Svar inden for en arbejdsdag", "", "Vi svarer hinanden samme dag, også på tværs.")],
        [("Aftal faste telefontider i makkerparrene", Role.TEAM_LEADER)],
    ),
    (
        [
            (
                Z,
                "Lægeattester og sygedagpenge",
                "",
                "Jobcentret afgør sagen; vi beskriver funktionsevne.",
            )
        ],
        [("Lav en tjekliste til attester om funktionsevne", Role.CARE_MANAGER)],
    ),
    (
        [(H, "Uenighed om tempo", "Hr. Eg", "Hr. Eg vil hurtigere tilbage end vi tror er godt.")],
        [("Læg en trappe for Hr. Eg med borgeren ved næste møde", Role.EMPLOYMENT_CONSULTANT)],
    ),
    (
        [(G, "Når helbred og arbejde trækker hver sin vej", "", "Borgerens mål vejer tungest.")],
        [("Skriv målhierarkiet ind i fælles plan-skabelonen", Role.TEAM_LEADER)],
    ),
    (
        [(N, "Første møde uden forsnak", "", "Vi taler ikke om borgeren, før vi mødes med hende.")],
        [("Sig det til borgeren i indkaldelsen", Role.CARE_MANAGER)],
    ),
    (
        [(Z, "Hvem må tale med arbejdsgiveren", "", "Kun med borgerens samtykke og med borgeren.")],
        [("Gennemgå samtykkerne for arbejdsgiverkontakt", Role.EMPLOYMENT_CONSULTANT)],
    ),
    (
        [(H, "Tilbagefald efter opstart", "Fru Lind", "Fru Lind fik det værre i uge tre.")],
        [("Aftal en plan for tilbagefald med Fru Lind", Role.CARE_MANAGER)],
    ),
    (
        [(N, "Vi skriver, så borgeren kan læse det", "", "Korte sætninger, ingen forkortelser.")],
        [("Læs hinandens notater for svære ord", Role.TEAM_LEADER)],
    ),
    (
        [(G, "Året der gik", "", "Hvad virkede, og hvad tager vi med videre.")],
        [("Saml årets aftaler til introduktion af nye kolleger", Role.TEAM_LEADER)],
    ),
]
# The follow-up of an earlier action, in turn: done, continued, done, dropped, ...
FOLLOW_UPS = [
    ("done", "Færdig og delt med teamet."),
    ("continued", "Halvvejs; vi fortsætter."),
    ("done", "Gjort."),
    ("dropped", "Ikke længere relevant."),
]


def _actor(professional: Professional) -> Actor:
    actor = actor_for_user(professional.user)
    assert actor is not None
    return actor


def demo_supervision_load(*, today: dt.date) -> None:
    team = Team.objects.get(name=SUPERVISED_TEAM)
    team_first_meeting_protocol_set(team_id=team.pk, on=True)
    members = [
        m.professional
        for m in Membership.objects.filter(team=team)
        .select_related("professional__user", "professional__organisation")
        .order_by("professional__user__last_name", "professional__user__first_name")
    ]
    leader = next(p for p in members if p.role == Role.TEAM_LEADER)
    supervisors = [p for p in members if p.role == Role.SUPERVISOR]
    attending = [p for p in members if p.role != Role.EVALUATOR]
    by_role = {role: [p for p in members if p.role == role] for role in Role.values}
    leader_actor, supervisor_actor = _actor(leader), _actor(supervisors[0])
    rng = random.Random(13)
    turn = 0
    for month, (themes, actions) in enumerate(MONTHS):
        # The first Thursday of each of the twelve months before today, at 13:00.
        first = (today.replace(day=1) - dt.timedelta(days=31 * (SESSIONS - month))).replace(day=1)
        day = first + dt.timedelta(days=(3 - first.weekday()) % 7)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(13, 0)))
        session = supervision_session_schedule(
            actor=leader_actor,
            team_id=team.pk,
            starts_at=starts_at,
            place="Mødelokale 2, Sydhavn",
            leader_ids=[p.pk for p in supervisors],
        )
        supervision_attendance_record(
            actor=supervisor_actor,
            session_id=session.pk,
            present={p.pk: rng.random() > 0.15 or p in supervisors for p in attending},
        )
        for kind, title, pseudonym, notes in themes:
            supervision_theme_add(
                actor=supervisor_actor,
                session_id=session.pk,
                kind=kind,
                title=title,
                pseudonym=pseudonym,
                notes=notes,
            )
        open_actions = SupervisionAction.objects.filter(
            session__team=team, session__starts_at__lt=starts_at, status="open"
        ).order_by("created_at")
        for action in open_actions:
            outcome, note = FOLLOW_UPS[turn % len(FOLLOW_UPS)]
            turn += 1
            supervision_action_follow_up(
                actor=leader_actor,
                session_id=session.pk,
                action_id=action.pk,
                outcome=outcome,
                note=note,
            )
        for text, role in actions:
            owners = by_role.get(role) or [leader]
            supervision_action_add(
                actor=leader_actor,
                session_id=session.pk,
                text=text,
                owner_id=rng.choice(owners).pk,
                due_on=day + dt.timedelta(days=21),
            )
