"""The benchmark's in-process measurement still works (a smoke test, no timings asserted): at a
tiny scale it produces a row for every page, each with a positive cost, and its paths are the
pages the URL names point at."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bench.inprocess import choose_targets, measure
from bench.pages import FLOOR, KEYS, PAGES, select
from roundtable.demo.generate import generate


def test_the_page_paths_are_where_the_url_names_point():
    for page in PAGES:
        if page.url_name is None:
            continue
        args = ["00000000-0000-0000-0000-000000000001"] if "{" in page.path else []
        expected = reverse(page.url_name, args=args)
        assert page.path.format(citizen=args[0] if args else "", team=args[0] if args else "") == (
            expected
        )


def test_selecting_pages_keeps_the_floor_and_refuses_unknown_ones():
    assert [p.key for p in select("plan")] == [FLOOR, "plan"]
    assert [p.key for p in select("")] == list(KEYS)
    with pytest.raises(ValueError, match="unknown pages"):
        select("plan,nope")


@pytest.mark.django_db
def test_in_process_measurement_gives_every_page_a_positive_cost():
    generate(scale=60, today=timezone.localdate())
    targets = choose_targets()

    costs = measure(targets, pages=PAGES, requests=2, warmup=1, rounds=1)

    assert [c.key for c in costs] == list(KEYS)
    for cost in costs:
        assert cost.requests == 2
        assert cost.queries > 0
        assert cost.py_ms > 0
        assert cost.total_ms >= cost.py_ms
