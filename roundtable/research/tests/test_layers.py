"""Pages and the API read through selectors (STYLE.md 2-3): no manager query and no save() in
the views or API handlers of this app, and the pure core imports no Django model."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["views.py", "api.py"])
def test_no_orm_reads_or_saves_outside_selectors(module):
    tree = ast.parse((APP / module).read_text())
    offending = [
        f"{module}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "save", "delete", "create"}
    ]
    assert offending == []


def test_the_anonymising_core_does_not_touch_the_database_or_settings():
    tree = ast.parse((APP / "anonymise.py").read_text())
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(name.startswith(("django", "roundtable")) for name in imported)
