"""The pages the benchmark measures, shared by the in-process and the gunicorn runs.

Plain data without Django, so that the load generator can use it without setting Django up;
`tests/test_bench.py` checks that each path is what the URL name resolves to.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    # str.format template; {citizen} and {team} come from the targets.
    path: str
    # The URL name the path belongs to (None for the API, which ninja routes itself).
    url_name: str | None
    api: bool = False

    @property
    def per_citizen(self) -> bool:
        return "{citizen}" in self.path

    def paths(self, *, citizen_ids: list[str], team_id: str) -> list[str]:
        """Every path to rotate over: one per citizen for a citizen's page, else one."""
        if self.per_citizen:
            return [self.path.format(citizen=c, team=team_id) for c in citizen_ids]
        return [self.path.format(team=team_id)]


FLOOR = "floor"
PAGES: tuple[Page, ...] = (
    Page(FLOOR, "floor", "/floor/", "core:floor"),
    Page("caseload", "caseload", "/citizens/", "workspace:caseload"),
    Page("citizen", "citizen page", "/citizens/{citizen}/", "workspace:citizen"),
    Page("plan", "plan page", "/citizens/{citizen}/plan/", "plans:detail"),
    Page("journal", "journal page", "/citizens/{citizen}/journal/", "journal:journal"),
    Page("deadlines", "my deadlines", "/deadlines/", "sickleave:deadlines"),
    Page("team", "team page", "/teams/{team}/", "workspace:team"),
    Page("api-list", "API list", "/api/v1/citizens", None, api=True),
    Page("api-detail", "API detail", "/api/v1/citizens/{citizen}", None, api=True),
    Page(
        "fhir-everything",
        "FHIR $everything",
        "/fhir/R4/Patient/{citizen}/$everything",
        "fhir:everything",
        api=True,
    ),
)
KEYS = tuple(p.key for p in PAGES)


def select(only: str) -> tuple[Page, ...]:
    """The pages named in a comma-separated list (all if empty); the floor always comes along,
    since every other figure is a ratio to it."""
    wanted = {k.strip() for k in only.split(",") if k.strip()}
    unknown = wanted - set(KEYS)
    if unknown:
        raise ValueError(f"unknown pages {sorted(unknown)}; choose from {', '.join(KEYS)}")
    return tuple(p for p in PAGES if not wanted or p.key in wanted or p.key == FLOOR)
