"""Forms of the life-situation mapping and of the citizen's own wishes: they check the shape of
the input; the services check the rest and save. No form here reads or saves a record."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.lifesituation.selectors import LifeAreaRow
from roundtable.lifesituation.services import LifeAreaData


def _date(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class LifeMappingForm(forms.Form):
    """One group of three fields per life area the writer may write, plus "filled in with the
    citizen" and its date."""

    PARTS = (
        ("situation", _("Situation")),
        ("resources", _("Resources")),
        ("wishes", _("Wishes")),
    )

    filled_with_citizen = forms.BooleanField(label=_("We filled this in together"), required=False)
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
