"""The symptom chart (issue 10, finding 17): one scale per instrument, the instrument's bands,
dates as the reader writes them; and the ramp chart's weeks end with the plan."""

from __future__ import annotations

import base64
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from roundtable.care.instruments import known_instrument
from roundtable.care.selectors import symptom_panel
from roundtable.care.testing import days_ago, record_score
from roundtable.plans.charts import ramp_chart
from roundtable.plans.content import RampWeek


def _svg_text(uri: str) -> list[str]:
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _chart_uri(body: str) -> str:
    found = re.search(r'<figure class="assessment-chart">\s*<img src="([^"]+)"', body)
    assert found, "no symptom chart on the page"
    return found.group(1)


@pytest.mark.django_db
def test_pss10_and_one_wsas_score_each_get_a_panel_with_danish_dates_and_bands(client, login, cast):
    for days, score in ((60, 29), (30, 24), (5, 18)):
        record_score(cast.alice, cast.anna, "PSS-10", score, days=days)
    record_score(cast.alice, cast.anna, "WSAS", 24, days=30)
    cast.alice.user.language = "da"
    cast.alice.user.save()
    login(cast.alice)
    body = client.get(reverse("assessments:page", args=[cast.anna.id])).content.decode()
    text = " | ".join(_svg_text(_chart_uri(body)))
    assert "PSS-10, stress" in text and "WSAS" in text  # a panel each, titled
    with translation.override("da"):
        assert date_format(days_ago(30), "DATE_FORMAT") in text  # "7. juli 2026"
    assert not re.search(r"\b20\d\d-\d\d\b", text)  # never "2026-07"
    assert "højt stressniveau" in text and "stor betydning" in text  # bands, in Danish
    assert "stor betydning" in body  # the table says what the WSAS score means too
    # The page reserves the drawn size (band names make it wider than the figure).
    svg = base64.b64decode(_chart_uri(body).split(",", 1)[1]).decode()
    drawn = re.search(r'width="([\d.]+)pt"', svg)
    shown = re.search(r'<figure class="assessment-chart">\s*<img [^>]*width="(\d+)"', body)
    assert drawn and shown
    assert int(shown.group(1)) == round(float(drawn.group(1)) * 96 / 72)


def test_each_instrument_is_drawn_on_its_own_whole_scale():
    class Score:
        def __init__(self, day, score):
            self.measured_on, self.score = day, Decimal(score)

    pss = symptom_panel("PSS-10", [Score(dt.date(2026, 6, 9), 29), Score(dt.date(2026, 7, 7), 20)])
    wsas = symptom_panel("WSAS", [Score(dt.date(2026, 7, 7), 24)])
    phq = symptom_panel("PHQ-9", [Score(dt.date(2026, 7, 7), 9)])
    assert (pss.y_min, pss.y_max, wsas.y_max, phq.y_max) == (0, 40, 40, 27)
    assert len(wsas.points) == 1
    # PHQ-9's published cut-offs 5, 10, 15, 20 (Kroenke 2001), as contiguous bands.
    assert [(b.low, b.high) for b in phq.bands] == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 27)]
    assert [b.level for b in phq.bands] == [0, 1, 2, 3, 4]


def test_who5_reads_higher_as_better():
    who5 = known_instrument("WHO-5")
    assert who5 is not None and who5.higher_is_better
    assert who5.band_of(20).level == 0 and who5.band_of(5).level == 2
    assert known_instrument("PHQ-9").band_of(12).label == "moderate"


def _weeks(n: int) -> list[RampWeek]:
    return [RampWeek(i, None, Decimal(4), 5, Decimal(20), "") for i in range(1, n + 1)]


def test_a_six_week_ramp_is_numbered_one_to_six_under_the_word_week():
    with translation.override("da"):
        text = _svg_text(ramp_chart(_weeks(6), max_weekly=Decimal(37)))
    assert "Uge" in text
    assert {"1", "6"} <= set(text) and "7" not in text


def test_a_chart_is_drawn_anew_for_another_language():
    with translation.override("en"):
        english = ramp_chart(_weeks(3), max_weekly=Decimal(37))
    with translation.override("sv"):
        swedish = ramp_chart(_weeks(3), max_weekly=Decimal(37))
    assert "Week" in _svg_text(english) and "Vecka" in _svg_text(swedish)


def test_an_instrument_of_the_teams_own_with_only_zeros_still_gets_a_scale():
    import warnings

    from roundtable.core import charts

    days = (dt.date(2026, 7, 7), dt.date(2026, 7, 8))
    panel = charts.Panel("Sleep diary", tuple((d, 0.0) for d in days), 0, None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = charts.panels_chart([panel], x_ticks=tuple((d, str(d.day)) for d in days))
    assert chart.uri.startswith("data:image/svg+xml;base64,")
