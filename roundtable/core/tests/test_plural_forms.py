"""Every count shown to a user goes through a plural form (issue 10, 12: "Only 1 of 12 sessions
are left"). A sweep of the templates and the code for a number followed by a plural noun in a
message that has no plural form, and the sentence that was wrong."""

import re
from pathlib import Path

from django.utils import translation

from roundtable.care.selectors import Budget

ROOT = Path(__file__).resolve().parents[2]
NOUNS = (
    "sessions|weeks|days|hours|entries|items|courses|people|decisions|options|goals|versions|"
    "times|meetings|answers|characters|minutes|months|years|colleagues|questions|citizens|"
    "members|requests|changes|notes|scores|steps|lines"
)
# A blocktranslate without `count` that puts a variable before a plural noun.
TEMPLATE_COUNT = re.compile(
    r"\{% blocktranslate (?![^%]*\bcount\b)[^%]*%\}(?:(?!endblocktranslate).)*?"
    r"\{\{ \w+ \}\} (?:\w+ )?(?:" + NOUNS + r")\b",
    re.S,
)
# gettext("… %(n)d sessions …") outside ngettext: a single string with a number and a plural.
CODE_COUNT = re.compile(
    r'(?<!n)(?:_|gettext|gettext_lazy)\(\s*"[^"]*%\(\w+\)d (?:\w+ )?(?:' + NOUNS + r")\b"
)
# Numbers that are never 1: decimals (hours) and lists of choices are not counts of things.
ALLOWED = ("%(choices)s minutes",)


def test_no_template_shows_a_count_without_a_plural_form():
    found = []
    for path in ROOT.glob("*/templates/**/*.html"):
        for match in TEMPLATE_COUNT.finditer(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)[:120]}")
    assert found == []


def test_no_code_shows_a_count_without_a_plural_form():
    found = []
    for path in ROOT.rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path) or "/demo/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for match in CODE_COUNT.finditer(text):
            if not any(allowed in match.group(0) for allowed in ALLOWED):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)[:120]}")
    assert found == []


def test_one_session_left_is_said_in_the_singular():
    with translation.override("en"):
        assert Budget(budget=12, used=11).warning == "Only 1 of 12 sessions is left."
        assert Budget(budget=12, used=10).warning == "Only 2 of 12 sessions are left."
