from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import DateInput, date_field, time_field
from roundtable.meetings.models import (
    DecisionStatus,
    DecisionType,
    DecisionZone,
    ExclusionReason,
    GuestKind,
    Meeting,
    MeetingGuest,
    PreparationPrompt,
    RaisedBy,
)
from roundtable.meetings.services import Guest, OptionData
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES, HEALTH_COURSE_ROLES, Role


def _textarea(rows: int = 3, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class GroupMembersField(forms.MultipleChoiceField):
    """Checkboxes for the group's current members. Any well-formed id passes the form: the
    service says why someone cannot take part (another citizen's group, left the group), and
    its message is shown beside this field."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value: Any) -> bool:
        try:
            uuid.UUID(str(value))
        except ValueError:
            return False
        return True


def group_member_label(member: Any) -> str:
    """A member as the care manager chooses them: name, role in the group, organisation."""
    values = {
        "name": member.display_name,
        "role": member.get_role_display(),
        "organisation": member.display_organisation,
    }
    if values["organisation"]:
        return gettext("%(name)s (%(role)s, %(organisation)s)") % values
    return gettext("%(name)s (%(role)s)") % values


class MeetingForm(forms.Form):
    """Schedule or change a meeting. Times are on one day, in the team's time zone.
    `group_members` are the members of the course's responsibility group who may be chosen
    (selectors.meeting_group_choices)."""

    date = date_field(label=_("Date"))
    start_time = time_field(label=_("Starts at"))
    end_time = time_field(label=_("Ends at"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example the address or the room. It is shown in the invitation."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web address starting with https://. Leave empty for a meeting in person."),
    )
    purpose = forms.CharField(
        label=_("What the meeting is for"),
        max_length=2000,
        widget=_textarea(4),
        help_text=_(
            "In plain words: the citizen reads this to prepare. It is never put in the "
            "calendar invitation."
        ),
    )
    family_name = forms.CharField(label=_("Family member's name"), max_length=200, required=False)
    family_relation = forms.CharField(
        label=_("Relation to the citizen"),
        max_length=200,
        required=False,
        help_text=_("For example spouse or parent."),
    )
    family_agreed = forms.BooleanField(
        label=_("The citizen agrees that this family member is invited"), required=False
    )
    employer_name = forms.CharField(
        label=_("Employer contact's name"), max_length=200, required=False
    )
    employer_relation = forms.CharField(
        label=_("Their role at the workplace"),
        max_length=200,
        required=False,
        help_text=_("For example the nearest manager."),
    )
    employer_agreed = forms.BooleanField(
        label=_("The citizen agrees that this employer contact is invited"), required=False
    )
    group_members = GroupMembersField(
        label=_("Who from the responsibility group takes part"),
        required=False,
        help_text=_("Only those who are in the group now are listed."),
        error_messages={"invalid_choice": _("Choose people from the list.")},
    )

    GUEST_FIELDS: tuple[tuple[str, str], ...] = (
        (GuestKind.FAMILY, "family"),
        (GuestKind.EMPLOYER, "employer"),
    )

    def __init__(self, *args: Any, group_members: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(GroupMembersField, self.fields["group_members"])
        field.choices = [(str(m.pk), group_member_label(m)) for m in group_members]

    @property
    def offers_group(self) -> bool:
        return bool(cast(GroupMembersField, self.fields["group_members"]).choices)

    @classmethod
    def initial_for(
        cls, meeting: Meeting, guests: list[MeetingGuest], group_member_ids: Sequence[uuid.UUID]
    ) -> dict:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        initial = {
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "place": meeting.place,
            "video_url": meeting.video_url,
            "purpose": meeting.purpose,
            "group_members": [str(pk) for pk in group_member_ids],
        }
        for guest in guests:
            prefix = dict(cls.GUEST_FIELDS)[guest.kind]
            initial.update(
                {
                    f"{prefix}_name": guest.name,
                    f"{prefix}_relation": guest.relation,
                    f"{prefix}_agreed": guest.citizen_agreed,
                }
            )
        return initial

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        if not data.get("place") and not data.get("video_url") and "video_url" not in self.errors:
            self.add_error("place", _("Say where the meeting is: a place, a video link, or both."))
        for _kind, prefix in self.GUEST_FIELDS:
            name, relation = data.get(f"{prefix}_name"), data.get(f"{prefix}_relation")
            agreed = data.get(f"{prefix}_agreed")
            if (name or relation or agreed) and not (name and relation):
                self.add_error(f"{prefix}_name", _("Give both the name and the relation."))
            if (name or relation) and not agreed:
                self.add_error(
                    f"{prefix}_agreed", _("Invite them only when the citizen has agreed to it.")
                )
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        guests = {}
        for kind, prefix in self.GUEST_FIELDS:
            name = data.get(f"{prefix}_name")
            guests[kind] = (
                Guest(
                    name=name,
                    relation=data.get(f"{prefix}_relation", ""),
                    citizen_agreed=bool(data.get(f"{prefix}_agreed")),
                )
                if name
                else None
            )
        return {
            "starts_at": timezone.make_aware(
                dt.datetime.combine(data["date"], data["start_time"]), zone
            ),
            "ends_at": timezone.make_aware(
                dt.datetime.combine(data["date"], data["end_time"]), zone
            ),
            "place": data.get("place", ""),
            "video_url": data.get("video_url", ""),
            "purpose": data["purpose"],
            "family_member": guests[GuestKind.FAMILY],
            "employer_contact": guests[GuestKind.EMPLOYER],
            "group_members": self._group_member_ids(),
        }

    def _group_member_ids(self) -> list[uuid.UUID] | None:
        """The whole choice; None (leave it as it was) when the form offered no one to choose
        and no one was chosen, so that a reader who may not see the group cannot empty it."""
        chosen = [uuid.UUID(value) for value in self.cleaned_data.get("group_members") or ()]
        if not chosen and not self.offers_group:
            return None
        return chosen


def type_choices(types: list[DecisionType]) -> list:
    return [("", _("Choose a type")), *((t.slug, t.label) for t in types)]


def subtype_choices(types: list[DecisionType], type_slug: str | None) -> list:
    """The subtypes of the chosen type; without a type, all of them grouped by type."""
    choices: list = [("", _("No subtype"))]
    for decision_type in types:
        subtypes = [(s.slug, s.label) for s in decision_type.subtypes.all()]
        if type_slug and decision_type.slug == type_slug:
            return choices + subtypes
        if not type_slug and subtypes:
            choices.append((decision_type.label, subtypes))
    return choices


def default_zone(types: list[DecisionType], type_slug: str | None, subtype_slug: str | None) -> str:
    for decision_type in types:
        if decision_type.slug != type_slug:
            continue
        for subtype in decision_type.subtypes.all():
            if subtype.slug == subtype_slug:
                return subtype.default_zone or decision_type.default_zone
        return decision_type.default_zone
    return ""


def raised_by_for(role: str) -> str:
    if role in EMPLOYMENT_COURSE_ROLES:
        return RaisedBy.EMPLOYMENT_CONSULTANT
    if role in HEALTH_COURSE_ROLES or role == Role.TEAM_LEADER:
        return RaisedBy.CARE_MANAGER
    return ""


class DecisionForm(forms.Form):
    """Log or change a decision. `types` is the typology in use (selectors.typology_list)."""

    type = forms.ChoiceField(
        label=_("Type of decision"),
        error_messages={"required": _("Choose the type of decision.")},
    )
    subtype = forms.ChoiceField(
        label=_("Subtype"),
        required=False,
        error_messages={"invalid_choice": _("Choose a subtype of the chosen type.")},
    )
    zone = forms.ChoiceField(
        label=_("Who decides"),
        required=False,
        help_text=_("Filled in from the type. Change it if this decision is different."),
    )
    title = forms.CharField(
        label=_("What is to be decided"),
        max_length=300,
        help_text=_("A short question, for example: When does the return to work start?"),
    )
    raised_by = forms.ChoiceField(label=_("Raised by"), choices=RaisedBy.choices)
    is_key = forms.BooleanField(
        label=_("Key decision: name it on the agenda beforehand"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=DecisionStatus.choices, initial=DecisionStatus.OPEN
    )
    revisit_on = forms.DateField(
        label=_("Come back to it on"),
        help_text=_("Needed when the decision is postponed."),
        required=False,
        widget=DateInput(),
    )
    exclusion_reason = forms.ChoiceField(
        label=_("Why it cannot be decided here"),
        help_text=_("Needed when the decision is excluded."),
        required=False,
        choices=[("", "—"), *ExclusionReason.choices],
    )
    exclusion_note = forms.CharField(
        label=_("Explanation for the citizen"),
        help_text=_("Needed when the decision is excluded: say why in plain words."),
        max_length=1000,
        required=False,
        widget=_textarea(2),
    )
    outcome = forms.CharField(
        label=_("What was decided"),
        max_length=2000,
        required=False,
        widget=_textarea(2),
        help_text=_("In plain words, as the citizen would say it."),
    )

    def __init__(
        self,
        *args,
        types: list[DecisionType],
        fields_url: str = "",
        classification_id: str = "decision-classification",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.types = types
        self.classification_id = classification_id
        chosen_type = self.data.get("type") if self.is_bound else self.initial.get("type")
        cast(forms.ChoiceField, self.fields["type"]).choices = type_choices(types)
        cast(forms.ChoiceField, self.fields["subtype"]).choices = subtype_choices(
            types, chosen_type or None
        )
        zone = cast(forms.ChoiceField, self.fields["zone"])
        zone.choices = [("", _("As the type says")), *DecisionZone.choices]
        # Never empty in effect: an empty zone means the type's default.
        zone.hide_optional = True  # type: ignore[attr-defined]
        if not self.is_bound and chosen_type and not self.initial.get("zone"):
            self.initial["zone"] = default_zone(types, chosen_type, self.initial.get("subtype"))
        if fields_url:
            # Choosing a type narrows the subtypes and fills in its zone (an htmx swap); without
            # script the service applies the same default and checks the subtype.
            for name in ("type", "subtype"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-get": fields_url,
                        "hx-trigger": "change",
                        "hx-target": f"#{classification_id}",
                        "hx-swap": "outerHTML",
                        "hx-include": "closest form",
                        # Only these two: the CSRF token stays out of the query string.
                        "hx-params": "type,subtype",
                    }
                )

    def clean(self):
        data = super().clean()
        if data.get("status") == DecisionStatus.POSTPONED and not data.get("revisit_on"):
            self.add_error("revisit_on", _("A postponed decision needs a date to come back to it."))
        if data.get("status") == DecisionStatus.EXCLUDED:
            if not data.get("exclusion_reason"):
                self.add_error("exclusion_reason", _("Say why the decision is excluded."))
            if not data.get("exclusion_note"):
                self.add_error(
                    "exclusion_note", _("Explain in a few words why it cannot be decided here.")
                )
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "type_slug": data["type"],
            "subtype_slug": data.get("subtype") or None,
            "zone": data.get("zone") or None,
            "title": data["title"],
            "raised_by": data["raised_by"],
            "is_key": data.get("is_key", False),
            "status": data["status"],
            "revisit_on": data.get("revisit_on"),
            "exclusion_reason": data.get("exclusion_reason") or "",
            "exclusion_note": data.get("exclusion_note", ""),
            "outcome": data.get("outcome", ""),
        }


class OptionForm(forms.Form):
    text = forms.CharField(label=_("Option"), max_length=300)
    pros = forms.CharField(label=_("Pros"), max_length=1000, required=False, widget=_textarea(2))
    cons = forms.CharField(label=_("Cons"), max_length=1000, required=False, widget=_textarea(2))
    chosen = forms.BooleanField(
        label=_("This option was chosen"),
        required=False,
        help_text=_(
            "The decision is then marked as made, with this option as what was decided. "
            "Only one option can be chosen."
        ),
    )

    def option_data(self) -> OptionData:
        return OptionData(**self.cleaned_data)


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        max_length=20000,
        widget=_textarea(8),
        help_text=_(
            "Plain language, short sentences: everyone who took part reads these, the citizen "
            "first. Leave out therapy details."
        ),
    )


def answer_field_name(prompt: PreparationPrompt) -> str:
    return f"answer_{prompt.pk}"


class PreparationForm(forms.Form):
    """One text box per prompt; every answer may stay empty."""

    def __init__(self, *args, prompts: list[PreparationPrompt], answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        for prompt in prompts:
            earlier = answers.get(prompt.pk)
            self.fields[answer_field_name(prompt)] = forms.CharField(
                label=prompt.label,
                required=False,
                max_length=4000,
                widget=_textarea(3),
                initial=earlier.answer if earlier else "",
            )

    def answers(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(answer_field_name(p), "") for p in self.prompts}


class PromptSetForm(forms.Form):
    questions = forms.CharField(
        label=_("Questions for the citizen, one per line"),
        widget=_textarea(8),
        help_text=_("Short, plain questions. At most 12; each under 300 characters."),
    )

    def texts(self) -> list[str]:
        return self.cleaned_data["questions"].splitlines()
