"""PDF output through WeasyPrint (needs Debian's libpango-1.0-0 and libpangoft2-1.0-0).

`render_pdf` renders a Django template to a PDF. Documents never fetch anything: the only URLs a
document may use are data: URIs (charts from roundtable.core.charts); styles are written in the
template's own <style> element (a PDF is not a page, so the site's CSP does not apply).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    # Imported late: Pango loads only when a PDF is made, not at every start-up.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=5)
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
