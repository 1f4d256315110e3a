"""Records of the integration instruments.

Shared decision making after a held roundtable meeting (issue 12 §3): the citizen answers
SDM-Q-9, the course's care manager and its employment consultant each answer SDM-Q-Doc; the
citizen also says, for each key decision, whether they noticed that it was made. One response
per meeting and person; a questionnaire can be declined (a response without answers). Scores are
computed when read (`roundtable.instruments.scoring.sdmq9`), never stored, so a changed
missing-item rule applies to every response alike.

The responses are about a meeting, so they carry the meeting's data class (`meeting_minutes`):
consent that keeps a meeting's decisions from a sector keeps these from it too.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import Decision, Meeting
from roundtable.organisations.models import Professional, Team

MEETING_MINUTES: str = DataClass.MEETING_MINUTES
SDM_ITEMS = 9
SDM_HIGHEST = 5


class Respondent(models.TextChoices):
    CITIZEN = "citizen", _("The citizen")
    CARE_MANAGER = "care_manager", _("The care manager")
    EMPLOYMENT_CONSULTANT = "employment_consultant", _("The employment consultant")


class SdmInstrument(models.TextChoices):
    SDMQ9 = "sdmq9", "SDM-Q-9"
    SDMQDOC = "sdmqdoc", "SDM-Q-Doc"


class SdmResponse(models.Model):
    """One person's SDM-Q-9 or SDM-Q-Doc about one held meeting, or their choice not to answer.

    `answers` holds nine values 0-5 or null (left unanswered); empty when declined."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sdm_responses")
    respondent = models.CharField(_("who answered"), max_length=24, choices=Respondent.choices)
    instrument = models.CharField(_("questionnaire"), max_length=8, choices=SdmInstrument.choices)
    # The professional who answered SDM-Q-Doc; empty for the citizen.
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined = models.BooleanField(_("chose not to answer"), default=False)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    # The citizen's choice: the team may see the answers item by item (otherwise only the score).
    shared_with_team = models.BooleanField(_("the team may see the answers"), default=False)
    answered_at = models.DateTimeField(_("answered at"))
    data_class = models.CharField(max_length=32, default=MEETING_MINUTES, editable=False)

    class Meta:
        ordering = ["answered_at"]
        verbose_name = _("shared decision making questionnaire")
        verbose_name_plural = _("shared decision making questionnaires")
        indexes = [models.Index(fields=["course", "answered_at"], name="sdm_course_answered")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "respondent"], name="sdm_once_per_meeting_and_person"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(respondent="citizen", instrument="sdmq9")
                    | (~models.Q(respondent="citizen") & models.Q(instrument="sdmqdoc"))
                ),
                name="sdm_instrument_fits_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.id} ({self.respondent})"


class Noticed(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class DecisionNoticed(models.Model):
    """The citizen's answer to "Did you notice that a decision was made about ...?" for one key
    decision, with the decision's title as the citizen saw it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SdmResponse, on_delete=models.CASCADE, related_name="noticed")
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_title = models.CharField(_("decision"), max_length=300)
    answer = models.CharField(_("noticed"), max_length=8, choices=Noticed.choices)
    data_class = models.CharField(max_length=32, default=MEETING_MINUTES, editable=False)

    class Meta:
        ordering = ["decision_title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "decision"], name="sdm_noticed_once_per_decision"
            )
        ]

    def __str__(self) -> str:
        return f"noticed {self.answer} ({self.response_id})"


class OptionInstrument(models.TextChoices):
    OPTION12 = "option12", "OPTION-12"
    OPTION5 = "option5", "OPTION-5"


class RatingSource(models.TextChoices):
    LIVE = "live", _("Observed live")
    RECORDING = "recording", _("From a recording")


class OptionRating(models.Model):
    """An observer's OPTION-12 or OPTION-5 rating of one held meeting: each item 0-4 with a
    note; scored when read (OPTION-12 raw/48 x 100, OPTION-5 raw x 5)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="option_ratings")
    instrument = models.CharField(_("instrument"), max_length=8, choices=OptionInstrument.choices)
    rater = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("rated"), max_length=10, choices=RatingSource.choices)
    items = models.JSONField(_("item ratings"), default=list)
    notes = models.JSONField(_("notes per item"), default=list, blank=True)
    rated_at = models.DateTimeField(_("rated at"))
    data_class = models.CharField(max_length=32, default=MEETING_MINUTES, editable=False)

    class Meta:
        ordering = ["rated_at"]
        verbose_name = _("observer OPTION rating")
        verbose_name_plural = _("observer OPTION ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "rater", "instrument"], name="option_once_per_rater"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.id}"


# --- Relational coordination (issue 12 §4) -------------------------------------------------------


class RcRound(models.Model):
    """A relational-coordination survey round of one team, opened by its team leader.

    `groups` are the round's work groups: ``[{"key", "label", "roles"}]`` (label "" means the
    jurisdiction's word for the default groups); `item_texts` the seven items in an organisation's
    licensed wording, or empty for Roundtable's own paraphrase (`rc_items.DIMENSIONS`). The round
    holds no citizen data: it is the team's, not a course record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="rc_rounds")
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    groups = models.JSONField(_("work groups"), default=list)
    item_texts = models.JSONField(_("licensed item wording"), default=list, blank=True)
    opened_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("relational coordination round")
        verbose_name_plural = _("relational coordination rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="rc_round_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RcParticipation(models.Model):
    """That a professional answered a round (and as which group): kept apart from the answers,
    with no link between them, so no answer can be traced to a person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(RcRound, on_delete=models.CASCADE, related_name="participations")
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(_("work group"), max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "professional"], name="rc_once_per_round_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"rc participation {self.id}"


class RcResponse(models.Model):
    """One anonymous respondent's ratings in a round: `ratings` is ``{group: [7 integers 1-5]}``
    for every work group (their own included). No person, no time: pages show aggregates only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(RcRound, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("work group"), max_length=40)
    ratings = models.JSONField(_("ratings"), default=dict)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"rc response {self.id}"


# --- IPS fidelity reviews (issue 12 §1) ---------------------------------------------------------
# Team-level records: about how a team works, never about a citizen (the pre-filled figures are
# counts, computed when read and never stored). Scores come from the consensus ratings when read
# (`roundtable.instruments.scoring.ips25`).

FIDELITY_TEXT_MAX = 4000
FIDELITY_NOTE_MAX = 2000


class ReviewKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    SIX_MONTHS = "6_months", _("6 months")
    TWELVE_MONTHS = "12_months", _("12 months")
    FOLLOW_UP = "follow_up", _("Follow-up")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSENSUS = "consensus", _("Consensus reached")


class FidelityReview(models.Model):
    """An IPS-25 fidelity review of one team: two or more reviewers rate the 25 items
    independently from the records of a period, then agree a consensus rating per item."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="fidelity_reviews")
    reviewed_on = models.DateField(_("review date"))
    kind = models.CharField(_("type of review"), max_length=12, choices=ReviewKind.choices)
    period_start = models.DateField(_("records from"))
    period_end = models.DateField(_("records to"))
    strengths = models.TextField(_("strengths"), max_length=FIDELITY_TEXT_MAX, blank=True)
    recommendations = models.TextField(
        _("recommendations"), max_length=FIDELITY_TEXT_MAX, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reviewed_on", "created_at"]
        verbose_name = _("IPS fidelity review")
        verbose_name_plural = _("IPS fidelity reviews")
        indexes = [models.Index(fields=["team", "reviewed_on"], name="fidelity_team_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="fidelity_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"fidelity review {self.id} ({self.kind})"


class FidelityReviewer(models.Model):
    """A professional who rates the review; their ratings are theirs alone until submitted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="reviewers")
    professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "professional"], name="fidelity_reviewer_once"
            )
        ]

    def __str__(self) -> str:
        return f"reviewer {self.professional_id} of {self.review_id}"


class FidelityRating(models.Model):
    """One reviewer's rating of one item: 1-5, the evidence, and the data sources (MIS, DOC,
    INT, OBS) it rests on; with the suggestion the records gave, if any."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reviewer = models.ForeignKey(FidelityReviewer, on_delete=models.CASCADE, related_name="ratings")
    item = models.CharField(_("item"), max_length=8)
    rating = models.PositiveSmallIntegerField(_("rating"))
    evidence = models.TextField(_("evidence"), max_length=FIDELITY_NOTE_MAX, blank=True)
    sources = models.JSONField(_("data sources"), default=list, blank=True)
    suggested = models.PositiveSmallIntegerField(_("suggested from the records"), null=True)

    class Meta:
        ordering = ["reviewer", "item"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "item"], name="fidelity_rating_once"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1) & models.Q(rating__lte=5),
                name="fidelity_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}={self.rating}"


class FidelityConsensus(models.Model):
    """The reviewers' agreed rating of one item, with its reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="consensus")
    item = models.CharField(_("item"), max_length=8)
    rating = models.PositiveSmallIntegerField(_("consensus rating"))
    reason = models.TextField(_("reason"), max_length=FIDELITY_NOTE_MAX, blank=True)

    class Meta:
        ordering = ["review", "item"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="fidelity_consensus_once"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1) & models.Q(rating__lte=5),
                name="fidelity_consensus_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}={self.rating}"
