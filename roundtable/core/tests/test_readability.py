"""LIX, worked by hand (Björnsson's formula: words / sentences + 100 × long words / words)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.core.readability import lix, lix_counts, visible_text


def test_a_worked_swedish_example():
    # 6 words, 2 sentences, 1 word of more than six letters ("springer"):
    # 6 / 2 + 100 × 1 / 6 = 3 + 16.67
    text = "Katten sitter på mattan. Hunden springer."
    assert lix_counts(text) == (lix_counts(text).__class__(words=6, sentences=2, long_words=1))
    assert lix(text) == pytest.approx(19.67, abs=0.01)


def test_a_worked_danish_example_with_a_colon_and_a_question():
    # "Hvornår: i morgen. Kommer du?" — 5 words, 3 sentences, 1 long word ("Hvornår" has 7
    # letters): 5 / 3 + 100 × 1 / 5 = 1.67 + 20
    assert lix("Hvornår: i morgen. Kommer du?") == pytest.approx(21.67, abs=0.01)


def test_six_letters_is_not_long_and_seven_is():
    assert lix_counts("abcdef").long_words == 0
    assert lix_counts("abcdefg").long_words == 1
    # Hyphens do not count as letters; numbers are not words.
    assert lix_counts("Nav-veileder 2026").words == 1
    assert lix_counts("Nav-veileder").long_words == 1


def test_each_line_is_a_sentence_of_its_own():
    assert lix_counts("Your plan\nSee your plan").sentences == 2
    assert lix_counts("").score == 0


def test_the_visible_text_leaves_out_scripts_and_the_language_menu_and_keeps_blocks_apart():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Hello</h1>"
        "<select><option>English</option><option>Dansk</option></select>"
        "<p>One <a href='#'>two</a>.</p><ul><li>Three</li><li>Four</li></ul>"
        "<script>var x;</script></body></html>"
    )
    assert visible_text(html) == "Hello\nOne two.\nThree\nFour"


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "ccccccc", "dddddddddd"]), min_size=1, max_size=40))
def test_more_long_words_never_lowers_the_score(words):
    text = " ".join(words) + "."
    longer = " ".join(w if len(w) > 6 else "x" * 12 for w in words) + "."
    assert lix(longer) >= lix(text)
    assert 0 < lix(text) <= len(words) + 100
