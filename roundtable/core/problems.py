"""Checks that services share for free text, dates and choices.

Each check adds what it finds to a list of problems, in words a person can act on, so that a
service can report every problem of an input at once (a form shows them beside its fields, the
API answers 400 with all of them); `raise_problems` then refuses the input if the list is not
empty.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Dates are within ten years of today; anything else is a typing slip (and year 1 cannot be
# stored everywhere).
REASONABLE = dt.timedelta(days=3653)


def stripped(value: str | None) -> str:
    return (value or "").strip()


def check_length(problems: list[str], value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        problems.append(
            ngettext(
                "Write %(what)s in at most %(n)d character.",
                "Write %(what)s in at most %(n)d characters.",
                limit,
            )
            % {"what": label, "n": limit}
        )


def check_choice(
    problems: list[str], value: str, choices: type[models.TextChoices], label: str
) -> None:
    if value not in choices.values:
        problems.append(_("Choose %(what)s from the list.") % {"what": label})


def date_problems(
    value: dt.date | None,
    label: str,
    *,
    required: bool = True,
    not_future: bool = False,
) -> list[str]:
    if value is None:
        return [_("Give %(what)s.") % {"what": label}] if required else []
    if not isinstance(value, dt.date):
        return [_("Give %(what)s as a date.") % {"what": label}]
    today = timezone.localdate()
    if abs(value - today) > REASONABLE:
        return [_("Choose %(what)s within ten years from today.") % {"what": label}]
    if not_future and value > today:
        return [_("%(what)s cannot be in the future.") % {"what": label.capitalize()}]
    return []


def raise_problems(problems: list[str], *, by_field: dict[str, list[str]] | None = None) -> None:
    """Refuse the input if anything is wrong. Problems of one field (`by_field`, keyed by the
    form's field name) are shown beside that field; the others above the form."""
    fields = {name: found for name, found in (by_field or {}).items() if found}
    if fields:
        raise ValidationError({**fields, **({NON_FIELD_ERRORS: problems} if problems else {})})
    if problems:
        raise ValidationError(problems)
