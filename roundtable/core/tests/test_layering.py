"""Views and API handlers never touch the ORM themselves (STYLE.md 2–3): reads go through the
access-checked selectors, writes through the services, so no page can skip a check or an audit
event. This test fails as soon as one does."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EDGE_FILES = sorted(
    p for p in ROOT.glob("*/*.py") if p.name in ("views.py", "api.py", "forms.py", "access_log.py")
)
FORBIDDEN = re.compile(r"\.objects\b|\.save\(|\.delete\(\)|\.raw\(|connection\.cursor")


@pytest.mark.parametrize("path", EDGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_edge_code_does_not_query_or_save_models_directly(path):
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if FORBIDDEN.search(line) and not line.lstrip().startswith("#")
    ]
    # Forms may build choice lists from configuration (teams, professionals), never citizens.
    if path.name == "forms.py":
        offending = [line for line in offending if "Citizen" in line or "Course" in line]
    assert offending == []


def test_there_is_edge_code_to_check():
    assert len(EDGE_FILES) >= 8
