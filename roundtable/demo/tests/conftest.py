"""The demo takes half a minute to load through the services, so each test module loads it
once (`demo_module`) inside a transaction that is rolled back at the end of the module; each
test still runs in its own savepoint (`db`), so one test's writes do not reach the next."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from roundtable.demo.setting import DemoSetting, demo_load

DEMO_TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_load(today=DEMO_TODAY)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_module, db) -> DemoSetting:
    return demo_module
