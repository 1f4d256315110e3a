"""Date, time and number inputs work in every language (issue 10, finding 1).

A browser keeps the value of `<input type="date">` only when it reads `yyyy-mm-dd`; Django's
own widgets wrote `02.12.2026` in Danish, so the citizen's consent form lost its "From" date and
refused to save.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

import roundtable
from roundtable.core import widgets

LANGUAGES = ("en", "da", "sv", "nb")


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for info in pkgutil.iter_modules(roundtable.__path__):
        name = f"roundtable.{info.name}.forms"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__.startswith("roundtable.")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_the_walk_finds_the_forms_with_dates():
    names = {c.__name__ for c in _form_classes()}
    assert {"SharingForm", "MeetingForm", "BenefitPeriodForm", "SymptomScoreForm"} <= names


def test_every_date_time_and_number_field_uses_an_input_the_browser_understands():
    wrong = []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            widget = type(field.widget)
            if isinstance(field, forms.DateTimeField):
                ok = issubclass(widget, widgets.DATETIME_WIDGETS)
            elif isinstance(field, forms.DateField):
                ok = issubclass(widget, widgets.DATE_WIDGETS)
            elif isinstance(field, forms.TimeField):
                ok = issubclass(widget, widgets.TIME_WIDGETS)
            elif isinstance(field, (forms.DecimalField, forms.FloatField)):
                ok = issubclass(widget, (widgets.NumberInput, forms.HiddenInput))
            else:
                continue
            if not ok:
                wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}: {widget}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_inputs_render_the_value_the_browser_accepts(language):
    with translation.override(language):
        assert 'value="2026-12-02"' in widgets.DateInput().render("d", dt.date(2026, 12, 2))
        assert 'type="date"' in widgets.DateInput().render("d", dt.date(2026, 12, 2))
        assert 'value="07:05"' in widgets.TimeInput().render("t", dt.time(7, 5))
        assert 'value="2026-12-02T07:05"' in widgets.DateTimeInput().render(
            "dt", dt.datetime(2026, 12, 2, 7, 5)
        )
        field = forms.DecimalField(localize=True, widget=widgets.NumberInput())
        assert 'value="1.5"' in field.widget.render("n", Decimal("1.5"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_iso_value_a_browser_posts_is_read_in_every_language(language):
    with translation.override(language):
        assert widgets.date_field().clean("2026-12-02") == dt.date(2026, 12, 2)
        assert widgets.time_field().clean("07:05") == dt.time(7, 5)


@pytest.mark.parametrize("language", ("da", "sv", "nb"))
def test_a_citizens_consent_form_shows_todays_date_where_the_browser_keeps_it(language):
    from roundtable.consent.defaults import consent_defaults
    from roundtable.consent.forms import SharingForm

    with translation.override(language):
        form = SharingForm(defaults=consent_defaults("DK"), shares={}, expected_version=0)
        html = str(form["period_start"])
    today = form["period_start"].value()
    assert f'value="{today:%Y-%m-%d}"' in html
