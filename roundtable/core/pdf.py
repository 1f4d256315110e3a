"""PDF output through WeasyPrint (needs Debian's libpango-1.0-0 and libpangoft2-1.0-0).

`render_pdf` renders a Django template to a PDF. Documents never fetch anything: the only URLs a
document may use are data: URIs (charts from roundtable.core.charts). Styles come from static
files given by name (`core/pdf.css` always, then the caller's), never from the template, so
templates stay free of inline style like every other template (test_security_headers).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

BASE_STYLESHEET = "core/pdf.css"


def _stylesheet_path(name: str) -> str:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"no static file {name!r} for a PDF stylesheet")
    return str(found)


def render_pdf(
    template_name: str,
    context: dict,
    request: HttpRequest | None = None,
    stylesheets: Sequence[str] = (),
) -> bytes:
    """`stylesheets` are static file names (e.g. "plans/plan_pdf.css"), after core/pdf.css."""
    # Imported late: Pango loads only when a PDF is made, not at every start-up.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=5)
    styles = [
        CSS(filename=_stylesheet_path(name), url_fetcher=fetcher)
        for name in (BASE_STYLESHEET, *stylesheets)
    ]
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(stylesheets=styles)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
