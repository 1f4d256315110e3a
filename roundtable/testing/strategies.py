"""Hypothesis strategies shared by the policy tests: random actors over the test cast."""

from __future__ import annotations

import uuid

from hypothesis import strategies as st

from roundtable.accounts.actor import CITIZEN_ROLE, Actor
from roundtable.organisations.models import Role, Sector
from roundtable.testing import Cast


def actors(cast: Cast) -> st.SearchStrategy[Actor | None]:
    """Any role, sector and team set, on a real or unknown professional; citizens; nobody."""
    professionals = [cast.alice, cast.bob, cast.tina, cast.sam, cast.carol, cast.dave]
    team_ids = [cast.alpha.id, cast.beta.id, uuid.uuid4()]
    citizen_ids = [cast.anna.id, cast.bent.id, uuid.uuid4()]
    # Real organisations too, so rules that compare organisations (a manager's teams, a
    # reviewer's grants) are exercised, not only strangers.
    organisation_ids = [
        cast.region.id,
        cast.jobcentre_north.id,
        cast.jobcentre_south.id,
        uuid.uuid4(),
        None,
    ]
    professional_actor = st.builds(
        lambda p, role, sector, teams, organisation_id: Actor(
            user_id=uuid.uuid4(),
            username="x",
            role=role,
            sector=sector,
            organisation_id=organisation_id,
            professional_id=p.id if p is not None else None,
            team_ids=frozenset(teams),
        ),
        st.sampled_from([*professionals, None]),
        st.sampled_from(list(Role)),
        st.sampled_from(list(Sector)),
        st.sets(st.sampled_from(team_ids)),
        st.sampled_from(organisation_ids),
    )
    citizen_actor = st.builds(
        lambda cid: Actor(user_id=uuid.uuid4(), username="c", role=CITIZEN_ROLE, citizen_id=cid),
        st.sampled_from(citizen_ids),
    )
    return st.one_of(professional_actor, citizen_actor, st.none())
