import pytest
from cryptography.fernet import Fernet
from django.db import connection

from roundtable.citizens.models import Citizen

pytestmark = pytest.mark.django_db


def _raw_national_id(citizen_id) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_id FROM citizens_citizen WHERE id = %s",
            [citizen_id.hex if connection.vendor == "sqlite" else citizen_id],
        )
        return cursor.fetchone()[0]


def test_national_id_is_encrypted_at_rest(cast):
    raw = _raw_national_id(cast.anna.id)
    assert "010190" not in raw
    assert Citizen.objects.get(pk=cast.anna.id).national_id == "010190-1234"


def test_a_new_key_still_reads_values_written_under_the_old_one(cast, settings):
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    assert Citizen.objects.get(pk=cast.anna.id).national_id == "010190-1234"


def test_without_the_right_key_nothing_is_shown_as_if_it_were_data(cast, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="cannot decrypt"):
        Citizen.objects.get(pk=cast.anna.id).national_id  # noqa: B018


def test_national_id_is_not_in_lists(client, login, cast):
    login(cast.alice)
    assert "010190" not in client.get("/citizens/").content.decode()
    assert "010190" not in client.get("/api/v1/citizens").content.decode()
    assert "010190" not in client.get(f"/api/v1/citizens/{cast.anna.id}").content.decode()


def test_national_id_is_shown_only_on_request_and_the_request_is_audited(client, login, cast):
    from roundtable.audit.models import AuditEvent

    login(cast.alice)
    page = client.get(f"/citizens/{cast.anna.id}/").content.decode()
    assert "010190" not in page
    assert "Show national id" in page
    revealed = client.get(
        f"/citizens/{cast.anna.id}/national-id/", HTTP_X_REQUEST_ID="reveal-12345"
    )
    assert "010190-1234" in revealed.content.decode()
    event = AuditEvent.objects.get(request_id="reveal-12345")
    assert (event.object_type, event.citizen_id) == ("national_id", cast.anna.id)


@pytest.mark.parametrize("url", ["/citizens/", "/api/v1/citizens", "overview"])
def test_lists_and_overview_never_load_the_national_id(client, login, cast, url):
    from django.test.utils import CaptureQueriesContext

    login(cast.alice)
    if url == "overview":
        url = f"/citizens/{cast.anna.id}/"
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert not [q for q in ctx.captured_queries if 'national_id"' in q["sql"]]
