"""Turn the joint plan form a page showed into the POST a person would send."""

from __future__ import annotations

import datetime as dt


def _value(bound) -> object:
    value = bound.value()
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def form_post(response) -> dict:
    """The edit page's form, filled in as it was shown."""
    data: dict = {}
    context = response.context
    for bound in context["form"]:
        data[bound.html_name] = _value(bound)
    for formset in (context["goals"], context["ramp"]):
        for bound in formset.management_form:
            data[bound.html_name] = _value(bound)
        for form in formset:
            for bound in form:
                value = _value(bound)
                if getattr(bound.field.widget, "allow_multiple_selected", False) and not value:
                    continue  # a browser sends nothing for no ticked box
                if value is False or value == "":
                    if bound.name != "DELETE":
                        data[bound.html_name] = ""
                    continue
                data[bound.html_name] = (
                    [str(v) for v in value] if isinstance(value, list) else value
                )
    return data
