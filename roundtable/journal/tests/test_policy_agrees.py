"""The journal's list filter and its one-entry check agree, for every reader of the cast and
entries of every class by both sectors, disputed or not (STYLE.md 4)."""

import pytest

from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import EMPLOYMENT_CLASSES, HEALTH_CLASSES, JOINT_CLASSES
from roundtable.journal.models import JournalEntry
from roundtable.journal.policies import JournalPolicy, open_dispute_exists
from roundtable.journal.testing import actor_of, dispute, write

pytestmark = pytest.mark.django_db

READERS = ("alice", "bob", "tina", "sam", "carol", "dave", "mona", "adam", "anna")


def test_queryset_and_allows_agree(cast):
    for n, data_class in enumerate(sorted(HEALTH_CLASSES | JOINT_CLASSES)):
        entry = write(cast.alice, cast.anna, data_class, f"Health note {n}")
        if n % 2:
            dispute(cast.anna, entry, "Wrong")
    for n, data_class in enumerate(sorted(EMPLOYMENT_CLASSES | JOINT_CLASSES)):
        entry = write(cast.bob, cast.anna, data_class, f"Work note {n}")
        if n % 2 == 0:
            dispute(cast.anna, entry, "Wrong")
    write(cast.carol, cast.bent, "meeting_minutes", "Bent's minutes")
    entries = list(
        JournalEntry.objects.annotate(open_dispute=open_dispute_exists()).select_related("course")
    )
    for name in READERS:
        actor = actor_of(getattr(cast, name))
        listed = set(JournalPolicy.queryset(actor).values_list("pk", flat=True))
        allowed = {
            e.pk
            for e in entries
            if JournalPolicy.allows(
                actor,
                e,
                classes=visible_data_classes(actor, e.course),
                disputed=e.open_dispute,
            )
        }
        assert listed == allowed, name
    # And the rules themselves: a disputed entry stays in its author's organisation.
    bob_sees = JournalPolicy.queryset(actor_of(cast.bob))
    assert not bob_sees.filter(author=cast.alice, open_dispute=True).exists()
    assert bob_sees.filter(author=cast.bob, open_dispute=True).exists()
    assert not bob_sees.filter(data_class="therapy_detail").exists()
