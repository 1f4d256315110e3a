"""The roundtable meeting (DOMAIN §2, pathway step 4): the citizen, the care manager and the
employment consultant meet, decide together, and write minutes the citizen can read.

The decision typology is data (DecisionType, DecisionSubtype), seeded by migration 0002 from the
table in DOMAIN §2 and extendable by an administrator. Names are stored in English and shown
through gettext (`label`); `typology.py` lists the seeded names so that makemessages finds them.

Every record that holds personal data carries `data_class`, so that consent can later filter by
it (issue 3: "each section, note and entry carries a data class").
"""

from __future__ import annotations

import uuid

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.organisations.models import Professional, Team

MEETING_MINUTES = "meeting_minutes"


def _data_class() -> models.CharField:
    return models.CharField(max_length=32, default=MEETING_MINUTES, editable=False)


class DecisionZone(models.TextChoices):
    """Who has the final say (DOMAIN §2: three zones, explicit per decision)."""

    CARE_MANAGER = "care_manager", _("Care manager decides")
    EMPLOYMENT_CONSULTANT = "employment_consultant", _("Employment consultant decides")
    JOINT = "joint", _("Decided together")


class DecisionType(models.Model):
    """A type of decision (course content, return-to-work process, collaboration, ...)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    default_zone = models.CharField(
        _("default decision zone"), max_length=24, choices=DecisionZone.choices
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("decision type")
        verbose_name_plural = _("decision types")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return gettext(self.name)


class DecisionSubtype(models.Model):
    """The content of a decision within its type, with example options for option talk."""

    type = models.ForeignKey(DecisionType, on_delete=models.PROTECT, related_name="subtypes")
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    # Empty: the type's default zone applies.
    default_zone = models.CharField(
        _("default decision zone"),
        max_length=24,
        choices=DecisionZone.choices,
        blank=True,
        help_text=_("Leave empty to use the type's default."),
    )
    examples = models.CharField(_("example options (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["type__order", "order", "slug"]
        verbose_name = _("decision subtype")
        verbose_name_plural = _("decision subtypes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return gettext(self.name)

    @property
    def examples_label(self) -> str:
        return gettext(self.examples) if self.examples else ""

    @property
    def zone(self) -> str:
        return self.default_zone or self.type.default_zone


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# Video links must be https: an invitation must not send people to an unencrypted meeting.
video_url_validator = URLValidator(schemes=["https"])


class Meeting(models.Model):
    """One roundtable meeting of a course. The citizen, the course's care manager and its
    employment consultant always take part; guests come only with the citizen's agreement."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(
        _("video link"), max_length=500, blank=True, validators=[video_url_validator]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    purpose = models.TextField(_("what the meeting is for"), max_length=2000)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    held_at = models.DateTimeField(null=True, blank=True)
    # RFC 5545 SEQUENCE: raised on every change, so calendars replace the old invitation.
    sequence = models.PositiveIntegerField(default=0)
    data_class = _data_class()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("roundtable meeting")
        verbose_name_plural = _("roundtable meetings")
        indexes = [models.Index(fields=["course", "starts_at"], name="meeting_course_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(video_url=""),
                name="meeting_has_place_or_video",
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.id} ({self.status})"

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class GuestKind(models.TextChoices):
    FAMILY = "family", _("Family member")
    EMPLOYER = "employer", _("Employer contact")


class MeetingGuest(models.Model):
    """A family member or employer contact, invited only because the citizen agreed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    kind = models.CharField(_("who"), max_length=12, choices=GuestKind.choices)
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation to the citizen"), max_length=200)
    citizen_agreed = models.BooleanField(_("the citizen agreed to invite them"))
    data_class = _data_class()

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="meeting_guest_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(citizen_agreed=True), name="meeting_guest_citizen_agreed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of meeting {self.meeting_id}"


class MeetingParticipant(models.Model):
    """A member of the course's responsibility group (issue 13 §2) who takes part in the
    meeting, chosen by the team from the group's current members. The member's name,
    organisation and role stay on the membership row (roundtable.network), read through the
    string foreign key: the meetings app imports nothing from the network app."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="group_participants"
    )
    member = models.ForeignKey(
        "network.GroupMember", on_delete=models.CASCADE, related_name="meeting_participations"
    )
    data_class = _data_class()

    class Meta:
        ordering = ["member__joined_on", "id"]
        verbose_name = _("participant from the responsibility group")
        verbose_name_plural = _("participants from the responsibility group")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="meeting_participant_once"),
        ]

    def __str__(self) -> str:
        return f"group member {self.member_id} at meeting {self.meeting_id}"


class RaisedBy(models.TextChoices):
    CITIZEN = "citizen", _("The citizen")
    CARE_MANAGER = "care_manager", _("The care manager")
    EMPLOYMENT_CONSULTANT = "employment_consultant", _("The employment consultant")
    OTHER = "other", _("Someone else")


class DecisionStatus(models.TextChoices):
    # A key decision named on the agenda beforehand starts here.
    OPEN = "open", _("To be decided")
    MADE = "made", _("Made")
    POSTPONED = "postponed", _("Postponed")
    EXCLUDED = "excluded", _("Excluded")


class ExclusionReason(models.TextChoices):
    LAW = "law", _("The law")
    PROGRAMME_FRAME = "programme_frame", _("The programme's frame")
    OTHER = "other", _("Other reason")


class Decision(models.Model):
    """One decision discussed at the meeting, in the typology of DOMAIN §2."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    type = models.ForeignKey(DecisionType, on_delete=models.PROTECT, related_name="+")
    subtype = models.ForeignKey(
        DecisionSubtype, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("what is to be decided"), max_length=300)
    raised_by = models.CharField(_("raised by"), max_length=24, choices=RaisedBy.choices)
    zone = models.CharField(_("decision zone"), max_length=24, choices=DecisionZone.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    revisit_on = models.DateField(_("come back to it on"), null=True, blank=True)
    exclusion_reason = models.CharField(
        _("why it cannot be decided here"),
        max_length=20,
        choices=ExclusionReason.choices,
        blank=True,
    )
    exclusion_note = models.TextField(_("explanation"), max_length=1000, blank=True)
    outcome = models.TextField(_("what was decided"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order on the agenda"), default=0)
    is_key = models.BooleanField(_("key decision on the agenda"), default=False)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    data_class = _data_class()

    class Meta:
        ordering = ["order", "created_at"]
        indexes = [models.Index(fields=["meeting", "order"], name="decision_meeting_order")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="postponed", revisit_on__isnull=False)
                    | (~models.Q(status="postponed") & models.Q(revisit_on__isnull=True))
                ),
                name="decision_revisit_date_only_when_postponed",
            ),
            models.CheckConstraint(
                condition=(
                    (models.Q(status="excluded") & ~models.Q(exclusion_reason=""))
                    | (~models.Q(status="excluded") & models.Q(exclusion_reason=""))
                ),
                name="decision_exclusion_reason_only_when_excluded",
            ),
        ]

    def __str__(self) -> str:
        return f"decision {self.id} ({self.status})"


class DecisionOption(models.Model):
    """An option considered (option talk), with its pros and cons; chosen ones are the decision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=300)
    pros = models.TextField(_("pros"), max_length=1000, blank=True)
    cons = models.TextField(_("cons"), max_length=1000, blank=True)
    chosen = models.BooleanField(_("chosen"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    data_class = _data_class()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"option {self.id} of decision {self.decision_id}"


class Minutes(models.Model):
    """Plain-language minutes, visible to everyone who took part, the citizen first."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, primary_key=True, related_name="minutes"
    )
    text = models.TextField(_("minutes"), max_length=20000)
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    data_class = _data_class()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"minutes of meeting {self.meeting_id}"


class PreparationPrompt(models.Model):
    """A question the citizen can answer before the meeting.

    Prompts without a team are the default set (seeded in English, shown through gettext); a
    team leader gives their team its own set, which then replaces the default for that team.
    """

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="meeting_prompts"
    )
    text = models.CharField(_("question"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("preparation question")
        verbose_name_plural = _("preparation questions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        # A team's own wording has no translation and comes back as written.
        return gettext(self.text)


class PreparationAnswer(models.Model):
    """The citizen's answer to a prompt, with the question as the citizen saw it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    # The prompt may later be edited or removed; the snapshot keeps what was asked.
    prompt = models.ForeignKey(
        PreparationPrompt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prompt_text = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), max_length=4000)
    answered_at = models.DateTimeField()
    data_class = _data_class()

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "prompt"], name="preparation_answer_one_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return f"answer {self.id} for meeting {self.meeting_id}"
