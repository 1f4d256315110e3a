"""What crosses a sector without the citizen's permit: the defaults per jurisdiction.

The base policy everywhere is **deny**: nothing one sector produces is read by another sector
unless the citizen permits it in a consent directive. The exceptions below are the only ones, and
each names why it exists and its legal reference (../shared/reference/legislation.md; a
reference marked UNVERIFIED there is a deployment choice, never a hard-coded truth).

Each exception says which **sectors** read which **data classes** of a course they already
work on (the course policy decides *which* courses; this decides *what* of them):

- ``deniable=False`` — required by law or the sector's own record: a consent directive cannot take
  it away (an explicit deny of such a class is recorded and shown, but the law wins). Example:
  the jobcentre administers the sickness-benefit law and must keep its own benefit decisions
  and the follow-up of the case (Lov om sygedagpenge §§ 12, 13 b, 24, 27).
- ``deniable=True`` — a default the citizen may narrow with an explicit deny. Example: the meeting
  minutes and the joint plan are produced jointly at the roundtable meeting with the citizen
  present (DOMAIN §2, pathway steps 4–5), so both sectors of the team read them unless the
  citizen says no.

These defaults reproduce the issue-3 base (``roundtable.core.data_classes``): each sector reads
the classes it produces (HEALTH_CLASSES, EMPLOYMENT_CLASSES) plus the jointly produced classes
(JOINT_CLASSES); ``tests/test_defaults.py`` keeps the two in step.

A deployment overrides a jurisdiction's entry with the setting ``ROUNDTABLE_CONSENT_DEFAULTS``
(same shape as ``CONSENT_DEFAULTS``, keyed by jurisdiction; a key present there replaces the
built-in entry for that jurisdiction as a whole). Overrides are validated when read: an unknown
data class or sector raises ``ImproperlyConfigured`` rather than silently sharing less or more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from roundtable.core.data_classes import (
    ALL_CLASSES,
    EMPLOYMENT_CLASSES,
    HEALTH_CLASSES,
    JOINT_CLASSES,
)
from roundtable.organisations.models import Sector

ALL_SECTORS = tuple(Sector.values)

# The same in every jurisdiction: the health service's own record, and what is made together.
_HEALTH_OWN_RECORD_REF = "GDPR art. 9(2)(h); the health service's own record (no disclosure)"
_HEALTH_OWN_RECORD_REASON = _("The health service keeps its own record of the care it gives.")
_JOINT_RECORD_REASON = _(
    "You make these together with both of them at your meetings. You can say no."
)


def _nordic_defaults(
    code: str, *, employment_id: str, employment_ref: str, employment_reason: Any, joint_ref: str
) -> dict[str, Any]:
    """Deny by default; each sector keeps its own record (the employment side by law), and both
    sectors read what is made together unless the citizen says no."""
    return {
        "base_policy": "deny",
        "exceptions": (
            {
                "id": f"{code}.health_own_record",
                "sectors": (Sector.HEALTH,),
                "data_classes": tuple(sorted(HEALTH_CLASSES)),
                "deniable": False,
                "legal_ref": _HEALTH_OWN_RECORD_REF,
                "reason": _HEALTH_OWN_RECORD_REASON,
            },
            {
                "id": f"{code}.{employment_id}",
                "sectors": (Sector.EMPLOYMENT,),
                "data_classes": tuple(sorted(EMPLOYMENT_CLASSES)),
                "deniable": False,
                "legal_ref": employment_ref,
                "reason": employment_reason,
            },
            {
                "id": f"{code}.joint_record",
                "sectors": ALL_SECTORS,
                "data_classes": tuple(sorted(JOINT_CLASSES)),
                "deniable": True,
                "legal_ref": joint_ref,
                "reason": _JOINT_RECORD_REASON,
            },
        ),
    }


CONSENT_DEFAULTS: dict[str, dict[str, Any]] = {
    "dk": _nordic_defaults(
        "dk",
        employment_id="jobcentre_benefit_case",
        employment_ref=(
            "Lov om sygedagpenge § 12 (categories), § 13 b (follow-up), "
            "§ 24 (reassessment), § 27 stk. 1 (extension) — legislation.md 6a"
        ),
        employment_reason=_(
            "The jobcentre must follow up on your sick leave and decide on your "
            "sickness benefit. The law says so."
        ),
        joint_ref=(
            "Produced jointly with the citizen present (roundtable meeting, joint "
            "plan: DOMAIN §2 steps 4–5); follow-up talks § 13 b — legislation.md 6a"
        ),
    ),
    "se": _nordic_defaults(
        "se",
        employment_id="employment_case",
        employment_ref=(
            "Socialförsäkringsbalken (SFB) 27 kap. 46–49 §§ (rehabiliteringskedjan), "
            "30 kap. 6 § — legislation.md 6b"
        ),
        # In Sweden Försäkringskassan follows up and decides on sjukpenning, and it is not in
        # the team (legislation.md §6d); the employment specialist only keeps their own record.
        employment_reason=_(
            "The people who help you with work keep their own record of that help."
        ),
        joint_ref="Produced jointly with the citizen present (DOMAIN §2, §5)",
    ),
    "no": _nordic_defaults(
        "no",
        employment_id="nav_follow_up",
        employment_ref=(
            "Folketrygdloven § 8-7 a (dialogmøte 2), § 8-8 (aktivitetskrav), "
            "§ 8-12 (maximum period) — legislation.md 6c"
        ),
        employment_reason=_(
            "Nav must follow up on your sick leave and your sickness benefit. The law says so."
        ),
        joint_ref=(
            "Produced jointly with the service user present (responsibility group, "
            "collective journal: DOMAIN §4)"
        ),
    ),
}


@dataclass(frozen=True)
class LegalException:
    id: str
    sectors: frozenset[str]
    data_classes: frozenset[str]
    deniable: bool
    legal_ref: str
    reason: str


@dataclass(frozen=True)
class JurisdictionDefaults:
    jurisdiction: str
    base_policy: str
    exceptions: tuple[LegalException, ...]

    def fixed_for(self, sector: str) -> frozenset[str]:
        """Classes the sector reads whatever the directive says (law or own record)."""
        return frozenset().union(
            *(e.data_classes for e in self.exceptions if not e.deniable and sector in e.sectors)
        )

    def deniable_for(self, sector: str) -> frozenset[str]:
        """Classes the sector reads by default unless the citizen denies them."""
        fixed = self.fixed_for(sector)
        return (
            frozenset().union(
                *(e.data_classes for e in self.exceptions if e.deniable and sector in e.sectors)
            )
            - fixed
        )

    def default_for(self, sector: str) -> frozenset[str]:
        if self.base_policy == "permit":
            return ALL_CLASSES
        return self.fixed_for(sector) | self.deniable_for(sector)

    def exception_for(self, sector: str, data_class: str) -> LegalException | None:
        for exception in self.exceptions:
            if sector in exception.sectors and data_class in exception.data_classes:
                return exception
        return None


def _parse(jurisdiction: str, raw: Mapping[str, Any]) -> JurisdictionDefaults:
    base_policy = raw.get("base_policy", "deny")
    if base_policy not in ("deny", "permit"):
        raise ImproperlyConfigured(f"consent defaults {jurisdiction}: base_policy {base_policy!r}")
    exceptions = []
    for item in raw.get("exceptions", ()):
        classes = frozenset(str(c) for c in item["data_classes"])
        sectors = frozenset(str(s) for s in item["sectors"])
        if classes - ALL_CLASSES:
            raise ImproperlyConfigured(
                f"consent defaults {jurisdiction}: unknown data classes "
                f"{sorted(classes - ALL_CLASSES)}"
            )
        if sectors - set(ALL_SECTORS):
            raise ImproperlyConfigured(
                f"consent defaults {jurisdiction}: unknown sectors "
                f"{sorted(sectors - set(ALL_SECTORS))}"
            )
        if not str(item.get("legal_ref", "")).strip():
            raise ImproperlyConfigured(
                f"consent defaults {jurisdiction}: exception {item.get('id')} has no legal_ref"
            )
        exceptions.append(
            LegalException(
                id=str(item["id"]),
                sectors=sectors,
                data_classes=classes,
                deniable=bool(item.get("deniable", False)),
                legal_ref=str(item["legal_ref"]),
                reason=item.get("reason", ""),
            )
        )
    return JurisdictionDefaults(
        jurisdiction=jurisdiction, base_policy=base_policy, exceptions=tuple(exceptions)
    )


def consent_defaults(jurisdiction: str) -> JurisdictionDefaults:
    """The defaults in force for a jurisdiction, the deployment's override first.

    Read on every call (a dictionary look-up), so a changed setting applies to the next request.
    An unknown jurisdiction gets the strictest default: nothing crosses, each sector keeps only
    the classes it produces.
    """
    override = getattr(settings, "ROUNDTABLE_CONSENT_DEFAULTS", None) or {}
    raw = override.get(jurisdiction) or CONSENT_DEFAULTS.get(jurisdiction)
    if raw is None:
        raw = {
            "base_policy": "deny",
            "exceptions": [
                {
                    "id": f"{jurisdiction}.own_record",
                    "sectors": (sector,),
                    "data_classes": tuple(classes),
                    "deniable": False,
                    "legal_ref": "the sector's own record (no disclosure)",
                }
                for sector, classes in (
                    (Sector.HEALTH, HEALTH_CLASSES),
                    (Sector.EMPLOYMENT, EMPLOYMENT_CLASSES),
                )
            ],
        }
    return _parse(jurisdiction, raw)
