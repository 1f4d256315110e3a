"""Team shape: size and cross-sector working relationships (DOMAIN §2).

Pure functions over plain values, so they can be tested without a database. The studies found
that a team of 4 to 10 works, and that a care manager who works with many employment consultants
(up to 8 in the large IBBIS team) feels "us and them"; fixed dyads felt like "you and I".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

P = TypeVar("P", bound=Hashable)


def cross_sector_partners(
    pairs: Iterable[tuple[P, P]], sector_of: Mapping[P, str]
) -> dict[P, set[P]]:
    """For each professional, the colleagues in another sector they share work with.

    `pairs` are (professional, professional) working relationships: the care manager and the
    employment consultant of an open course, and the fixed dyads. Pairs within one sector, pairs
    with an unknown professional and a professional paired with themselves are ignored.
    """
    partners: dict[P, set[P]] = defaultdict(set)
    for a, b in pairs:
        if a == b or a not in sector_of or b not in sector_of:
            continue
        if sector_of[a] == sector_of[b]:
            continue
        partners[a].add(b)
        partners[b].add(a)
    return dict(partners)


@dataclass(frozen=True)
class ShapeWarnings:
    too_small: bool
    too_large: bool
    over_partnered: frozenset

    @property
    def any(self) -> bool:
        return self.too_small or self.too_large or bool(self.over_partnered)


def team_shape_warnings(
    *, core_size: int, size_range: tuple[int, int], partner_counts: Mapping, partner_limit: int
) -> ShapeWarnings:
    low, high = size_range
    return ShapeWarnings(
        too_small=core_size < low,
        too_large=core_size > high,
        over_partnered=frozenset(p for p, n in partner_counts.items() if n > partner_limit),
    )
