"""Form inputs that work in every language.

A browser's `<input type="date">` accepts only `yyyy-mm-dd` as its value (`HH:MM` for
`type="time"`, `yyyy-mm-ddTHH:MM` for `datetime-local`, a dot for `type="number"`) and shows the
date in the reader's own format by itself. Django's own widgets render the value in the active
language's format (`02.12.2026` in Danish), which the browser throws away: the field looks empty
and the form fails with "This field is required" on a field nobody touched (issue 10, finding 1).

Every form uses these widgets (or the field helpers below) for dates, times and numbers;
`core/tests/test_widgets.py` walks every form in the project and fails on one that does not.
Parsing needs nothing extra: Django's date and time fields always accept the ISO formats in
every language, beside the language's own.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**(attrs or {}), "type": "date"}, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**(attrs or {}), "type": "time"}, format=ISO_TIME)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**(attrs or {}), "type": "datetime-local"}, format=ISO_DATETIME)


class NumberInput(forms.NumberInput):
    """A number with a dot, whatever the language: the browser refuses "1,5" as a value."""

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return str(value)


def date_field(**kwargs: Any) -> forms.DateField:
    return forms.DateField(widget=DateInput(), **kwargs)


def time_field(**kwargs: Any) -> forms.TimeField:
    return forms.TimeField(widget=TimeInput(), **kwargs)


DATE_WIDGETS = (DateInput, forms.HiddenInput)
TIME_WIDGETS = (TimeInput, forms.HiddenInput)
DATETIME_WIDGETS = (DateTimeInput, forms.HiddenInput)
