"""The functional-capacity summary shown to other apps (the citizen page shows it to the
employment side in place of the diagnosis), filtered by the data classes the gate decided."""

import pytest
from django.http import Http404

from roundtable.audit.models import AuditEvent
from roundtable.audit.scope import read_scope
from roundtable.care.selectors import functional_capacity_summary
from roundtable.care.testing import CAPACITY, actor_of, fill_care
from roundtable.citizens.gate import course_access

pytestmark = pytest.mark.django_db


def capacity(who, cast):
    """Read through the gate, as a page does: the read is noted and written at the end."""
    with read_scope():
        access = course_access(
            actor=actor_of(who), citizen_id=cast.anna.id, purpose="test", note=False
        )
        return functional_capacity_summary(access)


def test_functional_capacity_is_shown_to_whoever_may_read_that_class(cast):
    fill_care(cast)
    assert capacity(cast.alice, cast) == CAPACITY
    assert capacity(cast.sam, cast) == CAPACITY
    # Without the citizen's consent, the employment side does not read it (consent decides).
    assert capacity(cast.bob, cast) is None
    assert AuditEvent.objects.filter(object_type="functional_capacity", action="read").count() == 2


def test_another_team_is_refused_at_the_gate(cast):
    fill_care(cast)
    for other in (cast.dave, cast.carol):
        with pytest.raises(Http404):
            capacity(other, cast)


def test_no_capacity_written_yet_is_none(cast):
    assert capacity(cast.alice, cast) is None
