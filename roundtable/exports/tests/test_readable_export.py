"""The copy of one's data reads as a document (issue 10, finding 2): sections in plain words,
labels and values in the reader's language, no internal codes; the JSON keeps everything."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from roundtable.exports.document import export_document
from roundtable.meetings.testing import log_decision, schedule
from roundtable.plans.testing import held_meeting, publish, save_plan
from roundtable.testing import pdf_text

CODES = ("in_progress", "not_started", "joint_plan", "framework", "temporary", "shared")


def _plain(document) -> str:
    parts = [document.title, document.made_on]
    parts += [f"{k} {v}" for k, v in document.about]
    for section in document.sections:
        parts += [section.heading, section.intro]
        for block in section.blocks:
            parts += [block.title, block.meta, block.text, *block.items, *block.table_head]
            parts += [f"{k} {v}" for k, v in block.fields]
            parts += [cell for row in block.table for cell in row]
    return "\n".join(parts)


def _data(log_rows: int = 36):
    goal = {
        "id": "g1",
        "kind": "framework",
        "owner_sector": "shared",
        "text": "Back at the bakery four days a week.",
        "target_date": "2027-02-24",
        "status": "in_progress",
        "data_class": "joint_plan",
        "decisions": [],
    }
    version = {
        "version": 2,
        "published_at": "2026-12-02T06:19:00+00:00",
        "published_by": "Bob Berg",
        "plan": {
            "schema": 1,
            "review_on": "2027-01-13",
            "sections": [{"kind": "overall", "data_class": "joint_plan", "text": "Short days."}],
            "goals": [goal],
            "ramp": {
                "data_class": "joint_plan",
                "start": "2026-12-09",
                "weeks": [{"hours_per_day": "7.4", "days_per_week": 5, "note": ""}],
            },
        },
        "answers": [],
    }
    log = [
        {
            "when": f"2026-12-02T{8 + i % 3:02d}:00:00+00:00",
            "who": "Alice Andersen",
            "role": "Care manager",
            "organisation": "Region",
            "what": "looked at your record",
            "why": "",
            "outcome": "allowed",
        }
        for i in range(log_rows)
    ]
    log.append({**log[0], "who": "Mallory", "outcome": "denied", "what": "tried to read"})
    return {
        "generated_at": "2026-12-02T06:30:00+00:00",
        "citizen": {"id": "c1", "given_name": "Anna", "family_name": "Secretperson"},
        "courses": [
            {
                "id": "k1",
                "team": "Team Alpha",
                "status": "Active",
                "sections": {"joint_plan": [{**version, "version": 1}, version]},
            }
        ],
        "access_log": log,
    }


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_plan_is_in_words_without_codes_or_bookkeeping(language):
    with translation.override(language):
        text = _plain(export_document(_data(), own=True))
    for code in (*CODES, "Schema", "allowed", "g1"):
        assert code not in text
    if language == "da":
        assert "Din plan" in text and "Rammemål: tilbagevenden til arbejde" in text
        assert "7,4" in text and "2. december 2026 07:19" in text  # Danish, local time


def test_routine_looks_are_one_line_per_person_and_day_and_a_refusal_comes_first():
    with translation.override("en"):
        document = export_document(_data(log_rows=36), own=True)
    log = document.sections[-1]
    assert log.heading == "Who has looked at your record"
    refused, routine = log.blocks
    assert refused.title == "Refused or unusual" and "Mallory" in refused.items[0]
    assert len(routine.table) == 1  # 36 looks by Alice on one day
    assert routine.table[0][:2] == ["2 December 2026", "Alice Andersen"]


def test_a_professional_gets_no_access_log_and_a_title_naming_the_citizen():
    with translation.override("en"):
        document = export_document(_data(), own=False)
    assert document.title == "Data about Anna Secretperson"
    headings = [s.heading for s in document.sections]
    assert "Who has looked at your record" not in headings
    assert "Joint plan" in headings and not any(h.startswith("Your") for h in headings)


@pytest.mark.django_db
def test_a_danish_citizens_pdf_reads_as_a_document(client, login, cast):
    meeting, _decisions = held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    log_decision(cast.bob, schedule(cast.alice, cast.anna), title="Which tasks first?")
    cast.anna.user.language = "da"
    cast.anna.user.save()
    login(cast.anna)
    response = client.get(reverse("exports:pdf", args=[cast.anna.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    for heading in (
        "En kopi af dine oplysninger",
        "Din plan",
        "Dine møder og hvad der blev besluttet",
        "Datoer for din sygemelding",
        "Det, teamet har skrevet",
        "Hvem må se hvad",
        "Hvem har set dine oplysninger",
    ):
        assert heading in text
    for code in (*CODES, "Schema", "allowed"):
        assert not re.search(rf"\b{code}\b", text), code
    assert text.count("\n") < 400  # a few pages, not a raw dump
