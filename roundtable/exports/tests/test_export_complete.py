"""The access export holds every kind of record — assessments, sessions, therapy notes, the
joint plan with its versions and answers, the journal with disputes, consent — for the citizen,
and for a professional exactly what consent lets them read: the employment consultant never
receives therapy detail or the health summary, in JSON or in the PDF (SECURITY.md 3, 22)."""

import json

import pytest
from django.urls import reverse

from roundtable.assessments.testing import fill_everything
from roundtable.care.testing import CAPACITY, HEALTH_SUMMARY, THERAPY_NOTE
from roundtable.journal.testing import dispute, write
from roundtable.plans.testing import publish, save_plan
from roundtable.testing import pdf_text
from roundtable.vocational.testing import VOCATIONAL_SUMMARY

pytestmark = pytest.mark.django_db

JOURNAL_THERAPY = "Anna spoke about her father's illness in session four."
JOURNAL_WORK = "Anna visited the bakery and met the new shift leader."


@pytest.fixture
def anna_everything(cast):
    fill_everything(cast)
    write(cast.alice, cast.anna, "therapy_detail", JOURNAL_THERAPY)
    entry = write(cast.bob, cast.anna, "vocational", JOURNAL_WORK)
    dispute(cast.anna, entry, "I did not meet the shift leader; I met the owner.")
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)


def _export(client, cast) -> tuple[dict, str]:
    data = json.loads(client.get(reverse("exports:json", args=[cast.anna.pk])).content)
    pdf = client.get(reverse("exports:pdf", args=[cast.anna.pk])).content
    return data, pdf_text(pdf)


def test_the_citizens_copy_holds_every_kind_of_record(client, login, cast, anna_everything):
    login(cast.anna)
    data, pdf = _export(client, cast)
    sections = data["courses"][0]["sections"]
    assert set(sections) >= {
        "joint_plan",
        "care",
        "vocational",
        "life_situation",
        "journal",
        "sick_leave",
        "consent",
    }
    text = json.dumps(data, ensure_ascii=False)
    for fact in (THERAPY_NOTE, HEALTH_SUMMARY, CAPACITY, VOCATIONAL_SUMMARY, JOURNAL_THERAPY):
        assert fact in text
    assert "I did not meet the shift leader" in text
    assert sections["joint_plan"][0]["version"] == 1
    assert "Therapy notes" in pdf and "What the team has written" in pdf and "Your plan" in pdf
    for fact in (THERAPY_NOTE, HEALTH_SUMMARY, JOURNAL_THERAPY):
        assert fact[:30] in pdf


def test_the_employment_consultant_never_receives_therapy_detail(
    client, login, cast, anna_everything
):
    login(cast.bob)
    data, pdf = _export(client, cast)
    text = json.dumps(data, ensure_ascii=False)
    for secret in (THERAPY_NOTE, HEALTH_SUMMARY, JOURNAL_THERAPY):
        assert secret not in text
        assert secret[:30] not in pdf
    assert VOCATIONAL_SUMMARY in text and JOURNAL_WORK in text
    assert "therapy_notes" not in data["courses"][0]["sections"].get("care", {})
