"""The consent form: one yes/no per kind of information per other sector, and a period.

The same form serves the citizen in the portal and a professional recording a consent given on
paper or orally (then it also asks how it was given and who witnessed it). Saving turns the
answers into provisions: a permit for each "yes" the defaults do not already give, an explicit
deny for each "no" (so that no broader rule can let it through), and the rules for one
organisation or one role kept as they were.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.consent.defaults import JurisdictionDefaults
from roundtable.consent.models import ConsentProvision, GivenVia, ProvisionType, RecipientKind
from roundtable.consent.selectors import SHARING_SECTORS
from roundtable.consent.services import ProvisionSpec
from roundtable.core.data_classes import ALL_CLASSES, DataClass
from roundtable.organisations.models import Sector
from roundtable.organisations.terms import Terms, terms_for

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Plain language for the citizen (the DataClass labels speak about "the citizen").
CITIZEN_CLASS_LABELS: dict[str, StrPromise] = {
    DataClass.THERAPY_DETAIL: _("What you talk about in therapy"),
    DataClass.HEALTH_SUMMARY: _("A short summary of your health"),
    DataClass.FUNCTIONAL_CAPACITY: _("What you can and cannot do at work"),
    DataClass.DIAGNOSIS: _("Your diagnosis"),
    DataClass.FAMILY: _("Your family and the people close to you"),
    DataClass.VOCATIONAL: _("Your work and your job search"),
    DataClass.BENEFIT_DECISION: _("Decisions about your sickness benefit"),
    DataClass.MEETING_MINUTES: _("Notes and decisions from your meetings"),
    DataClass.JOINT_PLAN: _("Your joint plan"),
    DataClass.CONTACT_DETAILS: _("How to contact you"),
}
# Shown in this order: health first, then work, then what is made together.
CLASS_ORDER = (
    DataClass.FUNCTIONAL_CAPACITY,
    DataClass.HEALTH_SUMMARY,
    DataClass.DIAGNOSIS,
    DataClass.THERAPY_DETAIL,
    DataClass.FAMILY,
    DataClass.VOCATIONAL,
    DataClass.BENEFIT_DECISION,
    DataClass.MEETING_MINUTES,
    DataClass.JOINT_PLAN,
    DataClass.CONTACT_DETAILS,
)


def sector_name(sector: str, terms: Terms) -> str:
    """The side of the team in the course's jurisdiction (finding 26): health care, and the
    jobcentre in Denmark, the employment service in Sweden, Nav in Norway."""
    if sector == Sector.EMPLOYMENT:
        return terms.employment_service.The
    return str(_("Health care"))


def sector_heading(sector: str, terms: Terms) -> str:
    return gettext("%(name)s may see:") % {"name": sector_name(sector, terms)}


YES_NO = (("yes", _("Yes")), ("no", _("No")))


def field_name(sector: str, data_class: str) -> str:
    return f"{sector}__{data_class}"


def askable(defaults: JurisdictionDefaults, sector: str) -> list[str]:
    """The classes the citizen decides on for a sector: all but what the law gives it."""
    fixed = defaults.fixed_for(sector)
    return [c for c in CLASS_ORDER if c in ALL_CLASSES - fixed]


class SharingForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave it empty if your choice should last until you change it."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        data=None,
        *,
        defaults: JurisdictionDefaults,
        shares: dict[str, frozenset[str]],
        expected_version: int,
        keep: list[ConsentProvision] | None = None,
        professional: bool = False,
        terms: Terms | None = None,
    ):
        self.defaults = defaults
        self.terms = terms or terms_for(defaults.jurisdiction)
        self.keep = keep or []
        self.professional = professional
        initial: dict[str, object] = {
            "period_start": timezone.localdate(),
            "expected_version": expected_version,
        }
        for sector in SHARING_SECTORS:
            for data_class in askable(defaults, sector):
                initial[field_name(sector, data_class)] = (
                    "yes" if data_class in shares.get(sector, frozenset()) else "no"
                )
        super().__init__(data, initial=initial)
        for sector in SHARING_SECTORS:
            for data_class in askable(defaults, sector):
                self.fields[field_name(sector, data_class)] = forms.ChoiceField(
                    label=CITIZEN_CLASS_LABELS[data_class],
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                )
        if professional:
            self.fields["given_via"] = forms.ChoiceField(
                label=_("How did the person give their consent?"),
                choices=[
                    (GivenVia.PAPER, GivenVia.PAPER.label),
                    (GivenVia.ORAL, GivenVia.ORAL.label),
                ],
                widget=forms.RadioSelect,
            )
            self.fields["witness_name"] = forms.CharField(
                label=_("Witness"),
                max_length=200,
                required=False,
                help_text=_("Needed when the consent was given orally."),
            )

    def sections(self) -> list[dict]:
        """The yes/no fields grouped by sector, with what the law always gives that sector."""
        result = []
        for sector in SHARING_SECTORS:
            fixed = self.defaults.fixed_for(sector)
            # One line per reason, naming every kind of information it covers, so that the
            # same reason is not repeated beside each (finding 14).
            always: dict[str, list[str]] = {}
            for c in CLASS_ORDER:
                if c in fixed:
                    reason = str(getattr(self.defaults.exception_for(sector, c), "reason", ""))
                    always.setdefault(reason, []).append(str(CITIZEN_CLASS_LABELS[c]))
            result.append(
                {
                    "sector": sector,
                    "heading": sector_heading(sector, self.terms),
                    "name": sector_name(sector, self.terms),
                    "fields": [self[field_name(sector, c)] for c in askable(self.defaults, sector)],
                    "always": [
                        {"labels": labels, "reason": reason} for reason, labels in always.items()
                    ],
                }
            )
        return result

    def clean(self):
        cleaned = super().clean()
        oral = self.professional and cleaned.get("given_via") == GivenVia.ORAL
        if oral and not (cleaned.get("witness_name") or "").strip():
            self.add_error("witness_name", _("Consent given orally needs a witness."))
        return cleaned

    def provisions(self) -> list[ProvisionSpec]:
        specs = []
        for sector in SHARING_SECTORS:
            default = self.defaults.default_for(sector)
            yes, no = [], []
            for data_class in askable(self.defaults, sector):
                answer = self.cleaned_data.get(field_name(sector, data_class))
                if answer == "yes" and data_class not in default:
                    yes.append(data_class)
                elif answer == "no":
                    no.append(data_class)
            if yes:
                specs.append(
                    ProvisionSpec(
                        type=ProvisionType.PERMIT,
                        recipient_kind=RecipientKind.SECTOR,
                        recipient=sector,
                        data_classes=tuple(yes),
                    )
                )
            if no:
                specs.append(
                    ProvisionSpec(
                        type=ProvisionType.DENY,
                        recipient_kind=RecipientKind.SECTOR,
                        recipient=sector,
                        data_classes=tuple(no),
                    )
                )
        start: dt.date | None = self.cleaned_data.get("period_start")
        end: dt.date | None = self.cleaned_data.get("period_end")
        for kept in self.keep:
            specs.append(
                ProvisionSpec(
                    type=kept.type,
                    recipient_kind=kept.recipient_kind,
                    recipient=kept.recipient_value,
                    data_classes=tuple(kept.data_classes),
                    purpose=kept.purpose,
                    # A kept rule cannot outlast the new period.
                    period_start=max(kept.period_start, start)
                    if kept.period_start and start
                    else None,
                    period_end=min(kept.period_end, end)
                    if kept.period_end and end
                    else (kept.period_end or None),
                )
            )
        return specs
