"""The citizen's printout: a PDF with the goals, the ramp (chart and table) and the overall plan,
and never therapy detail or the care manager's section."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings.testing import actor_of
from roundtable.plans import selectors
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    EMPLOYMENT_SECTION,
    SHARED_GOAL,
    publish,
    save_plan,
)
from roundtable.testing import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cast):
    save_plan(cast.bob, cast.anna, sections={"employment_consultant": EMPLOYMENT_SECTION})
    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": "We start with short days.", "care_manager": CARE_MANAGER_SECTION},
    )
    return publish(cast.alice, cast.anna)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_citizens_pdf_holds_the_plan_but_not_the_care_managers_section(
    client, login, cast, published
):
    login(cast.anna)
    response = client.get(reverse("plans:my-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _flat(pdf_text(response.content))
    assert _flat(SHARED_GOAL) in text
    assert "We start with short days." in text
    assert "Bob calls the bakery" in text  # the work section is the citizen's to share
    assert "Hours a week" in text  # the ramp table
    assert "boundary-setting" not in text
    assert "panic diary" not in text
    assert AuditEvent.objects.filter(
        object_type="joint_plan_version", action="print", citizen_id=cast.anna.pk
    ).exists()


def test_the_printout_template_carries_the_chart_and_no_clinical_section(cast, published):
    record = selectors.version_get(
        actor=actor_of(cast.anna), citizen_id=cast.anna.pk, printable=True
    )
    html = render_to_string(
        "plans/plan_pdf.html",
        {"record": record, "chart": "data:image/svg+xml;base64,AAAA", "max_weekly": 37},
    )
    assert SHARED_GOAL in html
    assert 'src="data:image/svg+xml;base64,AAAA"' in html
    assert "boundary-setting" not in html
    assert {s["kind"] for s in record.snapshot["sections"]} == {"overall", "employment_consultant"}


def test_the_care_managers_printout_leaves_out_their_own_clinical_section_too(
    client, login, cast, published
):
    login(cast.alice)
    response = client.get(reverse("plans:pdf", args=[cast.anna.pk]))
    assert response.content.startswith(b"%PDF")
    text = _flat(pdf_text(response.content))
    assert _flat(SHARED_GOAL) in text
    assert "boundary-setting" not in text
    # The care manager may not read the work section under the default rules either.
    assert "Bob calls the bakery" not in text
