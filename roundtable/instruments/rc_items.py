"""Relational coordination: the seven dimensions in our own paraphrased wording, the answer scale
and the default work groups (issue 12 §4; ../shared/reference/instruments.md §5).

The official survey items are licensed (Relational Coordination Analytics; Brandeis end-user
licences) and are NOT shipped: the sentences below are Roundtable's own, each asking about the
other group's behaviour as the official items do. An organisation holding a licence loads its own
text into a round (`RcRound.item_texts`). `reverse` stays False for every default item: the
problem-solving item is worded so that 5 is the good end (whether an official version needs
reversal is UNVERIFIED).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.organisations.models import Role


@dataclass(frozen=True)
class Dimension:
    key: str
    domain: str  # "communication" or "relationship"
    text: Promise | str
    reverse: bool = False


DIMENSIONS = (
    Dimension(
        "frequent",
        "communication",
        _("They keep in touch with me often enough about the work we share."),
    ),
    Dimension("timely", "communication", _("They tell me things in time, when I need to know.")),
    Dimension("accurate", "communication", _("What they tell me is correct.")),
    Dimension(
        "problem_solving",
        "communication",
        _("When something goes wrong, they work with me to solve it instead of blaming others."),
    ),
    Dimension("shared_goals", "relationship", _("They want the same from our work as I do.")),
    Dimension("shared_knowledge", "relationship", _("They know what my job involves.")),
    Dimension("mutual_respect", "relationship", _("They value and respect the work I do.")),
)

SCALE = (
    (1, _("Hardly ever")),
    (2, _("Rarely")),
    (3, _("Sometimes")),
    (4, _("Often")),
    (5, _("Almost always")),
)

# The default work groups of a round: the key, the roles whose members belong to it. The label is
# the jurisdiction's word (organisations.terms) at display time, never stored.
DEFAULT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("care_manager", (Role.CARE_MANAGER,)),
    ("employment", (Role.EMPLOYMENT_CONSULTANT, Role.EMPLOYMENT_SPECIALIST)),
    ("team_leader", (Role.TEAM_LEADER,)),
    ("supervisor", (Role.SUPERVISOR,)),
)


def default_groups() -> list[dict[str, object]]:
    """The groups as a round stores them: ``{"key", "label" ("" = the term), "roles"}``."""
    return [
        {"key": key, "label": "", "roles": [str(r) for r in roles]} for key, roles in DEFAULT_GROUPS
    ]
