"""Pages and the API read through selectors and write through services (STYLE.md 2-3)."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["views.py", "api.py", "forms.py"])
def test_no_orm_reads_or_saves_outside_selectors_and_services(module):
    tree = ast.parse((APP / module).read_text())
    offending = [
        f"{module}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "save", "delete", "create"}
    ]
    assert offending == []


def test_versions_are_never_changed_or_deleted(db, cast):
    from roundtable.consent.testing import directive_create

    directive = directive_create(cast.anna, [("permit", "sector", "health", ["vocational"])])
    with pytest.raises(RuntimeError):
        directive.save()
    with pytest.raises(RuntimeError):
        directive.delete()
    with pytest.raises(RuntimeError):
        directive.provisions.get().save()
