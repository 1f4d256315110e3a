"""Forms of the assessment pages: they check the shape of the input; the services check the
rest and save. No form here reads or saves a record."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.assessments.instruments import KNOWN_INSTRUMENTS, symptom_score_problems
from roundtable.assessments.models import (
    Attendance,
    CareStep,
    Disclosure,
    IpsCareerProfile,
    IpsJobSearchPlan,
    Route,
    SessionKind,
    StepStatus,
    Treatment,
)
from roundtable.assessments.selectors import LifeAreaRow
from roundtable.assessments.services import IPS_PROFILE_FIELDS, LifeAreaData


def _date(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


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

    def __init__(self, *args, treatments: Sequence[Treatment], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment"].choices = [("", _("Choose a treatment"))] + [
            (t.slug, t.label) for t in treatments
        ]

    @staticmethod
    def initial_for(step: CareStep) -> dict:
        return {
            "treatment": step.treatment.slug,
            "description": step.description,
            "starts_on": step.starts_on,
            "ends_on": step.ends_on,
            "status": step.status,
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
        self.fields["step"].choices = [("", _("No particular step"))] + [
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
        label=_("Score"), min_value=Decimal(0), max_digits=7, decimal_places=2
    )
    measured_on = _date(label=_("Date"))

    known_instruments = KNOWN_INSTRUMENTS

    def clean(self):
        data = super().clean()
        if data.get("instrument") and data.get("score") is not None:
            for problem in symptom_score_problems(data["instrument"], data["score"]):
                self.add_error("score", problem)
        return data


class VocationalAssessmentForm(forms.Form):
    assessed_on = _date(label=_("Date of the assessment"))
    work_capacity_hours = forms.DecimalField(
        label=_("Work capacity now (hours per week)"),
        min_value=Decimal(0),
        max_value=Decimal(80),
        max_digits=4,
        decimal_places=1,
    )
    current_job = forms.CharField(label=_("Current job"), max_length=200, required=False)
    route = forms.ChoiceField(label=_("Route back to work"), choices=Route.choices)
    summary = forms.CharField(
        label=_("Assessment"), max_length=8000, required=False, widget=_textarea(6)
    )


class EmployerContactForm(forms.Form):
    employer = forms.CharField(label=_("Employer"), max_length=200)
    name = forms.CharField(label=_("Contact person"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "email" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        return data


class VocationalStepForm(forms.Form):
    text = forms.CharField(label=_("Step"), max_length=300)
    due_on = _date(label=_("Due on"))
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class IpsCareerProfileForm(forms.ModelForm):
    class Meta:
        model = IpsCareerProfile
        fields = list(IPS_PROFILE_FIELDS)
        widgets = {name: _textarea(3) for name in IPS_PROFILE_FIELDS}


class IpsJobSearchPlanForm(forms.ModelForm):
    class Meta:
        model = IpsJobSearchPlan
        fields = [
            "job_goals",
            "target_employers",
            "weekly_employer_contacts",
            "disclosure",
            "disclosure_script",
            "benefits_planning_referred_on",
            "supports_needed",
            "responsibilities",
            "review_on",
        ]
        widgets = {
            "job_goals": _textarea(3),
            "target_employers": _textarea(3),
            "disclosure_script": _textarea(3),
            "supports_needed": _textarea(3),
            "responsibilities": _textarea(4),
            "benefits_planning_referred_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekly_employer_contacts"].max_value = 50
        self.fields["weekly_employer_contacts"].widget.attrs["max"] = 50
        self.fields["disclosure"].choices = Disclosure.choices


class IpsPlannedContactForm(forms.Form):
    planned_on = _date(label=_("Date"))
    employer = forms.CharField(label=_("Employer to contact"), max_length=200)


class LifeMappingForm(forms.Form):
    """One group of three fields per life area the writer may write, plus "filled in with the
    citizen" and its date."""

    PARTS = (
        ("situation", _("Situation")),
        ("resources", _("Resources")),
        ("wishes", _("Wishes")),
    )

    filled_with_citizen = forms.BooleanField(
        label=_("Filled in together with the citizen"), required=False
    )
    filled_on = _date(label=_("Filled in on"), required=False)

    def __init__(self, *args, rows: Sequence[LifeAreaRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            for part, label in self.PARTS:
                self.fields[f"{row.area}-{part}"] = forms.CharField(
                    label=label,
                    max_length=4000,
                    required=False,
                    widget=_textarea(2),
                    initial=getattr(row.record, part, "") if row.record else "",
                )

    def groups(self):
        """(row, bound fields) per life area, for the template's fieldsets."""
        return [(row, [self[f"{row.area}-{part}"] for part, _l in self.PARTS]) for row in self.rows]

    def clean(self):
        data = super().clean()
        if data.get("filled_with_citizen") and not data.get("filled_on"):
            self.add_error("filled_on", _("Give the day it was filled in with the citizen."))
        if not data.get("filled_with_citizen") and data.get("filled_on"):
            self.add_error(
                "filled_on",
                _("Give a date only when the mapping was filled in with the citizen."),
            )
        return data

    def areas(self) -> dict[str, LifeAreaData]:
        data = self.cleaned_data
        return {
            row.area: LifeAreaData(
                situation=data.get(f"{row.area}-situation", ""),
                resources=data.get(f"{row.area}-resources", ""),
                wishes=data.get(f"{row.area}-wishes", ""),
            )
            for row in self.rows
        }


class CitizenWishesForm(forms.Form):
    """The citizen's own wishes, one box per life area."""

    def __init__(self, *args, rows: Sequence[LifeAreaRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[row.area] = forms.CharField(
                label=row.label,
                max_length=4000,
                required=False,
                widget=_textarea(2),
                initial=row.record.citizen_wishes if row.record else "",
            )

    def wishes(self) -> dict[str, str]:
        return {row.area: self.cleaned_data.get(row.area, "") for row in self.rows}
