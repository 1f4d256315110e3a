"""Forms of the network pages: they check the shape of the input; the services check the rest
and save. No form here reads or saves a record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.core.widgets import date_field
from roundtable.network.models import GroupRole, MemberKind, Need, ShareChannel, SummaryPart
from roundtable.organisations.models import Professional


def _people(professionals: Sequence[Professional], *, with_org: bool = False) -> list:
    return [("", "—")] + [
        (str(p.pk), f"{p.name} ({p.organisation.name})" if with_org else p.name)
        for p in professionals
    ]


class CoordinatorForm(forms.Form):
    professional = forms.ChoiceField(
        label=_("Someone on the team"),
        required=False,
        help_text=_("Or leave this empty and write the name of a coordinator outside the team."),
    )
    name = forms.CharField(
        label=_("Name of a coordinator outside the team"), max_length=200, required=False
    )
    organisation_name = forms.CharField(
        label=_("Their organisation"), max_length=200, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    starts_on = date_field(label=_("From"))
    note = forms.CharField(
        label=_("Handover note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when someone takes over: what the next coordinator needs to know."),
    )

    def __init__(self, *args, team: Sequence[Professional], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["professional"]).choices = _people(team)

    def clean(self):
        data = super().clean()
        if not data.get("professional") and not data.get("name"):
            self.add_error(
                "name", _("Choose someone on the team, or write the coordinator's name.")
            )
        if data.get("professional") and data.get("name"):
            self.add_error("name", _("Choose someone on the team, or write a name, not both."))
        return data


class MemberForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of member"), choices=MemberKind.choices)
    role = forms.ChoiceField(label=_("Role in the group"), choices=GroupRole.choices)
    professional = forms.ChoiceField(
        label=_("Person with an account"),
        required=False,
        help_text=_("For a member on the team, or outside with an account."),
    )
    service = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    responsible_for = forms.CharField(
        label=_("Responsible for"),
        max_length=300,
        required=False,
        help_text=_("In plain words, as the citizen will read it: for example 'your flat'."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    joined_on = date_field(label=_("Joined on"))

    def __init__(self, *args, people: Sequence[Professional], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["professional"]).choices = _people(
            people, with_org=True
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (MemberKind.TEAM, MemberKind.OUTSIDE_USER) and not data.get("professional"):
            self.add_error("professional", _("Choose the person with an account."))
        if kind == MemberKind.SUMMARY and not data.get("name") and not data.get("service"):
            self.add_error("name", _("Write the member's name."))
        return data


class LeaveForm(forms.Form):
    left_on = date_field(label=_("Left on"))


class DirectorySearchForm(forms.Form):
    need = forms.ChoiceField(
        label=_("Need"), choices=[("", _("Any need"))] + list(Need.choices), required=False
    )
    place = forms.CharField(label=_("Place or municipality"), max_length=100, required=False)


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("HSDS JSON, or HSDS CSV files together in one ZIP file, as exported here."),
    )


class SummaryShareForm(forms.Form):
    """The parts to share (only those the reader may share are offered), the citizen's
    agreement and how the summary is handed over. The service checks it all again."""

    # Chosen above the preview ("Show the summary with these parts"), so what is shared is
    # what was shown; carried here as hidden fields.
    parts = forms.MultipleChoiceField(
        label=_("What the summary holds"), widget=forms.MultipleHiddenInput, required=False
    )
    # Required, so the page does not call it optional; the service says the same if it is not.
    citizen_agreed = forms.BooleanField(
        error_messages={
            "required": _("Tick that the citizen agreed to share this summary with this member.")
        }
    )
    channel = forms.ChoiceField(
        label=_("How it is handed over"), choices=ShareChannel.choices, widget=forms.RadioSelect
    )
    shared_on = date_field(label=_("Handed over on"))

    def __init__(self, *args, offered: Sequence[str], citizen: str, member: str, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["parts"]).choices = [
            (p, SummaryPart(p).label) for p in offered
        ]
        self.fields["citizen_agreed"].label = _(
            "%(citizen)s agreed to share this summary with %(member)s"
        ) % {"citizen": citizen, "member": member}
