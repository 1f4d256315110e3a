"""The 25 items of the IPS Supported Employment Fidelity Scale (IPS-25), by section, with our own
short names (../shared/reference/instruments.md §1; the codes S1..SV14 are our own labels; the
names and order of the items marked [~] there follow the 2008/2015 form as commonly reproduced
and are to be checked against the official form before release).

Each item is rated 1-5 by each reviewer, then by consensus; the total is 25-125
(`roundtable.instruments.scoring.ips25`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FidelityItem:
    code: str
    section: str
    name: Promise


STAFFING = "staffing"
ORGANISATION = "organisation"
SERVICES = "services"
SECTION_NAMES: dict[str, Promise] = {
    STAFFING: _("Staffing"),
    ORGANISATION: _("Organisation"),
    SERVICES: _("Services"),
}

ITEMS: tuple[FidelityItem, ...] = (
    FidelityItem("S1", STAFFING, _("Caseload size")),
    FidelityItem("S2", STAFFING, _("Employment services staff")),
    FidelityItem("S3", STAFFING, _("Vocational generalists")),
    FidelityItem(
        "O1", ORGANISATION, _("Integration of rehabilitation with treatment: team assignment")
    ),
    FidelityItem(
        "O2", ORGANISATION, _("Integration of rehabilitation with treatment: frequent contact")
    ),
    FidelityItem("O3", ORGANISATION, _("Collaboration with vocational rehabilitation")),
    FidelityItem("O4", ORGANISATION, _("Vocational unit")),
    FidelityItem("O5", ORGANISATION, _("Role of the employment supervisor")),
    FidelityItem("O6", ORGANISATION, _("Zero exclusion criteria")),
    FidelityItem("O7", ORGANISATION, _("Agency focus on competitive employment")),
    FidelityItem("O8", ORGANISATION, _("Executive team support")),
    FidelityItem("SV1", SERVICES, _("Work incentives planning")),
    FidelityItem("SV2", SERVICES, _("Disclosure")),
    FidelityItem("SV3", SERVICES, _("Ongoing, work-based vocational assessment")),
    FidelityItem("SV4", SERVICES, _("Rapid search for a competitive job")),
    FidelityItem("SV5", SERVICES, _("Individualised job search")),
    FidelityItem("SV6", SERVICES, _("Job development: frequent employer contact")),
    FidelityItem("SV7", SERVICES, _("Job development: quality of employer contact")),
    FidelityItem("SV8", SERVICES, _("Diversity of job types")),
    FidelityItem("SV9", SERVICES, _("Diversity of employers")),
    FidelityItem("SV10", SERVICES, _("Competitive jobs")),
    FidelityItem("SV11", SERVICES, _("Individualised follow-along supports")),
    FidelityItem("SV12", SERVICES, _("Time-unlimited follow-along supports")),
    FidelityItem("SV13", SERVICES, _("Community-based services")),
    FidelityItem("SV14", SERVICES, _("Assertive engagement and outreach")),
)
CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
BY_CODE: dict[str, FidelityItem] = {item.code: item for item in ITEMS}
assert len(ITEMS) == 25
