"""Forms of the emergency-access pages. Validation of substance lives in the services; these
give every field a label, the right widget and the first checks."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from roundtable.breakglass.models import ReviewOutcome
from roundtable.breakglass.selectors import REASON_MAX_LENGTH, minute_choices, reason_min_length
from roundtable.breakglass.services import NATIONAL_ID_MAX_LENGTH, REVIEW_NOTE_MAX_LENGTH


class StartForm(forms.Form):
    national_id = forms.CharField(
        label=_("National identity number"),
        max_length=NATIONAL_ID_MAX_LENGTH,
        help_text=_("Exactly one person is opened. Nobody is listed or searched."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Why do you need the record now?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes = forms.TypedChoiceField(label=_("For how long"), coerce=int, choices=())
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Enter your password again to confirm it is you."),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, needs_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        minimum = reason_min_length()
        cast(forms.CharField, self.fields["reason"]).min_length = minimum
        self.fields["reason"].help_text = ngettext_lazy(
            "At least %(count)d character. It is kept, encrypted, for the review; it is not "
            "put in the audit trail.",
            "At least %(count)d characters. It is kept, encrypted, for the review; it is not "
            "put in the audit trail.",
            "count",
        ) % {"count": minimum}
        choices = minute_choices()
        cast(forms.TypedChoiceField, self.fields["minutes"]).choices = [
            (m, ngettext_lazy("%(count)d minute", "%(count)d minutes", "count") % {"count": m})
            for m in choices
        ]
        self.fields["minutes"].initial = choices[-1] if 60 not in choices else 60
        if needs_code:
            self.fields["code"].required = True
        else:
            del self.fields["code"]


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Was the emergency access justified?"),
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Your note"),
        max_length=REVIEW_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say briefly why. The note is kept with the review."),
    )
