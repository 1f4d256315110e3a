from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import DateInput
from roundtable.sickleave.models import DecisionKind, Prognosis, WorkCapacity
from roundtable.sickleave.rules import dk


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
    )


def _ground_choices(empty_label):
    return [("", empty_label)] + [
        (str(g.number), f"{g.number}. {g.name}") for g in dk.EXTENSION_GROUNDS
    ]


class BenefitPeriodForm(forms.Form):
    start = _date(_("First day"))
    end = _date(_("Last day"), required=False, help_text=_("Leave empty while it is still paid."))
    reduced = forms.BooleanField(label=_("Reduced benefit"), required=False)
    back_at_work = forms.BooleanField(
        label=_("Back at work after the last day"),
        required=False,
        help_text=_(
            "Leave it unticked if the person is still off sick: the dates then assume the"
            " absence goes on after the last day."
        ),
    )
    # Set once the page has shown which legal dates this very period moves or removes: it
    # names the values confirmed, so a period changed after the warning is checked again.
    confirm = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)

    @staticmethod
    def fingerprint(data) -> str:
        values = (data.get("start"), data.get("end"), data.get("back_at_work"))
        return ":".join("" if v is None else str(v) for v in values)

    def clean(self):
        data = super().clean()
        data["confirmed"] = bool(data.get("confirm")) and data.pop("confirm") == self.fingerprint(
            data
        )
        data.pop("confirm", None)
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last day cannot be before the first day."))
        if data.get("back_at_work") and data.get("start") and not data.get("end"):
            self.add_error("end", _("Give the last day before the person was back at work."))
        return data


class BenefitDecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices)
    ground = forms.TypedChoiceField(
        label=_("Legal ground (extensions only)"),
        choices=(),
        coerce=int,
        required=False,
        empty_value=None,
    )
    decided_on = _date(_("Decided on"))
    valid_until = _date(_("Valid until"), required=False)
    evidence_received_on = _date(_("Medical evidence received on"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = _ground_choices(_("No ground"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == DecisionKind.EXTENSION and not data.get("ground"):
            self.add_error("ground", _("Choose the legal ground for the extension."))
        if data.get("kind") != DecisionKind.EXTENSION and data.get("ground"):
            self.add_error("ground", _("Only an extension has a legal ground."))
        return data


class EvidenceRequestForm(forms.Form):
    question = forms.CharField(
        label=_("What should the medical evidence answer?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ask about function and work capacity. No diagnosis is needed."),
    )
    due_on = _date(_("Needed by"))
    ground = forms.TypedChoiceField(
        label=_("For legal ground"), choices=(), coerce=int, required=False, empty_value=None
    )
    assignee_id = forms.TypedChoiceField(
        label=_("Whom to ask"),
        choices=(),
        coerce=uuid.UUID,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, addressees=(), care_manager_id=None, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = _ground_choices(_("Not yet known"))
        role = terms.care_manager.one if terms is not None else ""
        self.fields["assignee_id"].choices = [
            (str(p.pk), _addressee_label(p, care_manager_id, role)) for p in addressees
        ]
        self.fields["assignee_id"].help_text = _(
            "%(cm)s, or a psychiatrist or psychologist of the team."
        ) % {"cm": terms.care_manager.The if terms is not None else ""}
        if care_manager_id is not None and not self.is_bound:
            self.initial.setdefault("assignee_id", str(care_manager_id))


def _addressee_label(professional, care_manager_id, role: str) -> str:
    if professional.pk == care_manager_id:
        return f"{professional.name} ({role})"
    if professional.title:
        return f"{professional.name} ({professional.title})"
    return professional.name


class EvidenceNoteForm(forms.Form):
    """The evidence note: functional capacity and prognosis, the diagnosis only when allowed."""

    capacity = forms.ChoiceField(label=_("Work capacity"), choices=WorkCapacity.choices)
    hours_per_week = forms.IntegerField(
        label=_("Hours a week"),
        required=False,
        min_value=1,
        max_value=80,
        help_text=_("Only when the person can work some hours a week."),
    )
    functional_capacity = forms.CharField(
        label=_("What the person can and cannot do at work"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    prognosis = forms.ChoiceField(label=_("Prognosis"), choices=Prognosis.choices)
    prognosis_text = forms.CharField(
        label=_("About the prognosis"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    diagnosis = forms.CharField(
        label=_("Diagnosis"),
        required=False,
        max_length=200,
        help_text=_("Shown because the person's consent allows it."),
    )

    def __init__(self, *args, diagnosis_allowed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not diagnosis_allowed:
            del self.fields["diagnosis"]

    def clean(self):
        data = super().clean()
        if data.get("capacity") == WorkCapacity.PARTIAL and not data.get("hours_per_week"):
            self.add_error("hours_per_week", _("Give the hours a week, from 1 to 80."))
        return data


class EvidenceCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It goes with the note."),
    )


class MilestoneHandledForm(forms.Form):
    milestone_id = forms.CharField(max_length=60)
    due_on = forms.DateField(widget=forms.HiddenInput)
