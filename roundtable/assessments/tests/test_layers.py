"""Pages and the API read through selectors and write through services (STYLE.md 2-3): no
manager query and no save() in the views, forms or API handlers of this app."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["views.py", "api.py"])
def test_no_orm_reads_or_saves_outside_selectors_and_services(module):
    tree = ast.parse((APP / module).read_text())
    offending = [
        f"{module}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"objects", "save", "delete", "create", "raw", "select_for_update"}
    ]
    assert offending == []
