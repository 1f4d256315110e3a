import importlib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from roundtable.testing import PASSWORD, Cast, NordicCast, make_cast, make_nordic_cast

# Properties, not stopwatches: a machine busy with other work (CI runs the suite on every core)
# must not fail a property test for being slow to generate or run an example.
settings.register_profile("roundtable", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("roundtable")


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def nordic_cast(db) -> NordicCast:
    """A Swedish and a Norwegian team with a citizen each who signs in (opt-in)."""
    return make_nordic_cast()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def login(client):
    """Sign a test client in as a professional or citizen user."""

    def _login(who) -> None:
        user = getattr(who, "user", who)
        client.force_login(user)

    return _login


# The audit table refuses DELETE and TRUNCATE in the database itself (audit migration 0002), so
# the flush that ends every live-server (transactional) test would fail. Around that flush, and
# only then, the triggers are dropped and re-created with the migration's own code; while the
# test runs they are in place, as in production.
_append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")


def _audit_triggers_present() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass"
                " AND NOT tgisinternal AND tgname LIKE 'audit_event_no_%'"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'audit_auditevent' AND name LIKE 'audit_event_no_%'"
            )
        else:
            return False
        return cursor.fetchone()[0] > 0


def _audit_triggers(*, create: bool) -> None:
    from django.db import connection

    with connection.schema_editor() as editor:
        (_append_only.forward if create else _append_only.reverse)(None, editor)


_seed_meetings = importlib.import_module(
    "roundtable.meetings.migrations.0002_seed_typology_and_prompts"
)


def _reference_data_restore() -> None:
    """The flush also empties tables that data migrations filled (the decision typology, the
    default preparation questions, the treatment catalogue): put them back for the tests that
    follow."""
    from django.apps import apps

    if not apps.get_model("meetings", "DecisionType").objects.exists():
        _seed_meetings.seed(apps, None)
    from roundtable.care.testing import treatment_catalogue_ensure

    treatment_catalogue_ensure()


@pytest.fixture
def _audit_triggers_restored(django_db_setup, django_db_blocker) -> Iterator[dict]:
    state = {"dropped": False}
    yield state
    if state["dropped"]:
        from django.db import connection

        with django_db_blocker.unblock():
            _audit_triggers(create=True)
            assert _audit_triggers_present(), "the audit triggers were not re-created"
            _reference_data_restore()
            # Close it, as TransactionTestCase does after its flush. While Playwright runs, the
            # tests see a different contextvars context, so Django's per-context connection
            # opened here would be invisible to close_all() at the end of the session, and
            # PostgreSQL would refuse to drop the test database ("accessed by other users").
            connection.close()


@pytest.fixture
def transactional_db(_audit_triggers_restored, transactional_db) -> Iterator[None]:
    """pytest-django's transactional_db, with the audit triggers out of the way of its flush.

    Teardown order: this fixture drops the triggers, then pytest-django flushes the tables,
    then _audit_triggers_restored (set up first, so torn down last) re-creates them.
    """
    yield
    if _audit_triggers_present():
        _audit_triggers(create=False)
        _audit_triggers_restored["dropped"] = True


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the deployment's default language, whatever the test before it
    activated (Django keeps the active language per thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
