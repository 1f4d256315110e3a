"""Forms of reflective supervision. Only shapes and choices here; the service checks membership,
roles and that no citizen is named, and its messages are shown beside the field."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import DateInput, date_field, time_field
from roundtable.organisations.models import Professional, Role
from roundtable.supervision.models import FollowUpOutcome, ThemeKind


def _choices(members: Sequence[Professional]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.name} ({p.organisation.name})") for p in members]


class SessionForm(forms.Form):
    date = date_field(label=_("Date"))
    start_time = time_field(label=_("Starts at"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    leaders = forms.TypedMultipleChoiceField(
        label=_("Led by"),
        coerce=uuid.UUID,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The psychiatrist and the psychologist who lead the supervision."),
        error_messages={"required": _("Choose who leads the session.")},
    )

    def __init__(self, *args: Any, members: Sequence[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leaders = self.fields["leaders"]
        assert isinstance(leaders, forms.ChoiceField)
        leaders.choices = _choices(members)
        if not self.is_bound:
            self.initial.setdefault(
                "leaders", [str(p.pk) for p in members if p.role == Role.SUPERVISOR]
            )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts_at = timezone.make_aware(
            dt.datetime.combine(data["date"], data["start_time"]),
            timezone.get_current_timezone(),
        )
        return {"starts_at": starts_at, "place": data["place"], "leader_ids": data["leaders"]}


class AttendanceForm(forms.Form):
    """Present or absent for each member of the team."""

    def __init__(
        self,
        *args: Any,
        members: Sequence[Professional],
        recorded: dict[uuid.UUID, bool | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for p in self.members:
            field = forms.TypedChoiceField(
                label=f"{p.name} ({p.organisation.name})",
                choices=[("", _("Not recorded")), ("1", _("Present")), ("0", _("Absent"))],
                coerce=lambda v: v == "1",
                empty_value=None,
                required=False,
            )
            self.fields[f"p_{p.pk}"] = field
            was = recorded.get(p.pk)
            if was is not None:
                self.initial[f"p_{p.pk}"] = "1" if was else "0"

    def present(self) -> dict[uuid.UUID, bool]:
        return {
            p.pk: self.cleaned_data[f"p_{p.pk}"]
            for p in self.members
            if self.cleaned_data.get(f"p_{p.pk}") is not None
        }


class ThemeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of theme"), choices=ThemeKind.choices)
    title = forms.CharField(label=_("Theme"), max_length=200)
    pseudonym = forms.CharField(
        label=_("Pseudonym of the case"),
        max_length=60,
        required=False,
        help_text=_("For a hard case: a made-up name. Never the citizen's name."),
    )
    notes = forms.CharField(
        label=_("What was said and settled"), max_length=4000, required=False, widget=forms.Textarea
    )


class ActionForm(forms.Form):
    text = forms.CharField(label=_("What we agreed"), max_length=500)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=uuid.UUID)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, members: Sequence[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [("", _("Choose a member")), *_choices(members)]


class FollowUpForm(forms.Form):
    action = forms.UUIDField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=FollowUpOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
