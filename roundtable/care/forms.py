"""Forms of the care manager's pages: they check the shape of the input; the services check the
rest and save. No form here reads or saves a record."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.care.instruments import KNOWN_INSTRUMENTS, symptom_score_problems
from roundtable.care.models import Attendance, CareStep, SessionKind, StepStatus, Treatment
from roundtable.core.widgets import NumberInput, date_field


def _date(**kwargs) -> forms.DateField:
    return date_field(**kwargs)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class HealthAssessmentForm(forms.Form):
    assessed_on = _date(label=_("Date of the assessment"))
    summary = forms.CharField(
        label=_("Health summary"),
        max_length=8000,
        widget=_textarea(8),
        help_text=_("The assessment and what the care plan builds on."),
    )


class FunctionalCapacityForm(forms.Form):
    summary = forms.CharField(
        label=_("What the citizen can and cannot do at work now"),
        max_length=4000,
        widget=_textarea(6),
        help_text=_(
            "Written to be shared with the employment side: tasks, hours, pace, what helps. "
            "No diagnosis and no therapy detail."
        ),
    )


class CareStepForm(forms.Form):
    treatment = forms.ChoiceField(label=_("Treatment offered"))
    description = forms.CharField(
        label=_("What is offered"),
        max_length=300,
        required=False,
        help_text=_("Needed when the treatment is 'Other'."),
    )
    starts_on = _date(label=_("Starts on"))
    ends_on = _date(label=_("Ends on"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    # Chosen in the service directory, which sends its id back (network/_service_choice.html).
    service = forms.UUIDField(
        label=_("Service from the directory"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, treatments: Sequence[Treatment], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["treatment"])
        field.choices = [("", _("Choose a treatment"))] + [(t.slug, t.label) for t in treatments]

    @staticmethod
    def initial_for(step: CareStep) -> dict:
        return {
            "treatment": step.treatment.slug,
            "description": step.description,
            "starts_on": step.starts_on,
            "ends_on": step.ends_on,
            "status": step.status,
            "service": step.service_id,
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The step cannot end before it starts."))
        return data


class SessionForm(forms.Form):
    held_on = _date(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind of session"), choices=SessionKind.choices)
    attendance = forms.ChoiceField(label=_("Did the citizen come?"), choices=Attendance.choices)
    step = forms.ChoiceField(label=_("Care step"), required=False)
    notes = forms.CharField(
        label=_("Therapy notes"),
        max_length=20000,
        required=False,
        widget=_textarea(6),
        help_text=_(
            "Confidential: only the health side reads these, never the citizen's employment "
            "consultant unless the citizen allows it. Kept encrypted."
        ),
    )

    def __init__(self, *args, steps: Sequence[CareStep], with_notes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["step"]).choices = [("", _("No particular step"))] + [
            (str(s.pk), s.label) for s in steps
        ]
        if not with_notes:
            del self.fields["notes"]


class SymptomScoreForm(forms.Form):
    instrument = forms.CharField(
        label=_("Instrument"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "known-instruments", "autocomplete": "off"}),
        help_text=_("For example PHQ-9, GAD-7 or WSAS. Another instrument can be named too."),
    )
    score = forms.DecimalField(
        label=_("Score"),
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        widget=NumberInput(),
    )
    measured_on = _date(label=_("Date"))

    known_instruments = KNOWN_INSTRUMENTS

    def clean(self):
        data = super().clean()
        if data.get("instrument") and data.get("score") is not None:
            for problem in symptom_score_problems(data["instrument"], data["score"]):
                self.add_error("score", problem)
        return data
