"""The shared-decision-making questionnaires as forms: nine items 0-5, each may be left out.
An answer outside the scale is refused beside its question, never a 500."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.instruments.models import Noticed, RatingSource
from roundtable.instruments.sdm_items import (
    CITIZEN_ITEMS,
    OPTION5_ITEMS,
    OPTION12_ITEMS,
    OPTION_SCALE,
    PROFESSIONAL_ITEMS,
    SCALE,
)
from roundtable.meetings.models import Decision

NO_ANSWER = _("No answer")
OUT_OF_RANGE = _("Choose one of the answers shown, from 0 to 5, or no answer.")


def _item(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", NO_ANSWER), *((str(value), text) for value, text in SCALE)],
        coerce=int,
        empty_value=None,
        required=False,
        initial="",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": OUT_OF_RANGE},
    )


class SdmForm(forms.Form):
    """SDM-Q-9 for the citizen (with the noticed decisions and the sharing choice) or SDM-Q-Doc
    for a professional (`citizen=False`, no decisions)."""

    def __init__(
        self, *args: Any, citizen: bool, decisions: Sequence[Decision] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        items = CITIZEN_ITEMS if citizen else PROFESSIONAL_ITEMS
        for number, text in enumerate(items, start=1):
            self.fields[f"item_{number}"] = _item(text)
        self.decisions = list(decisions) if citizen else []
        for decision in self.decisions:
            self.fields[f"noticed_{decision.pk}"] = forms.ChoiceField(
                label=decision.title,
                choices=[("", NO_ANSWER), *Noticed.choices],
                required=False,
                initial="",
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose yes, no or not sure.")},
            )
        if citizen:
            self.fields["shared_with_team"] = forms.BooleanField(
                label=_("My team may see my answers one by one, not only the total."),
                required=False,
            )

    @property
    def item_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("item_")]

    @property
    def noticed_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("noticed_")]

    def answers(self) -> list[int | None]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(self.item_fields) + 1)]

    def noticed(self) -> dict[uuid.UUID, str]:
        result = {}
        for decision in self.decisions:
            answer = self.cleaned_data.get(f"noticed_{decision.pk}")
            if answer:
                result[decision.pk] = answer
        return result

    def service_arguments(self) -> dict[str, Any]:
        if not self.citizen:
            return {"answers": self.answers()}
        return {
            "answers": self.answers(),
            "noticed": self.noticed(),
            "shared_with_team": self.cleaned_data.get("shared_with_team", False),
        }


class OptionRatingForm(forms.Form):
    """An observer's OPTION-12 or OPTION-5: every item 0-4, with an optional note beside it."""

    source = forms.ChoiceField(
        label=_("How did you observe the meeting?"),
        choices=RatingSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you rated it live or from a recording.")},
    )

    def __init__(self, *args: Any, instrument: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        items = OPTION12_ITEMS if instrument == "option12" else OPTION5_ITEMS
        for number, text in enumerate(items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=text,
                choices=[(str(value), label) for value, label in OPTION_SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Rate this item."),
                    "invalid_choice": _("Choose a rating from 0 to 4."),
                },
            )
            self.fields[f"note_{number}"] = forms.CharField(
                label=_("Note"), required=False, max_length=1000, widget=forms.TextInput
            )

    @property
    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        count = len([n for n in self.fields if n.startswith("item_")])
        return [(self[f"item_{n}"], self[f"note_{n}"]) for n in range(1, count + 1)]

    def service_arguments(self) -> dict[str, Any]:
        count = len(self.rows)
        return {
            "instrument": self.instrument,
            "source": self.cleaned_data["source"],
            "items": [self.cleaned_data[f"item_{n}"] for n in range(1, count + 1)],
            "notes": [self.cleaned_data[f"note_{n}"] for n in range(1, count + 1)],
        }
