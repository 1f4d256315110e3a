"""The demo's words, one module per language, as the professionals of each country would write
them: Danish for the Danish teams (`da`), Swedish for the Swedish team (`sv`), Norwegian Bokmål
for the Norwegian team (`nb`). The modules share their names (the Swedish one adds the IPS
career profile and job-search plan, the Danish and Norwegian ones the life-situation mapping);
`texts(jurisdiction)` picks one.

All of it is synthetic: no sentence describes a real person. `{name}` is the citizen's given
name; `{number}` a plan version.
"""

from __future__ import annotations

from types import ModuleType

from . import da, nb, sv

BY_JURISDICTION: dict[str, ModuleType] = {"dk": da, "se": sv, "no": nb}
# The language a citizen of each jurisdiction reads, for their login.
LANGUAGE = {"dk": "da", "se": "sv", "no": "nb"}


def texts(jurisdiction: str) -> ModuleType:
    """The demo's texts for a team of this jurisdiction."""
    return BY_JURISDICTION[str(jurisdiction)]
