"""Test helpers for the assessments overview, shared by the tests of several apps."""

from __future__ import annotations

from roundtable.care.testing import fill_care
from roundtable.lifesituation.testing import fill_life_situation
from roundtable.vocational.testing import fill_vocational


def fill_everything(cast, *, ips: bool = True) -> None:
    """Anna's course with every kind of record of care, work and life situation, written by
    the right people (see each app's testing module for the texts)."""
    fill_care(cast)
    fill_vocational(cast, ips=ips)
    fill_life_situation(cast)
