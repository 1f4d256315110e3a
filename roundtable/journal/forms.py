"""Forms of the collective journal. They validate input only; the services decide and save.
Who writes, the course and the organisation are never taken from a form."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.core.data_classes import DataClass
from roundtable.journal.models import BODY_MAX_LENGTH, STATEMENT_MAX_LENGTH, DisputeStatus


def _class_choices(classes: list[str]) -> list[tuple[str, str | Promise]]:
    return [(c, DataClass(c).label) for c in classes]


class EntryForm(forms.Form):
    data_class = forms.ChoiceField(
        label=_("What kind of information is this?"),
        help_text=_("This decides who can read the entry, as the citizen's consent allows."),
    )
    body = forms.CharField(
        label=_("Entry"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write what the others in the network need to know. Plain words."),
    )

    def __init__(self, *args, classes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(classes)

    def limit_to(self, classes: list[str]) -> None:
        """Offer only these classes (what the reader's sector writes and may read)."""
        cast(forms.ChoiceField, self.fields["data_class"]).choices = _class_choices(classes)


class SummaryForm(EntryForm):
    """A summary for sharing, written from a therapy-detail entry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_class"].label = _("Share it as")
        self.fields["body"].label = _("Summary for sharing")
        self.fields["body"].help_text = _(
            "Say what the work is about and what it means for work, not what was said in "
            "therapy. The entry you summarise stays with the health sector."
        )


class AddendumForm(forms.Form):
    body = forms.CharField(
        label=_("Addendum"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The entry stays as it is; this is added below it with your name and the date."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Answer to the citizen's dispute"),
        required=False,
        choices=[
            ("", _("Answer only, keep the dispute open")),
            (DisputeStatus.CORRECTED, _("Corrected: the addendum corrects the entry")),
            (DisputeStatus.UPHELD, _("Upheld: the entry stays as written, the addendum says why")),
        ],
    )

    def __init__(self, *args, disputed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not disputed:
            del self.fields["outcome"]


class DisputeForm(forms.Form):
    statement = forms.CharField(
        label=_("What is wrong? Write it in your own words."),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your words are kept with the entry. The person who wrote it will answer you."),
    )
