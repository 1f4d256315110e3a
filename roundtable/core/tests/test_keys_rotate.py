"""`roundtable keys rotate`: with a new key put first, every encrypted value — every
EncryptedTextField column of every model, and the two-factor secrets — is re-encrypted, so the
old key can be dropped; the raw columns change and never hold plain text; a second run changes
nothing; a value no key opens is left alone and reported."""

from io import StringIO

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from roundtable.citizens.models import Citizen
from roundtable.core.management.commands.keys import encrypted_columns
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import dispute, write

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
BODY = "Anna spoke about her sleep and her fear of the night shift."


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY 1")  # noqa: S608 (fixed names)
        return [row[0] for row in cursor.fetchall()]


def _raw_all() -> dict[str, list]:
    values = {
        f"{model._meta.db_table}.{f.column}": _raw(model._meta.db_table, f.column)
        for model, fields in encrypted_columns()
        for f in fields
    }
    values["mfa"] = [a.data for a in Authenticator.objects.order_by("pk")]
    return values


def _rotate(*args: str) -> str:
    out = StringIO()
    call_command("keys", "rotate", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def stored(cast):
    entry = write(cast.alice, cast.anna, "therapy_detail", BODY)
    dispute(cast.anna, entry, "That was about the day shift, not the night shift.")
    TOTP.activate(cast.alice.user, TOTP_SECRET)
    codes = RecoveryCodes.activate(cast.alice.user).generate_codes()
    return entry, codes


def test_encrypted_columns_are_found_through_the_app_registry():
    found = {
        f"{model._meta.label}.{f.name}" for model, fields in encrypted_columns() for f in fields
    }
    assert {
        "citizens.Citizen.national_id",
        "journal.JournalEntry.body",
        "journal.JournalDispute.statement",
        "journal.JournalAddendum.body",
    } <= found


def test_after_rotation_the_new_key_alone_reads_everything(cast, stored, settings):
    entry, codes = stored
    before = _raw_all()
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]

    output = _rotate()
    assert "journal.JournalEntry (body): 1 rotated" in output
    assert "citizens.Citizen (national_id): 2 rotated" in output
    assert "allauth.mfa Authenticator (secrets): 2 rotated" in output

    after = _raw_all()
    assert before["journal_journalentry.body"] and before["journal_journaldispute.statement"]
    assert [a["secret"] for a in before["mfa"] if "secret" in a] != [
        a["secret"] for a in after["mfa"] if "secret" in a
    ]
    for column, values in before.items():
        if column == "mfa":
            continue
        for old, new in zip(values, after[column], strict=True):
            if old:
                assert old != new
                assert new.startswith("gAAAAA")
    assert "night shift" not in str(after) and "010190" not in str(after)
    assert TOTP_SECRET not in str(after)

    # The old key is gone: everything still reads, with the new key alone.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert JournalEntry.objects.get(pk=entry.pk).body == BODY
    assert Citizen.objects.get(pk=cast.anna.pk).national_id == "010190-1234"
    totp = Authenticator.objects.get(user=cast.alice.user, type=Authenticator.Type.TOTP)
    assert get_adapter().decrypt(totp.data["secret"]) == TOTP_SECRET
    recovery = Authenticator.objects.get(user=cast.alice.user, type="recovery_codes")
    assert RecoveryCodes(recovery).generate_codes() == codes


def test_a_second_run_changes_nothing(cast, stored, settings):
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    _rotate()
    once = _raw_all()
    output = _rotate()
    assert "rotated" not in output.replace("Re-encrypting", "")
    assert _raw_all() == once


def test_dry_run_writes_nothing(cast, stored, settings):
    before = _raw_all()
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    output = _rotate("--dry-run")
    assert "dry run" in output and "rotated" in output
    assert _raw_all() == before


def test_small_batches_cover_every_row(cast, settings):
    for n in range(7):
        write(cast.alice, cast.anna, "meeting_minutes", f"Minutes {n}")
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    output = _rotate("--batch-size", "2")
    assert "journal.JournalEntry (body): 7 rotated" in output
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert sorted(e.body for e in JournalEntry.objects.all()) == [f"Minutes {n}" for n in range(7)]


def test_a_legacy_plaintext_totp_secret_is_encrypted(cast, settings):
    Authenticator.objects.create(
        user=cast.bob.user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    output = _rotate()
    assert "1 legacy plaintext encrypted" in output
    data = Authenticator.objects.get(user=cast.bob.user).data
    assert data["secret"].startswith("gAAAAA") and TOTP_SECRET not in data["secret"]
    assert get_adapter().decrypt(data["secret"]) == TOTP_SECRET


def test_a_value_no_key_opens_is_left_alone_and_reported(cast, settings):
    foreign = Fernet(Fernet.generate_key()).encrypt(b"written under a lost key").decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE citizens_citizen SET national_id = %s WHERE id = %s",
            [foreign, cast.bent.pk.hex if connection.vendor == "sqlite" else cast.bent.pk],
        )
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    with pytest.raises(CommandError, match="could not be decrypted"):
        _rotate()
    assert foreign in _raw("citizens_citizen", "national_id")
    # Everything else was still rotated.
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert Citizen.objects.get(pk=cast.anna.pk).national_id == "010190-1234"


def test_generate_prints_a_usable_key():
    out = StringIO()
    call_command("keys", "generate", stdout=out)
    Fernet(out.getvalue().strip().encode())
