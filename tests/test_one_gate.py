"""The one gate stays the only way to a citizen's record (STYLE.md 3, issue 9).

Views and API handlers never look a citizen or a course up themselves, and the per-app copies of
the gate that issue 9 removed (`_course_for`, `_course`, `_deny`, private `_audit` helpers, the
`Citizen.objects.filter(pk=…).exists()` probe) do not come back: the gate in
`roundtable/citizens/gate.py` decides, audits a refusal and answers 404 for forbidden and missing.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "roundtable"
SURFACES = ("views.py", "api.py")
LOOKUP = re.compile(r"\b(Citizen|Course)\.objects\.")
COPIES = re.compile(r"^def (_course_for\w*|_course|_deny\w*|_audit)\(", re.M)
PROBE = re.compile(r"Citizen\.objects\.filter\(pk=[^)]*\)\.exists\(\)")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "testing.py":
            continue
        yield path, path.read_text(encoding="utf-8")


def test_no_view_or_api_handler_looks_up_a_citizen_or_course_itself():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path, text in _sources()
        if path.name in SURFACES
        for match in LOOKUP.finditer(text)
    ]
    assert found == []


def test_no_copy_of_the_gate_helpers_remains():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path, text in _sources()
        for match in COPIES.finditer(text)
    ]
    assert found == []


def test_the_existence_probe_lives_only_in_the_gate():
    found = [
        str(path.relative_to(ROOT))
        for path, text in _sources()
        if PROBE.search(text) and path != ROOT / "citizens" / "gate.py"
    ]
    assert found == []
