import pytest
from django.db import DatabaseError, connection, transaction

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(cast):
    return audit_record(
        actor=actor_for_user(cast.alice.user),
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=cast.anna.id,
        citizen_id=cast.anna.id,
    )


def test_event_records_who_what_and_where(event, cast):
    assert event.actor_username == "alice.andersen"
    assert event.actor_role == "care_manager"
    assert event.organisation_id == cast.region.id
    assert event.chain == f"citizen:{cast.anna.id}"
    assert event.request_id  # a command gets its own id too
    assert event.occurred_at.tzinfo is not None


def test_the_database_refuses_to_change_an_event(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(outcome=AuditOutcome.DENIED)
    assert AuditEvent.objects.get(pk=event.pk).outcome == AuditOutcome.ALLOWED


def test_the_database_refuses_to_delete_an_event(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_cannot_change_an_event_either(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_username = 'someone else'")
    assert AuditEvent.objects.get(pk=event.pk).actor_username == "alice.andersen"


def test_the_model_refuses_to_save_over_an_event(event):
    event.outcome = AuditOutcome.DENIED
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_sign_in_and_sign_out_are_audited(client, cast, password):
    client.post("/accounts/login/", {"login": "alice.andersen", "password": password})
    client.post("/accounts/logout/")
    actions = list(
        AuditEvent.objects.filter(actor_username="alice.andersen").values_list("action", flat=True)
    )
    assert actions == ["login", "logout"]


def test_a_failed_sign_in_is_audited_without_the_password(client, cast):
    client.post("/accounts/login/", {"login": "alice.andersen", "password": "wrong-password-1"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.actor_username == "alice.andersen"
    assert "wrong-password-1" not in str(event.detail)


def test_caseload_listing_is_audited_with_a_count_and_no_names(client, login, cast):
    login(cast.alice)
    client.get("/citizens/", HTTP_X_REQUEST_ID="caseload-list-1")
    event = AuditEvent.objects.get(request_id="caseload-list-1")
    assert (event.action, event.detail["shown"]) == ("list", 1)
    assert "Anna" not in str(event.detail)
