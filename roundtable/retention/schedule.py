"""How long each data class is kept after a course ends, per jurisdiction (SECURITY.md 25).

The schedule is data with defaults in code. Every rule names its legal reference as text. The
references marked UNVERIFIED have not been checked against the law in force: they are deployment
parameters, not hard-coded truths. Set the right values with the setting ``ROUNDTABLE_RETENTION``:

    ROUNDTABLE_RETENTION = {
        "dk": {"vocational": {"years": 7, "legal_ref": "Municipal archive rules, 2026"}},
    }

An override replaces single rules (jurisdiction, data class); the rest keep their defaults.
``"years": None`` means "never deleted by the job" (for example where the law says the record is
handed over to a public archive). An unknown jurisdiction or data class raises
``ImproperlyConfigured`` when read, so a typo never deletes more (or less) than intended.

Anchor: the schedule counts from the end of the course. A course has no end-date column, so the
job uses the latest of the course's ``updated_at`` and every date on its records (see
``roundtable.retention.selectors.course_end_date``). For health records that is the date of the
last entry, which is what the Danish rule counts from.

Meeting minutes, the joint plan and contact details are produced by both sectors: each
jurisdiction keeps them for the longer of the two sectors' periods (``_joint``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from roundtable.core.data_classes import (
    ALL_CLASSES,
    EMPLOYMENT_CLASSES,
    HEALTH_CLASSES,
    JOINT_CLASSES,
)
from roundtable.organisations.models import Jurisdiction


@dataclass(frozen=True)
class RetentionRule:
    """Keep the class for `years` whole years after the course ends (None: never delete)."""

    years: int | None
    legal_ref: str
    verified: bool = False


# {jurisdiction: {data class: rule}}
Schedule = Mapping[str, Mapping[str, RetentionRule]]


def _joint(health: RetentionRule, employment: RetentionRule) -> RetentionRule:
    """The longer of the two sectors' rules (None, "never", is the longest)."""
    if health.years is None or employment.years is None:
        years = None
    else:
        years = max(health.years, employment.years)
    return RetentionRule(
        years=years,
        legal_ref=f"Jointly produced: the longer of the two sectors ({health.legal_ref}; "
        f"{employment.legal_ref})",
        verified=health.verified and employment.verified,
    )


def _jurisdiction(health: RetentionRule, employment: RetentionRule) -> dict[str, RetentionRule]:
    rules: dict[str, RetentionRule] = {}
    for data_class in HEALTH_CLASSES:
        rules[str(data_class)] = health
    for data_class in EMPLOYMENT_CLASSES:
        rules[str(data_class)] = employment
    for data_class in JOINT_CLASSES:
        rules[str(data_class)] = _joint(health, employment)
    return rules


DEFAULT_SCHEDULE: dict[str, dict[str, RetentionRule]] = {
    "dk": _jurisdiction(
        RetentionRule(
            10,
            "Journalføringsbekendtgørelsen § 15: patient records are kept at least 10 years "
            "after the last entry (UNVERIFIED)",
        ),
        RetentionRule(
            5,
            "Jobcentre case files: the municipal archive rules (arkivloven, Rigsarkivets "
            "bevaringsbestemmelser), 5 years after the case closes (UNVERIFIED)",
        ),
    ),
    "se": _jurisdiction(
        RetentionRule(
            10,
            "Patientdatalagen 3 kap. 17 §: at least 10 years after the last entry (UNVERIFIED)",
        ),
        RetentionRule(
            5,
            "Arbetsförmedlingen / Försäkringskassan case files: archive rules, 5 years "
            "(UNVERIFIED)",
        ),
    ),
    "no": _jurisdiction(
        RetentionRule(
            None,
            "Pasientjournalloven / journalforskriften: health records are kept and handed to "
            "the archive, not deleted by this job (UNVERIFIED)",
        ),
        RetentionRule(
            5,
            "NAV case files: archive rules, 5 years (UNVERIFIED)",
        ),
    ),
}


def _rule_from(raw: Any, where: str) -> RetentionRule:
    if isinstance(raw, RetentionRule):
        return raw
    if not isinstance(raw, Mapping) or "years" not in raw or "legal_ref" not in raw:
        raise ImproperlyConfigured(f"ROUNDTABLE_RETENTION[{where}] needs 'years' and 'legal_ref'")
    years = raw["years"]
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or years < 0):
        raise ImproperlyConfigured(
            f"ROUNDTABLE_RETENTION[{where}]['years'] must be a whole number ≥ 0 or None"
        )
    return RetentionRule(
        years=years, legal_ref=str(raw["legal_ref"]), verified=bool(raw.get("verified", False))
    )


def retention_schedule(override: Mapping[str, Any] | None = None) -> Schedule:
    """The defaults with the deployment's overrides (the setting, unless `override` is given)."""
    if override is None:
        override = getattr(settings, "ROUNDTABLE_RETENTION", {}) or {}
    result = {j: dict(rules) for j, rules in DEFAULT_SCHEDULE.items()}
    for jurisdiction, rules in override.items():
        if jurisdiction not in Jurisdiction.values:
            raise ImproperlyConfigured(
                f"ROUNDTABLE_RETENTION: unknown jurisdiction {jurisdiction!r}"
            )
        for data_class, raw in rules.items():
            if data_class not in ALL_CLASSES:
                raise ImproperlyConfigured(
                    f"ROUNDTABLE_RETENTION[{jurisdiction!r}]: unknown data class {data_class!r}"
                )
            result.setdefault(jurisdiction, {})[data_class] = _rule_from(
                raw, f"{jurisdiction!r}][{data_class!r}"
            )
    return result


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_day_kept(course_end: dt.date, rule: RetentionRule) -> dt.date | None:
    """The last day the class is kept: the anniversary of the course's end (None: for ever)."""
    if rule.years is None:
        return None
    return add_years(course_end, rule.years)


def due_for_deletion(
    course_end: dt.date,
    data_class: str,
    jurisdiction: str,
    today: dt.date,
    params: Schedule,
    *,
    held: bool = False,
) -> bool:
    """Whether the records of `data_class` of a course that ended on `course_end` are to be
    deleted on `today`.

    Pure. Kept through the anniversary; due from the day after. A legal hold always wins; a
    class or jurisdiction without a rule is never due (the job fails safe: it keeps).
    """
    if held:
        return False
    rule = params.get(jurisdiction, {}).get(str(data_class))
    if rule is None:
        return False
    last = last_day_kept(course_end, rule)
    return last is not None and today > last
