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

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INSTRUMENT_MAX_LENGTH = 40
# Free instruments: a generous ceiling that still fits the column (max_digits=7, 2 decimals).
FREE_MAX = Decimal("99999.99")


@dataclass(frozen=True)
class Instrument:
    name: str
    minimum: int
    maximum: int


KNOWN_INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("PHQ-9", 0, 27),
    Instrument("GAD-7", 0, 21),
    Instrument("WSAS", 0, 40),
    Instrument("BDI-II", 0, 63),
    Instrument("BAI", 0, 63),
    Instrument("PSS-10", 0, 40),
    Instrument("WHO-5", 0, 25),
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
