"""Forms of the employment consultant's pages: they check the shape of the input; the services
check the rest and save. No form here reads or saves a record."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import DateInput, NumberInput, date_field
from roundtable.vocational.models import (
    IPS_PROFILE_FIELDS,
    ContactMode,
    ContactPurpose,
    Disclosure,
    DisclosureCategory,
    FollowAlongKind,
    IpsCareerProfile,
    IpsJobSearchPlan,
    Route,
    StepStatus,
    ToldBy,
)


def _date(**kwargs) -> forms.DateField:
    return date_field(**kwargs)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class VocationalAssessmentForm(forms.Form):
    assessed_on = _date(label=_("Date of the assessment"))
    work_capacity_hours = forms.DecimalField(
        label=_("Work capacity now (hours per week)"),
        min_value=Decimal(0),
        max_value=Decimal(80),
        max_digits=4,
        decimal_places=1,
        widget=NumberInput(),
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
    # Chosen in the service directory, which sends its id back (network/_service_choice.html).
    service = forms.UUIDField(
        label=_("Service from the directory"), required=False, widget=forms.HiddenInput
    )


class IpsCareerProfileForm(forms.ModelForm):
    class Meta:
        model = IpsCareerProfile
        fields = list(IPS_PROFILE_FIELDS)
        widgets = {name: _textarea(3) for name in IPS_PROFILE_FIELDS}

    def __init__(self, *args, shown: tuple[str, ...] = IPS_PROFILE_FIELDS, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the fields the writer may read (roundtable.vocational.models.ips_profile_fields).
        for name in set(self.fields) - set(shown):
            del self.fields[name]


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
            "benefits_planning_referred_on": DateInput(),
            "review_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekly_employer_contacts"].max_value = 50
        self.fields["weekly_employer_contacts"].widget.attrs["max"] = 50
        self.fields["disclosure"].choices = Disclosure.choices


class IpsPlannedContactForm(forms.Form):
    planned_on = _date(label=_("Date"))
    employer = forms.CharField(label=_("Employer to contact"), max_length=200)


# --- IPS job development (issue 12 §2) -----------------------------------------------------


def _choices(pairs, *, empty: str | None = None) -> list[tuple[str, str]]:
    choices = [(str(value), str(label)) for value, label in pairs]
    return ([("", empty)] if empty is not None else []) + choices


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Employer"), max_length=200)
    industry = forms.CharField(label=_("Sector or industry"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    notes = forms.CharField(label=_("Notes"), max_length=2000, required=False, widget=_textarea(3))


class _EmployerChoice(forms.Form):
    """A form that chooses an employer of the team's register."""

    employer_id = forms.TypedChoiceField(label=_("Employer"), coerce=uuid.UUID)

    def __init__(self, *args, employers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employer_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _choices(
            ((e.pk, e.name) for e in employers), empty=str(_("Choose an employer"))
        )


class JobDevelopmentContactForm(_EmployerChoice):
    contacted_on = _date(label=_("Date"))
    mode = forms.ChoiceField(label=_("How"), choices=ContactMode.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ContactPurpose.choices)
    citizen_id = forms.TypedChoiceField(
        label=_("About whom"), coerce=uuid.UUID, required=False, empty_value=None
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=_textarea(3))

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["citizen_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _choices(people, empty=str(_("No one: about the workplace")))


class JobStartForm(_EmployerChoice):
    job_type = forms.CharField(
        label=_("Job type"),
        max_length=200,
        help_text=_("For example kitchen assistant, warehouse worker, cleaner."),
    )
    competitive = forms.BooleanField(
        label=_("A competitive job: open labour market, at the going wage"),
        required=False,
        initial=True,
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        min_value=Decimal(0),
        max_value=Decimal(80),
        max_digits=4,
        decimal_places=1,
        widget=NumberInput(),
    )
    starts_on = _date(label=_("First day"))
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=DateInput())
    in_work_history = forms.BooleanField(
        label=_("Also record the job in the work and benefit history"),
        required=False,
        initial=True,
    )


class FollowAlongForm(forms.Form):
    contacted_on = _date(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=FollowAlongKind.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=_textarea(3))


class BenefitsCounsellingForm(forms.Form):
    held_on = _date(label=_("Date"))
    counsellor = forms.CharField(label=_("By whom"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=2000, widget=_textarea(3))


class DisclosureForm(_EmployerChoice):
    told_on = _date(label=_("Date"))
    category = forms.ChoiceField(
        label=_("What was told"),
        choices=DisclosureCategory.choices,
        help_text=_(
            "Something about health can only be recorded when the person's consent allows "
            "sharing it with employers."
        ),
    )
    told_by = forms.ChoiceField(label=_("Told by"), choices=ToldBy.choices)
    note = forms.CharField(
        label=_("In words"), max_length=2000, required=False, widget=_textarea(3)
    )
