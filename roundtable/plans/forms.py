"""Forms of the joint plan: the draft (plan fields, a goal formset and a ramp formset) and the
citizen's answer. Domain checks live in the services; these check the shape of the input."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import DateInput, NumberInput
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import Agreement, GoalKind, GoalStatus, OwnerSector, SectionKind
from roundtable.plans.selectors import DecisionChoice, PlanRecord


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _date_input() -> forms.DateInput:
    return DateInput()


SECTION_FIELDS = {
    SectionKind.OVERALL: "overall",
    SectionKind.CARE_MANAGER: "care_manager",
    SectionKind.EMPLOYMENT_CONSULTANT: "employment_consultant",
}


class PlanForm(forms.Form):
    """The plan's own fields. Only the sections the reader may see are fields at all."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    meeting = forms.UUIDField(widget=forms.HiddenInput, required=False)
    overall = forms.CharField(
        label=_("The overall plan"),
        max_length=10000,
        required=False,
        widget=_textarea(5),
        help_text=_("In plain words: what happens next, and who does what. The citizen reads it."),
    )
    care_manager = forms.CharField(
        label=_("The care manager's plan"),
        max_length=10000,
        required=False,
        widget=_textarea(4),
        help_text=_("Health goals and the next steps in treatment. Leave out therapy details."),
    )
    employment_consultant = forms.CharField(
        label=_("The employment consultant's plan"),
        max_length=10000,
        required=False,
        widget=_textarea(4),
        help_text=_("Work, job search, contact with the employer and the benefit case."),
    )
    review_on = forms.DateField(
        label=_("Review the plan on"),
        required=False,
        widget=_date_input(),
        help_text=_("The plan is provisional. Agree when you will look at it again."),
    )
    ramp_start = forms.DateField(
        label=_("First day back at work"),
        required=False,
        widget=_date_input(),
        help_text=_("Week 1 of the return-to-work plan starts on this day."),
    )

    def __init__(self, *args, section_kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, name in SECTION_FIELDS.items():
            if kind not in section_kinds:
                del self.fields[name]

    @classmethod
    def initial_for(cls, record: PlanRecord, meeting_id: uuid.UUID | None) -> dict:
        initial: dict = {
            "revision": record.revision,
            "meeting": meeting_id,
            "review_on": record.plan.review_on if record.plan else None,
            "ramp_start": record.ramp_start,
        }
        for kind, name in SECTION_FIELDS.items():
            initial[name] = record.sections.get(kind, "")
        return initial

    def sections(self) -> dict[str, str]:
        return {
            kind: self.cleaned_data.get(name, "")
            for kind, name in SECTION_FIELDS.items()
            if name in self.fields
        }


class GoalForm(forms.Form):
    id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Goal"),
        max_length=1000,
        widget=_textarea(2),
        help_text=_("In the citizen's own words."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of goal"), choices=GoalKind.choices, initial=GoalKind.SUPPORTING
    )
    owner_sector = forms.ChoiceField(
        label=_("Whose goal"), choices=OwnerSector.choices, initial=OwnerSector.SHARED
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=_date_input())
    status = forms.ChoiceField(
        label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.NOT_STARTED
    )
    decisions = forms.MultipleChoiceField(
        label=_("Decisions that made this goal"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Link only decisions made at this citizen's held meetings.")
        },
    )

    def __init__(self, *args, decision_choices: Sequence[DecisionChoice] = (), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["decisions"]).choices = [
            (
                str(d.id),
                _("%(title)s (meeting of %(date)s)")
                % {"title": d.title, "date": date_format(d.meeting_date, "DATE_FORMAT")},
            )
            for d in decision_choices
        ]
        if not decision_choices:
            del self.fields["decisions"]

    @property
    def kind_label(self) -> str:
        """The saved goal's kind, for the line that stands for it while it is folded away."""
        kind = self.initial.get("kind")
        return str(GoalKind(kind).label) if kind in GoalKind.values else ""

    def goal_data(self) -> GoalData:
        data = self.cleaned_data
        return GoalData(
            id=data.get("id"),
            kind=data["kind"],
            owner_sector=data["owner_sector"],
            text=data["text"],
            status=data["status"],
            target_date=data.get("target_date"),
            decision_ids=tuple(uuid.UUID(d) for d in data.get("decisions", [])),
        )


class RampForm(forms.Form):
    hours_per_day = forms.DecimalField(
        label=_("Hours per day"),
        min_value=Decimal(0),
        max_value=Decimal(24),
        max_digits=4,
        decimal_places=2,
        widget=NumberInput(attrs={"step": "0.25"}),
    )
    days_per_week = forms.IntegerField(label=_("Days per week"), min_value=1, max_value=7)
    note = forms.CharField(
        # Not "(optional)": a week with fewer hours than the week before needs it.
        label=_("Note (needed when the hours go down)"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].hide_optional = True  # type: ignore[attr-defined]

    def ramp_row(self) -> RampRow:
        data = self.cleaned_data
        return RampRow(
            hours_per_day=data["hours_per_day"],
            days_per_week=data["days_per_week"],
            note=data.get("note", ""),
        )


class _RowFormSet(forms.BaseFormSet):
    """New rows left untouched are ignored; rows marked for removal are dropped."""

    delete_label = _("Remove")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label

    def kept_forms(self) -> list[forms.Form]:
        initial = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < initial or form.has_changed())
            and not form.cleaned_data.get(DELETION_FIELD_NAME, False)
        ]


class _GoalFormSet(_RowFormSet):
    delete_label = _("Remove this goal")


class _RampFormSet(_RowFormSet):
    delete_label = _("Remove this week")


GoalFormSet = forms.formset_factory(
    GoalForm, formset=_GoalFormSet, extra=2, can_delete=True, max_num=30, absolute_max=30
)
RampFormSet = forms.formset_factory(
    RampForm, formset=_RampFormSet, extra=3, can_delete=True, max_num=52, absolute_max=52
)


def goal_initial(record: PlanRecord) -> list[dict]:
    return [
        {
            "id": g.pk,
            "text": g.text,
            "kind": g.kind,
            "owner_sector": g.owner_sector,
            "target_date": g.target_date,
            "status": g.status,
            "decisions": [str(d.pk) for d in getattr(g, "visible_decisions", [])],
        }
        for g in record.goals
    ]


def ramp_initial(record: PlanRecord) -> list[dict]:
    return [
        {"hours_per_day": r.hours_per_day, "days_per_week": r.days_per_week, "note": r.note}
        for r in record.ramp
    ]


class ResponseForm(forms.Form):
    """The citizen's answer to their plan, in plain words."""

    agreement = forms.ChoiceField(
        label=_("Do you agree with the plan?"),
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one answer.")},
    )
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        required=False,
        widget=_textarea(4),
        help_text=_("What is good? What would you change? Your team reads it."),
    )
