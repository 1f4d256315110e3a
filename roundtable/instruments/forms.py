"""The shared-decision-making questionnaires as forms: nine items 0-5, each may be left out.
An answer outside the scale is refused beside its question, never a 500."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import date_field
from roundtable.instruments import ips25_items
from roundtable.instruments.fidelity_prefill import DOC, INT, MIS, OBS
from roundtable.instruments.models import Noticed, RatingSource, ReviewKind
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


# --- IPS fidelity reviews ------------------------------------------------------------------------

FIDELITY_SCALE = [(str(value), str(value)) for value in range(1, 6)]
FIDELITY_OUT_OF_RANGE = _("Choose a rating from 1 to 5.")
SOURCE_CHOICES = [
    (MIS, _("MIS: the records")),
    (DOC, _("DOC: documents")),
    (INT, _("INT: interviews")),
    (OBS, _("OBS: observation")),
]


class FidelityReviewForm(forms.Form):
    """A new review of the team: its date, type, the period of records and the reviewers."""

    reviewed_on = date_field(label=_("Review date"))
    kind = forms.ChoiceField(
        label=_("Type of review"),
        choices=ReviewKind.choices,
        error_messages={"invalid_choice": _("Choose the type of review.")},
    )
    period_start = date_field(label=_("Records from"))
    period_end = date_field(label=_("Records to"))
    reviewers = forms.MultipleChoiceField(
        label=_("Reviewers (two or more)"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose two or more reviewers."),
            "invalid_choice": _("Choose reviewers among the team's members and the evaluators."),
        },
    )
    strengths = forms.CharField(
        label=_("Strengths"), required=False, max_length=4000, widget=forms.Textarea({"rows": 3})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args: Any, reviewer_choices: Sequence[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        reviewers = self.fields["reviewers"]
        assert isinstance(reviewers, forms.MultipleChoiceField)
        reviewers.choices = list(reviewer_choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period ends on or after the day it starts."))
        if len(data.get("reviewers") or []) == 1:
            self.add_error("reviewers", _("Choose two or more reviewers."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "reviewed_on": data["reviewed_on"],
            "kind": data["kind"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "reviewer_ids": [uuid.UUID(pk) for pk in data["reviewers"]],
            "strengths": data["strengths"],
            "recommendations": data["recommendations"],
        }


def _rating_field(*, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Rating"),
        choices=FIDELITY_SCALE,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Give the consensus rating."),
            "invalid_choice": FIDELITY_OUT_OF_RANGE,
        },
    )


class FidelityRatingForm(forms.Form):
    """One reviewer's 25 items: a rating 1-5, the evidence and its data sources per item. The
    figures from the records (`prefill`) are the starting point where the reviewer has not rated
    the item yet; the reviewer confirms or overrides them."""

    def __init__(
        self,
        *args: Any,
        saved: Mapping[str, Any] | None = None,
        prefill: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.prefill = dict(prefill or {})
        saved = dict(saved or {})
        for item in ips25_items.ITEMS:
            code = item.code
            self.fields[f"rating_{code}"] = _rating_field(required=False)
            self.fields[f"evidence_{code}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                widget=forms.Textarea({"rows": 2}),
            )
            self.fields[f"sources_{code}"] = forms.MultipleChoiceField(
                label=_("Data sources"),
                choices=SOURCE_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose among MIS, DOC, INT and OBS.")},
            )
            rating = saved.get(code)
            found = self.prefill.get(code)
            if rating is not None:
                self.initial[f"rating_{code}"] = str(rating.rating)
                self.initial[f"evidence_{code}"] = rating.evidence
                self.initial[f"sources_{code}"] = list(rating.sources)
            elif found is not None:
                if found.suggestion is not None:
                    self.initial[f"rating_{code}"] = str(found.suggestion)
                self.initial[f"sources_{code}"] = list(found.sources)

    @property
    def sections(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Per section: each item with its three fields and its pre-filled figure."""
        result = []
        for name, label in ips25_items.SECTION_NAMES.items():
            rows = [
                {
                    "item": item,
                    "rating": self[f"rating_{item.code}"],
                    "evidence": self[f"evidence_{item.code}"],
                    "sources": self[f"sources_{item.code}"],
                    "prefill": self.prefill.get(item.code),
                }
                for item in ips25_items.ITEMS
                if item.section == name
            ]
            result.append((str(label), rows))
        return result

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        ratings = {}
        for code in ips25_items.CODES:
            found = self.prefill.get(code)
            ratings[code] = {
                "rating": data.get(f"rating_{code}"),
                "evidence": data.get(f"evidence_{code}", ""),
                "sources": data.get(f"sources_{code}") or [],
                "suggested": found.suggestion if found is not None else None,
            }
        return {"ratings": ratings, "submit": self.data.get("action") == "submit"}


class FidelityConsensusForm(forms.Form):
    """The consensus rating of every item with its reason, beside each reviewer's rating."""

    def __init__(self, *args: Any, rows: Sequence[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            code = row.item.code
            self.fields[f"rating_{code}"] = _rating_field(required=True)
            self.fields[f"reason_{code}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=2000,
                widget=forms.Textarea({"rows": 2}),
            )
            given = {r.rating for _reviewer, r in row.ratings if r is not None}
            if row.consensus is not None:
                self.initial[f"rating_{code}"] = str(row.consensus.rating)
                self.initial[f"reason_{code}"] = row.consensus.reason
            elif len(given) == 1:
                self.initial[f"rating_{code}"] = str(given.pop())

    @property
    def sections(self) -> list[tuple[str, list[dict[str, Any]]]]:
        result = []
        for name, label in ips25_items.SECTION_NAMES.items():
            result.append(
                (
                    str(label),
                    [
                        {
                            "row": row,
                            "rating": self[f"rating_{row.item.code}"],
                            "reason": self[f"reason_{row.item.code}"],
                        }
                        for row in self.rows
                        if row.item.section == name
                    ],
                )
            )
        return result

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "items": {
                code: {"rating": data.get(f"rating_{code}"), "reason": data.get(f"reason_{code}")}
                for code in ips25_items.CODES
            }
        }


class FidelityTextForm(forms.Form):
    strengths = forms.CharField(
        label=_("Strengths"), required=False, max_length=4000, widget=forms.Textarea({"rows": 4})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
    )
