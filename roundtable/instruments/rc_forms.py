"""Relational coordination as forms: the team leader's new round, and the survey (each work
group on the seven questions, 1-5). An answer outside the scale is refused beside its question."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.instruments.rc_items import default_groups

OUT_OF_RANGE = _("Choose one of the answers shown, from 1 to 5.")
MISSING = _("Choose an answer.")


class RcRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    groups = forms.MultipleChoiceField(
        label=_("Work groups"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone rates each of these groups, their own included."),
    )
    item_texts = forms.CharField(
        label=_("Your organisation's licensed wording (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Seven lines, one per dimension, in the order shown. Leave empty to use "
            "Roundtable's own wording."
        ),
    )

    def __init__(self, *args: Any, group_labels: Sequence[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        groups = self.fields["groups"]
        assert isinstance(groups, forms.MultipleChoiceField)
        groups.choices = list(group_labels)
        groups.initial = [key for key, _label in group_labels]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The round cannot close before it opens."))
        if data.get("groups") is not None and len(data["groups"]) < 2:
            self.add_error("groups", _("Choose at least two work groups."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = set(data["groups"])
        return {
            "title": data["title"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "groups": [g for g in default_groups() if g["key"] in chosen],
            "item_texts": [line for line in data["item_texts"].splitlines() if line.strip()],
        }


class RcSurveyForm(forms.Form):
    """One radio question per work group and dimension, named ``<group>__<number>``."""

    def __init__(
        self,
        *args: Any,
        groups: Sequence[tuple[str, str]],
        questions: Sequence[str],
        scale: Sequence[tuple[int, Any]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        self.sections: list[tuple[str, list[str]]] = []
        for key, label in self.groups:
            names = []
            for number, text in enumerate(questions, start=1):
                name = f"{key}__{number}"
                self.fields[name] = forms.TypedChoiceField(
                    label=text,
                    choices=[(str(value), word) for value, word in scale],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": OUT_OF_RANGE, "required": MISSING},
                )
                names.append(name)
            self.sections.append((label, names))

    def section_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(label, [self[name] for name in names]) for label, names in self.sections]

    def ratings(self) -> dict[str, list[int]]:
        data = self.cleaned_data
        count = len(self.sections[0][1]) if self.sections else 0
        return {
            key: [data[f"{key}__{n}"] for n in range(1, count + 1)] for key, _label in self.groups
        }
