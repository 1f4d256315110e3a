"""The citizen's printout of a published version (WeasyPrint through roundtable.core.pdf).

The record comes from `selectors.version_get(printable=True)`, which has already left out
everything but the joint plan and the work section, and audited the print."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from roundtable.core.pdf import pdf_response, render_pdf
from roundtable.plans.charts import ramp_chart
from roundtable.plans.selectors import VersionRecord, countable, max_weekly_hours


def printout_response(record: VersionRecord, request: HttpRequest | None = None) -> HttpResponse:
    max_weekly = max_weekly_hours()
    context = {
        "record": record,
        "chart": ramp_chart(record.ramp_weeks, max_weekly=max_weekly),
        "max_weekly": countable(max_weekly),
    }
    content = render_pdf(
        "plans/plan_pdf.html", context, request=request, stylesheets=("plans/plan_pdf.css",)
    )
    return pdf_response(content, f"joint-plan-version-{record.version.number}.pdf")
