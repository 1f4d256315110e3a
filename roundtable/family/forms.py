"""The family forms: the citizen's invitation and the family member's own login. The services
check everything again; their messages are put beside the field they are about."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEALTH_WARNING = _(
    "Only tick this if you are sure. They will see what your team writes about your health "
    "in the plan."
)


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=150)
    email = forms.EmailField(
        label=_("Their e-mail"),
        error_messages={"invalid": _("Write an e-mail address like name@example.com.")},
    )
    relation = forms.CharField(
        label=_("Who they are to you"), max_length=100, help_text=_("For example: my sister.")
    )
    language = forms.ChoiceField(
        label=_("Their language"),
        choices=[("", _("The same as mine")), *settings.LANGUAGES],
        required=False,
    )
    shares_meetings = forms.BooleanField(
        label=_("Your meetings: the day, time and place. Not what is said."), required=False
    )
    shares_plan = forms.BooleanField(
        label=_("Your plan: the goals and next steps. Not what each of your helpers writes."),
        required=False,
    )
    shares_health = forms.BooleanField(
        label=_("About your health: what your team writes about your health in the plan."),
        required=False,
        help_text=HEALTH_WARNING,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f) for f in ("shares_meetings", "shares_plan", "shares_health")):
            raise ValidationError(_("Tick at least one thing to share."))
        return data


class AcceptForm(forms.Form):
    username = forms.CharField(
        label=_("Choose a user name"),
        max_length=150,
        help_text=_("You sign in with it."),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 letters or numbers. Do not use your name."),
    )


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's messages beside their fields (on the form when it has no such field)."""
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages)
    else:
        form.add_error(None, error)
