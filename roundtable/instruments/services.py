"""Writes of the instruments' records: atomic, checked through the gate, audited.

Shared decision making after a held meeting: the citizen answers SDM-Q-9 (with, for each key
decision, whether they noticed it was made), the course's care manager and its employment
consultant each answer SDM-Q-Doc. Once per meeting and person, answered or declined; every item
may be left unanswered. Bad input raises ValidationError and saves nothing; someone who may not
see the meeting gets 404, someone who sees it but is not one of the three gets 403.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess, Requirement, record_write_access
from roundtable.core.services import Refused, service
from roundtable.instruments import ips25_items
from roundtable.instruments.fidelity_prefill import SOURCE_CODES
from roundtable.instruments.models import (
    FIDELITY_NOTE_MAX,
    FIDELITY_TEXT_MAX,
    MEETING_MINUTES,
    SDM_HIGHEST,
    SDM_ITEMS,
    DecisionNoticed,
    FidelityConsensus,
    FidelityRating,
    FidelityReview,
    FidelityReviewer,
    Noticed,
    OptionRating,
    RatingSource,
    Respondent,
    ReviewKind,
    ReviewStatus,
    SdmInstrument,
    SdmResponse,
)
from roundtable.instruments.selectors import (
    FIDELITY_PURPOSE,
    PURPOSE,
    fidelity_oversees,
    fidelity_reviewer_choices,
    key_decisions,
    respondent_of,
)
from roundtable.meetings.models import Meeting, MeetingStatus
from roundtable.organisations.models import Team

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


# --- IPS fidelity reviews (issue 12 §1) ----------------------------------------------------------
# Team-level records. A review is created by those who lead, supervise, manage or evaluate the
# team; each reviewer rates the 25 items alone and submits; once every reviewer has submitted,
# a reviewer records the consensus. Forbidden and missing answer 404; someone who may see the
# review but not do this gets 403 with the reason.

MIN_REVIEWERS = 2


def _review_for(
    actor: Actor | None, review_id: uuid.UUID
) -> tuple[FidelityReview, FidelityReviewer | None, bool]:
    """The review, the actor's place among its reviewers and whether they oversee the team;
    Refused (404) when they are neither."""
    review = (
        FidelityReview.objects.select_for_update()
        .select_related("team")
        .filter(pk=review_id)
        .first()
    )
    me = (
        FidelityReviewer.objects.filter(
            review=review, professional_id=actor.professional_id
        ).first()
        if review is not None and actor is not None and actor.professional_id
        else None
    )
    oversees = review is not None and fidelity_oversees(actor, review.team)
    if review is None or (me is None and not oversees):
        raise Refused(
            object_type="fidelity_review",
            object_id=review_id,
            citizen_id=None,
            exists=review is not None,
        )
    return review, me, oversees


def _audit_fidelity(
    actor: Actor | None, action: str, review: FidelityReview, **detail: Any
) -> None:
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type="fidelity_review",
        object_id=review.pk,
        purpose=FIDELITY_PURPOSE,
        detail=detail,
    )


def _clean_text(value: str, *, field: str, limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise ValidationError(
            {field: _("Keep this under %(limit)s characters.") % {"limit": f"{limit:,}"}}
        )
    return text


@service(AuditAction.CREATE, purpose=FIDELITY_PURPOSE)
def fidelity_review_create(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    reviewed_on: dt.date,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    reviewer_ids: Sequence[uuid.UUID],
    strengths: str = "",
    recommendations: str = "",
) -> FidelityReview:
    """A new review of the team, in draft, with its two or more reviewers."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None or not fidelity_oversees(actor, team):
        raise Refused(
            object_type="fidelity_review",
            object_id=team_id,
            citizen_id=None,
            exists=team is not None,
        )
    assert actor is not None and actor.professional_id is not None  # fidelity_oversees holds
    problems: dict[str, list[str]] = {}
    if kind not in ReviewKind.values:
        problems["kind"] = [_("Choose the type of review.")]
    if period_start > period_end:
        problems["period_end"] = [_("The period ends on or after the day it starts.")]
    chosen = list(dict.fromkeys(reviewer_ids))
    allowed = set(
        fidelity_reviewer_choices(team_id=team.pk)
        .filter(pk__in=chosen)
        .values_list("pk", flat=True)
    )
    if len(chosen) < MIN_REVIEWERS:
        problems["reviewers"] = [_("Choose two or more reviewers.")]
    elif any(pk not in allowed for pk in chosen):
        problems["reviewers"] = [_("Choose reviewers among the team's members and the evaluators.")]
    strengths = _clean_text(strengths, field="strengths", limit=FIDELITY_TEXT_MAX)
    recommendations = _clean_text(recommendations, field="recommendations", limit=FIDELITY_TEXT_MAX)
    if problems:
        raise ValidationError(problems)
    review = FidelityReview.objects.create(
        team=team,
        reviewed_on=reviewed_on,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        strengths=strengths,
        recommendations=recommendations,
        created_by_id=actor.professional_id,
    )
    FidelityReviewer.objects.bulk_create(
        FidelityReviewer(review=review, professional_id=pk) for pk in chosen
    )
    _audit_fidelity(actor, AuditAction.CREATE, review, reviewers=len(chosen), kind=kind)
    return review


def _checked_rating(code: str, value: Any) -> tuple[int | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return None, _("%(item)s: choose a rating from 1 to 5.") % {"item": code}
    return value, None


@service(AuditAction.UPDATE, purpose=FIDELITY_PURPOSE)
def fidelity_ratings_save(
    *,
    actor: Actor | None,
    review_id: uuid.UUID,
    ratings: Mapping[str, Mapping[str, Any]],
    submit: bool = False,
) -> FidelityReviewer:
    """The actor's own ratings of the review's items, each ``{"rating": 1-5 or None,
    "evidence": str, "sources": [MIS, DOC, INT, OBS], "suggested": 1-5 or None}``. Saved as a
    draft, or submitted (every item rated) — after which they no longer change and the other
    reviewers' ratings become visible to the actor."""
    review, me, _oversees = _review_for(actor, review_id)
    if me is None:
        raise Refused(
            object_type="fidelity_review",
            object_id=review_id,
            citizen_id=None,
            exists=True,
            forbidden=_("Only the review's reviewers rate its items."),
        )
    if me.submitted_at is not None:
        raise ValidationError(_("You have submitted your ratings; they no longer change."))
    problems: dict[str, list[str]] = {}
    unknown = set(ratings) - set(ips25_items.CODES)
    if unknown:
        raise ValidationError(_("There is no item %(code)s.") % {"code": sorted(unknown)[0]})
    rows = []
    for code in ips25_items.CODES:
        given = ratings.get(code) or {}
        value, problem = _checked_rating(code, given.get("rating"))
        if problem:
            problems[f"rating_{code}"] = [problem]
            continue
        sources = list(given.get("sources") or [])
        if any(s not in SOURCE_CODES for s in sources):
            problems[f"sources_{code}"] = [_("Choose among MIS, DOC, INT and OBS.")]
            continue
        evidence = str(given.get("evidence") or "").strip()
        if len(evidence) > FIDELITY_NOTE_MAX:
            problems[f"evidence_{code}"] = [_("Keep the evidence under 2,000 characters.")]
            continue
        suggested = given.get("suggested")
        if value is None:
            if submit:
                problems[f"rating_{code}"] = [_("Rate this item before you submit.")]
            continue
        rows.append(
            FidelityRating(
                reviewer=me,
                item=code,
                rating=value,
                evidence=evidence,
                sources=[s for s in SOURCE_CODES if s in sources],
                suggested=suggested if isinstance(suggested, int) and 1 <= suggested <= 5 else None,
            )
        )
    if problems:
        raise ValidationError(problems)
    FidelityRating.objects.filter(reviewer=me).delete()
    FidelityRating.objects.bulk_create(rows)
    if submit:
        me.submitted_at = timezone.now()
        me.save(update_fields=["submitted_at"])
    _audit_fidelity(actor, AuditAction.UPDATE, review, rated=len(rows), submitted=submit)
    return me


@service(AuditAction.UPDATE, purpose=FIDELITY_PURPOSE)
def fidelity_consensus_record(
    *,
    actor: Actor | None,
    review_id: uuid.UUID,
    items: Mapping[str, Mapping[str, Any]],
) -> FidelityReview:
    """The reviewers' consensus on every item, ``{"rating": 1-5, "reason": str}``, once every
    reviewer has submitted; a reason is needed where the reviewers' ratings differ. Recording it
    again replaces it. The review's consensus is then reached."""
    review, me, _oversees = _review_for(actor, review_id)
    if me is None:
        raise Refused(
            object_type="fidelity_review",
            object_id=review_id,
            citizen_id=None,
            exists=True,
            forbidden=_("Only the review's reviewers record its consensus."),
        )
    reviewers = list(FidelityReviewer.objects.filter(review=review))
    if not all(r.submitted_at for r in reviewers):
        raise ValidationError(
            _("Every reviewer submits their own ratings before the consensus is recorded.")
        )
    given: dict[str, set[int]] = defaultdict(set)
    for item, rating in FidelityRating.objects.filter(reviewer__review=review).values_list(
        "item", "rating"
    ):
        given[item].add(rating)
    problems: dict[str, list[str]] = {}
    rows = []
    for code in ips25_items.CODES:
        entry = items.get(code) or {}
        value, problem = _checked_rating(code, entry.get("rating"))
        if problem or value is None:
            problems[f"rating_{code}"] = [problem or _("Give the consensus rating.")]
            continue
        reason = str(entry.get("reason") or "").strip()
        if len(reason) > FIDELITY_NOTE_MAX:
            problems[f"reason_{code}"] = [_("Keep the reason under 2,000 characters.")]
            continue
        if not reason and len(given[code]) > 1:
            problems[f"reason_{code}"] = [
                _("The reviewers rated this item differently: say why you agreed on this rating.")
            ]
            continue
        rows.append(FidelityConsensus(review=review, item=code, rating=value, reason=reason))
    if problems:
        raise ValidationError(problems)
    FidelityConsensus.objects.filter(review=review).delete()
    FidelityConsensus.objects.bulk_create(rows)
    review.status = ReviewStatus.CONSENSUS
    review.save(update_fields=["status", "updated_at"])
    total = sum(row.rating for row in rows)
    _audit_fidelity(actor, AuditAction.UPDATE, review, consensus=True, total=total)
    return review


@service(AuditAction.UPDATE, purpose=FIDELITY_PURPOSE)
def fidelity_review_update(
    *, actor: Actor | None, review_id: uuid.UUID, strengths: str, recommendations: str
) -> FidelityReview:
    """The review's strengths and recommendations, by its reviewers or the team's leaders."""
    review, _me, _oversees = _review_for(actor, review_id)
    review.strengths = _clean_text(strengths, field="strengths", limit=FIDELITY_TEXT_MAX)
    review.recommendations = _clean_text(
        recommendations, field="recommendations", limit=FIDELITY_TEXT_MAX
    )
    review.save(update_fields=["strengths", "recommendations", "updated_at"])
    _audit_fidelity(actor, AuditAction.UPDATE, review, part="strengths_recommendations")
    return review
