"""The functional-capacity summary shown to other apps (the citizen page shows it to the
employment side in place of the diagnosis), filtered by the reader's data classes."""

import pytest

from roundtable.audit.models import AuditEvent
from roundtable.care.selectors import functional_capacity_for_course
from roundtable.care.testing import CAPACITY, actor_of, fill_care

pytestmark = pytest.mark.django_db


def test_functional_capacity_is_shown_to_whoever_may_read_that_class(cast):
    fill_care(cast)
    assert functional_capacity_for_course(actor_of(cast.alice), cast.anna_course) == CAPACITY
    assert functional_capacity_for_course(actor_of(cast.sam), cast.anna_course) == CAPACITY
    # Without the citizen's consent, the employment side does not read it (consent decides).
    assert functional_capacity_for_course(actor_of(cast.bob), cast.anna_course) is None
    assert AuditEvent.objects.filter(object_type="functional_capacity", action="read").count() == 2


def test_another_team_gets_no_capacity(cast):
    fill_care(cast)
    assert functional_capacity_for_course(actor_of(cast.dave), cast.anna_course) is None
    assert functional_capacity_for_course(actor_of(cast.carol), cast.anna_course) is None


def test_no_capacity_written_yet_is_none(cast):
    assert functional_capacity_for_course(actor_of(cast.alice), cast.anna_course) is None
