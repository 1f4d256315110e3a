"""Symptom instruments the team monitors with (DOMAIN §2: "regular monitoring of symptoms"),
and the range each one's total score can take. Pure functions, no ORM.

Known instruments and their total-score ranges (all whole numbers):

- PHQ-9 0–27: Kroenke, Spitzer, Williams. The PHQ-9. J Gen Intern Med 2001;16:606–613.
- GAD-7 0–21: Spitzer, Kroenke, Williams, Löwe. Arch Intern Med 2006;166:1092–1097.
- WSAS 0–40: Mundt, Marks, Shear, Greist. The Work and Social Adjustment Scale.
  Br J Psychiatry 2002;180:461–464.
- BDI-II 0–63: Beck, Steer, Brown. Manual for the Beck Depression Inventory-II, 1996.
- BAI 0–63: Beck, Epstein, Brown, Steer. J Consult Clin Psychol 1988;56:893–897.
- PSS-10 0–40: Cohen, Williamson. Perceived stress in a probability sample of the United
  States, 1988 (the 10-item Perceived Stress Scale).
- WHO-5 0–25 (raw score): WHO Regional Office for Europe, Wellbeing Measures in Primary
  Health Care, 1998.

The IBBIS trials measured BDI-II, BAI, 4DSQ/PSS and WSAS at 6 months (reference/instruments.md
§8). Any other instrument may be recorded under its own name with a score of zero or more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

INSTRUMENT_MAX_LENGTH = 40
# Free instruments: a generous ceiling that still fits the column (max_digits=7, 2 decimals).
FREE_MAX = Decimal("99999.99")


@dataclass(frozen=True)
class Band:
    """A range of total scores (both ends included) and what it is called, e.g. PHQ-9 10–14
    "moderate". `level` runs from 0 (least trouble) upwards and picks the band's shade."""

    low: int
    high: int
    label: str | Promise
    level: int


@dataclass(frozen=True)
class Instrument:
    name: str
    minimum: int
    maximum: int
    bands: tuple[Band, ...] = ()
    higher_is_better: bool = False
    topic: str | Promise = ""  # what it measures, in plain words

    def band_of(self, score: float) -> Band | None:
        for band in self.bands:
            if band.low <= score < band.high + 1:
                return band
        return None


def _bands(*rows: tuple[int, int, str | Promise]) -> tuple[Band, ...]:
    return tuple(Band(low, high, label, level) for level, (low, high, label) in enumerate(rows))


# Cut-offs as published with each instrument (sources in the module docstring):
# - PHQ-9 5, 10, 15, 20 (Kroenke 2001, table 4); GAD-7 5, 10, 15 (Spitzer 2006);
# - WSAS below 10, 10–20, above 20 (Mundt 2002: "scores above 20 suggest moderately severe
#   or worse psychopathology", 10–20 significant functional impairment), in plain words as the
#   effect on work and daily life;
# - BDI-II 0–13, 14–19, 20–28, 29–63 (Beck 1996 manual); BAI 0–7, 8–15, 16–25, 26–63 (BAI
#   manual, Beck & Steer 1993);
# - WHO-5 raw score 0–25, higher is better: 13 or more is adequate well-being, below 13 poor,
#   7 or below suggests depression (WHO 1998; Topp et al. 2015, Psychother Psychosom 84:167).
# - PSS-10 has no cut-offs from its authors; 0–13 low, 14–26 moderate, 27–40 high are widely
#   used (UNVERIFIED: not from Cohen). Shown as a guide, never as a diagnosis.
_MILD, _MODERATE = gettext_lazy("mild"), gettext_lazy("moderate")
KNOWN_INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        "PHQ-9",
        0,
        27,
        _bands(
            (0, 4, gettext_lazy("minimal")),
            (5, 9, _MILD),
            (10, 14, _MODERATE),
            (15, 19, gettext_lazy("moderately severe")),
            (20, 27, gettext_lazy("severe")),
        ),
        topic=gettext_lazy("low mood"),
    ),
    Instrument(
        "GAD-7",
        0,
        21,
        _bands(
            (0, 4, gettext_lazy("minimal")),
            (5, 9, _MILD),
            (10, 14, _MODERATE),
            (15, 21, gettext_lazy("severe")),
        ),
        topic=gettext_lazy("worry and anxiety"),
    ),
    Instrument(
        "WSAS",
        0,
        40,
        _bands(
            (0, 9, gettext_lazy("small effect")),
            (10, 20, gettext_lazy("clear effect")),
            (21, 40, gettext_lazy("large effect")),
        ),
        topic=gettext_lazy("effect on work and daily life"),
    ),
    Instrument(
        "BDI-II",
        0,
        63,
        _bands(
            (0, 13, gettext_lazy("minimal")),
            (14, 19, _MILD),
            (20, 28, _MODERATE),
            (29, 63, gettext_lazy("severe")),
        ),
        topic=gettext_lazy("low mood"),
    ),
    Instrument(
        "BAI",
        0,
        63,
        _bands(
            (0, 7, gettext_lazy("minimal")),
            (8, 15, _MILD),
            (16, 25, _MODERATE),
            (26, 63, gettext_lazy("severe")),
        ),
        topic=gettext_lazy("anxiety"),
    ),
    Instrument(
        "PSS-10",
        0,
        40,
        _bands(
            (0, 13, gettext_lazy("low stress")),
            (14, 26, gettext_lazy("moderate stress")),
            (27, 40, gettext_lazy("high stress")),
        ),
        topic=gettext_lazy("stress"),
    ),
    Instrument(
        "WHO-5",
        0,
        25,
        (
            Band(13, 25, gettext_lazy("good well-being"), 0),
            Band(8, 12, gettext_lazy("poor well-being"), 1),
            Band(0, 7, gettext_lazy("very poor well-being"), 2),
        ),
        higher_is_better=True,
        topic=gettext_lazy("well-being"),
    ),
)


def _key(name: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", name.upper())


_BY_KEY = {_key(i.name): i for i in KNOWN_INSTRUMENTS}


def known_instrument(name: str) -> Instrument | None:
    """The known instrument however it is typed ("phq9", "PHQ 9", "PHQ-9"), else None."""
    return _BY_KEY.get(_key(name or ""))


def instrument_name(name: str) -> str:
    """The name to store: a known instrument's own spelling, else the name as typed, trimmed."""
    known = known_instrument(name)
    return known.name if known else " ".join((name or "").split())


def symptom_score_problems(name: str, score: Decimal | int | float | str | None) -> list[str]:
    """What is wrong with this instrument and score, in words a person can act on."""
    problems: list[str] = []
    stored = instrument_name(name)
    if not stored:
        problems.append(_("Name the instrument, for example PHQ-9."))
    elif len(stored) > INSTRUMENT_MAX_LENGTH:
        problems.append(
            ngettext(
                "Write the instrument's name in at most %(n)d character.",
                "Write the instrument's name in at most %(n)d characters.",
                INSTRUMENT_MAX_LENGTH,
            )
            % {"n": INSTRUMENT_MAX_LENGTH}
        )
    try:
        value = Decimal(str(score)) if score is not None and score != "" else None
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite():
        problems.append(_("Give the score as a number."))
        return problems
    known = known_instrument(name)
    if known is not None:
        if value != value.to_integral_value():
            problems.append(_("A %(name)s score is a whole number.") % {"name": known.name})
        elif not known.minimum <= value <= known.maximum:
            problems.append(
                _("A %(name)s score is between %(low)d and %(high)d.")
                % {"name": known.name, "low": known.minimum, "high": known.maximum}
            )
    elif value < 0:
        problems.append(_("A score cannot be negative."))
    elif value > FREE_MAX:
        problems.append(_("The score is too large."))
    elif value != value.quantize(Decimal("0.01")):
        problems.append(_("Give the score with at most two decimals."))
    return problems


def scale_maximum(name: str) -> int | None:
    known = known_instrument(name)
    return known.maximum if known else None
