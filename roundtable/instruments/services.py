"""Writes of the instruments' records: atomic, checked through the gate, audited.

Shared decision making after a held meeting: the citizen answers SDM-Q-9 (with, for each key
decision, whether they noticed it was made), the course's care manager and its employment
consultant each answer SDM-Q-Doc. Once per meeting and person, answered or declined; every item
may be left unanswered. Bad input raises ValidationError and saves nothing; someone who may not
see the meeting gets 404, someone who sees it but is not one of the three gets 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.citizens.gate import CourseAccess, Requirement, record_write_access
from roundtable.core.services import service
from roundtable.instruments.models import (
    MEETING_MINUTES,
    SDM_HIGHEST,
    SDM_ITEMS,
    DecisionNoticed,
    Noticed,
    OptionRating,
    RatingSource,
    Respondent,
    SdmInstrument,
    SdmResponse,
)
from roundtable.instruments.selectors import PURPOSE, key_decisions, respondent_of
from roundtable.meetings.models import Meeting, MeetingStatus

ANSWERS_SDM = Requirement(
    lambda access: respondent_of(access) is not None,
    gettext_lazy(
        "Only the citizen, the care manager and the employment consultant of the course "
        "answer these questions about the meeting."
    ),
)


def _meeting_for_answer(
    actor: Actor | None, meeting_id: uuid.UUID
) -> tuple[Meeting, CourseAccess, str]:
    access = record_write_access(
        actor=actor,
        model=Meeting,
        record_id=meeting_id,
        purpose=PURPOSE,
        object_type="sdm_response",
        require=ANSWERS_SDM,
    )
    respondent = respondent_of(access)
    assert respondent is not None  # the requirement holds
    meeting = Meeting.objects.get(pk=meeting_id)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            _("These questions are about a meeting that has been held. This one has not.")
        )
    if SdmResponse.objects.filter(meeting=meeting, respondent=respondent).exists():
        raise ValidationError(_("You have already answered these questions for this meeting."))
    return meeting, access, respondent


def _checked_answers(answers: Sequence[Any]) -> list[int | None]:
    if not isinstance(answers, list | tuple) or len(answers) != SDM_ITEMS:
        raise ValidationError(_("There are nine questions; some answers are missing."))
    problems = []
    values: list[int | None] = []
    for number, value in enumerate(answers, start=1):
        if value is None:
            values.append(None)
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SDM_HIGHEST:
            problems.append(
                _("Question %(number)s: choose an answer from 0 to 5, or leave it out.")
                % {"number": number}
            )
        else:
            values.append(value)
    if problems:
        raise ValidationError(problems)
    return values


def _save(
    *,
    meeting: Meeting,
    access: CourseAccess,
    respondent: str,
    answers: list[int | None],
    declined: bool,
    shared_with_team: bool = False,
) -> SdmResponse:
    response = SdmResponse.objects.create(
        course=access.course,
        meeting=meeting,
        respondent=respondent,
        instrument=(
            SdmInstrument.SDMQ9 if respondent == Respondent.CITIZEN else SdmInstrument.SDMQDOC
        ),
        professional_id=None if respondent == Respondent.CITIZEN else access.actor.professional_id,
        declined=declined,
        answers=[] if declined else answers,
        shared_with_team=shared_with_team and not declined,
        answered_at=timezone.now(),
        data_class=MEETING_MINUTES,
    )
    # The event names the questionnaire, never an answer.
    access.audit(
        action=AuditAction.CREATE,
        object_type="sdm_response",
        object_id=response.pk,
        detail={
            "meeting": str(meeting.pk),
            "instrument": response.instrument,
            "declined": declined,
        },
    )
    return response


@service(AuditAction.CREATE, purpose=PURPOSE)
def sdm_response_answer(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    answers: Sequence[Any],
    noticed: Mapping[uuid.UUID, str] | None = None,
    shared_with_team: bool = False,
) -> SdmResponse:
    """The actor's answers about a held meeting: SDM-Q-9 for the citizen (with `noticed`, keyed
    by key decision, and whether the team may see the answers), SDM-Q-Doc for the course's care
    manager or employment consultant. None leaves an item unanswered."""
    meeting, access, respondent = _meeting_for_answer(actor, meeting_id)
    values = _checked_answers(answers)
    noticed = dict(noticed or {})
    citizen = respondent == Respondent.CITIZEN
    decisions = {d.pk: d for d in key_decisions(meeting)} if citizen else {}
    if not citizen and (noticed or shared_with_team):
        raise ValidationError(_("Only the citizen says which decisions they noticed."))
    if any(pk not in decisions for pk in noticed):
        raise ValidationError(
            _("The decisions of this meeting changed while you were answering. Nothing was saved.")
        )
    if any(answer not in Noticed.values for answer in noticed.values()):
        raise ValidationError(_("Answer yes, no or not sure for each decision."))
    response = _save(
        meeting=meeting,
        access=access,
        respondent=respondent,
        answers=values,
        declined=False,
        shared_with_team=shared_with_team,
    )
    DecisionNoticed.objects.bulk_create(
        DecisionNoticed(
            response=response,
            decision=decisions[pk],
            decision_title=decisions[pk].title,
            answer=answer,
        )
        for pk, answer in noticed.items()
    )
    return response


@service(AuditAction.CREATE, purpose=PURPOSE)
def sdm_response_decline(*, actor: Actor | None, meeting_id: uuid.UUID) -> SdmResponse:
    """The actor chooses not to answer about this meeting; they are not asked again."""
    meeting, access, respondent = _meeting_for_answer(actor, meeting_id)
    return _save(meeting=meeting, access=access, respondent=respondent, answers=[], declined=True)


# --- Observer OPTION ---------------------------------------------------------------------------

OPTION_ITEMS = {"option12": 12, "option5": 5}
OPTION_HIGHEST = 4
NOTE_MAX_LENGTH = 1000


def _may_rate(access: CourseAccess) -> bool:
    return (
        access.works_on
        and not access.emergency
        and access.actor.professional_id is not None
        and access.may_read(MEETING_MINUTES)
    )


RATES_OPTION = Requirement(
    _may_rate,
    gettext_lazy("Only a professional of the course's team rates its meetings with OPTION."),
)


@service(AuditAction.CREATE, purpose=PURPOSE)
def option_rating_record(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    instrument: str,
    items: Sequence[Any],
    notes: Sequence[str] = (),
    source: str,
) -> OptionRating:
    """An observer's OPTION-12 or OPTION-5 rating of a held meeting (every item 0-4, a note per
    item), once per rater and instrument."""
    access = record_write_access(
        actor=actor,
        model=Meeting,
        record_id=meeting_id,
        purpose=PURPOSE,
        object_type="option_rating",
        require=RATES_OPTION,
    )
    meeting = Meeting.objects.get(pk=meeting_id)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("A meeting is rated once it has been held."))
    count = OPTION_ITEMS.get(instrument)
    if count is None:
        raise ValidationError(_("Choose OPTION-12 or OPTION-5."))
    if source not in RatingSource.values:
        raise ValidationError(_("Say whether you rated the meeting live or from a recording."))
    problems = []
    if not isinstance(items, list | tuple) or len(items) != count:
        problems.append(_("Rate every item."))
    else:
        for number, value in enumerate(items, start=1):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
                problems.append(
                    _("Item %(number)s: choose a rating from 0 to 4.") % {"number": number}
                )
    notes = [str(n or "").strip() for n in notes]
    if len(notes) > count or any(len(n) > NOTE_MAX_LENGTH for n in notes):
        problems.append(_("Keep each note under 1,000 characters."))
    if problems:
        raise ValidationError(problems)
    rater = access.actor.professional_id
    assert rater is not None  # the requirement holds
    if OptionRating.objects.filter(meeting=meeting, rater_id=rater, instrument=instrument).exists():
        raise ValidationError(_("You have already rated this meeting with this instrument."))
    rating = OptionRating.objects.create(
        course=access.course,
        meeting=meeting,
        instrument=instrument,
        rater_id=rater,
        source=source,
        items=list(items),
        notes=notes + [""] * (count - len(notes)),
        rated_at=timezone.now(),
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="option_rating",
        object_id=rating.pk,
        detail={"meeting": str(meeting.pk), "instrument": instrument},
    )
    return rating
