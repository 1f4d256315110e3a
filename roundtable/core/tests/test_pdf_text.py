"""PDF documents are made with WeasyPrint and their text can be read back (pypdf)."""

import datetime as dt
import http.server
import io
import threading

from pypdf import PdfReader

from roundtable.core.charts import Series, line_chart
from roundtable.core.pdf import render_pdf
from roundtable.testing import pdf_text


def test_a_pdf_with_a_chart_holds_its_text(settings, tmp_path):
    chart = line_chart(
        [Series("PHQ-9", [(dt.date(2026, 1, 5), 14), (dt.date(2026, 2, 2), 9)])],
        y_label="score",
    )
    assert chart.startswith("data:image/svg+xml;base64,")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "probe.html").write_text(
        '<h1>Åse Ødegård</h1><img src="{{ chart }}" alt="">', encoding="utf-8"
    )
    content = render_pdf("probe.html", {"chart": chart})
    assert content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert "Åse Ødegård" in pdf_text(content)


def test_a_pdf_fetches_nothing_from_the_network(settings, tmp_path):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
        url = f"http://127.0.0.1:{server.server_port}/tracker.png"
        (tmp_path / "remote.html").write_text(f'<p>Text</p><img src="{url}" alt="">')
        content = render_pdf("remote.html", {})
    finally:
        server.shutdown()
    assert "Text" in pdf_text(content)
    assert requests == []
