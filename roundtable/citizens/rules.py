"""Object permissions for django-rules, delegating to the policies so there is one truth."""

import rules

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import Citizen
from roundtable.citizens.policies import CitizenPolicy


@rules.predicate
def can_view_citizen(user, citizen: Citizen | None) -> bool:
    if citizen is None:
        return False
    return CitizenPolicy.allows(actor_for_user(user), citizen, list(citizen.courses.all()))


rules.add_perm("citizens.view_citizen", can_view_citizen)
