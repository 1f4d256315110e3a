"""`roundtable keys generate` and `roundtable keys rotate`: the field encryption keys.

Rotating a key:

1. `roundtable keys generate` prints a new key.
2. Put it first in FIELD_ENCRYPTION_KEYS (comma-separated, newest first) on every app server,
   keeping the old keys after it, and restart: new writes use the new key, reads accept any.
3. `roundtable keys rotate` re-encrypts every stored value with the first key: every
   EncryptedTextField column of every model (found through the app registry, so a new model is
   covered without touching this file) and the two-factor secrets of allauth.mfa (TOTP secrets
   and recovery-code seeds, which roundtable.accounts.mfa.MFAAdapter encrypts with the same
   keys). It works in batches, one transaction each, and can be stopped and run again: values
   already under the first key are left alone, so a second run changes nothing.
4. When it reports nothing left under an old key, remove the old key from the setting.

A value that no configured key opens is never overwritten: it is counted, named on stderr and
the command exits 1, so a missing old key cannot turn data into garbage. A value stored in plain
text (a two-factor secret from before its adapter encrypted, a column from before it was
encrypted) is encrypted with the first key: a Fernet token always starts with "gAAAAA", which
neither a base32 TOTP secret nor a hex seed can.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction

from roundtable.core.fields import EncryptedTextField

# Every Fernet token starts with the version byte 0x80, which base64url-encodes to "gAAAAA".
# Base32 TOTP secrets (A-Z, 2-7) and hex seeds (0-9, a-f) can never start like that.
_TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (a format marker, not a secret)
# The secrets allauth.mfa keeps in an authenticator's `data`, encrypted through the adapter.
_MFA_SECRET_KEYS = ("secret", "seed")
_MFA_SECRET_LISTS = ("migrated_codes",)

CURRENT = "current"  # already encrypted with the first key: left alone
ROTATED = "rotated"  # encrypted with an older key: re-encrypted with the first
LEGACY = "legacy plaintext encrypted"
UNREADABLE = "unreadable (no configured key)"
CHANGED = "changed meanwhile (left for the next run)"


@dataclass
class Rotator:
    keys: list[str]
    primary: Fernet = field(init=False)
    all_keys: MultiFernet = field(init=False)

    def __post_init__(self) -> None:
        self.primary = Fernet(self.keys[0].encode())
        self.all_keys = MultiFernet([Fernet(k.encode()) for k in self.keys])

    def rotate(self, value: str) -> tuple[str, str]:
        """(what happened, the value to store)."""
        if not value.startswith(_TOKEN_PREFIX):
            # Not a token, so plain text that was stored before encryption: encrypt it.
            return LEGACY, self.primary.encrypt(value.encode("utf-8")).decode("ascii")
        token = value.encode("ascii")
        try:
            self.primary.decrypt(token)
            return CURRENT, value
        except InvalidToken:
            pass
        try:
            return ROTATED, self.all_keys.rotate(token).decode("ascii")
        except InvalidToken:
            return UNREADABLE, value


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Every concrete model with EncryptedTextField columns, found through the app registry."""
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        columns = [f for f in opts.concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            yield model, columns


class Command(BaseCommand):
    help = "Field encryption keys: generate a new key, or re-encrypt stored values with the first."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        subcommands.add_parser(
            "generate",
            help="Print a new key to put first in FIELD_ENCRYPTION_KEYS.",
            description="Print a new Fernet key. Nothing is stored.",
        )
        rotate = subcommands.add_parser(
            "rotate",
            help="Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS.",
            description=(
                "Re-encrypt every EncryptedTextField column and the two-factor secrets with the"
                " first key, in batches, one transaction each. Safe to stop and run again."
            ),
        )
        rotate.add_argument("--batch-size", type=int, default=500, metavar="N")
        rotate.add_argument(
            "--dry-run", action="store_true", help="Count what would change; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "generate":
            self.stdout.write(Fernet.generate_key().decode("ascii"))
        elif options["subcommand"] == "rotate":
            self.rotate(batch_size=max(1, options["batch_size"]), dry_run=options["dry_run"])

    # --- rotate --------------------------------------------------------------------------

    def rotate(self, *, batch_size: int, dry_run: bool) -> None:
        keys = list(settings.FIELD_ENCRYPTION_KEYS)
        if not keys:
            raise CommandError("FIELD_ENCRYPTION_KEYS is empty.")
        rotator = Rotator(keys)
        self.stdout.write(
            f"Re-encrypting with the first of {len(keys)} key(s)"
            + (" (dry run: nothing is written)" if dry_run else "")
            + "."
        )
        totals: Counter[str] = Counter()
        self.unreadable: list[str] = []
        for model, columns in encrypted_columns():
            counts = self._rotate_table(model, columns, rotator, batch_size, dry_run)
            self._report(f"{model._meta.label} ({', '.join(c.name for c in columns)})", counts)
            totals.update(counts)
        if apps.is_installed("allauth.mfa"):
            counts = self._rotate_mfa(rotator, batch_size, dry_run)
            self._report("allauth.mfa Authenticator (secrets)", counts)
            totals.update(counts)
        self._report("Total", totals)
        if totals[UNREADABLE]:
            for where in self.unreadable[:20]:
                self.stderr.write(f"unreadable: {where}")
            raise CommandError(
                f"{totals[UNREADABLE]} value(s) could not be decrypted with any configured key"
                " and were left as they are. Add the missing old key and run again."
            )

    def _report(self, label: str, counts: Counter[str]) -> None:
        order = (ROTATED, LEGACY, CURRENT, CHANGED, UNREADABLE)
        parts = [f"{counts[k]} {k}" for k in order if counts[k]] or ["nothing stored"]
        self.stdout.write(f"{label}: " + ", ".join(parts))

    def _rotate_table(
        self,
        model: type[models.Model],
        columns: list[EncryptedTextField],
        rotator: Rotator,
        batch_size: int,
        dry_run: bool,
    ) -> Counter[str]:
        """Raw SQL on purpose: the ORM would decrypt on read and encrypt again on save, and
        an update must not touch other columns (auto_now stamps, history)."""
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        names = [quote(c.column) for c in columns]
        select = (
            f"SELECT {pk}, {', '.join(names)} FROM {table}"  # noqa: S608 (quoted names)
            f" WHERE {{after}} ORDER BY {pk} LIMIT %s"
        )
        counts: Counter[str] = Counter()
        last: Any = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                if last is None:
                    cursor.execute(select.format(after="1 = 1"), [batch_size])
                else:
                    cursor.execute(select.format(after=f"{pk} > %s"), [last, batch_size])
                rows = cursor.fetchall()
                for row in rows:
                    self._rotate_row(cursor, model, table, pk, names, row, rotator, counts, dry_run)
            if len(rows) < batch_size:
                return counts
            last = rows[-1][0]

    def _rotate_row(
        self,
        cursor,
        model: type[models.Model],
        table: str,
        pk: str,
        names: list[str],
        row: tuple,
        rotator: Rotator,
        counts: Counter[str],
        dry_run: bool,
    ) -> None:
        changes: list[tuple[str, str, str]] = []  # (column, old, new)
        outcomes: list[str] = []
        for name, value in zip(names, row[1:], strict=True):
            if value is None or value == "":
                continue
            outcome, new = rotator.rotate(value)
            counts[outcome] += 1
            if outcome == UNREADABLE:
                self.unreadable.append(f"{model._meta.label} {row[0]} {name}")
            elif new != value:
                changes.append((name, value, new))
                outcomes.append(outcome)
        if not changes or dry_run:
            return
        # Compare-and-set: a row the application changed since it was read is left alone
        # (its new value is already under the first key, or the next run rotates it).
        sets = ", ".join(f"{name} = %s" for name, _old, _new in changes)
        guards = " AND ".join(f"{name} = %s" for name, _old, _new in changes)
        cursor.execute(
            f"UPDATE {table} SET {sets} WHERE {pk} = %s AND {guards}",  # noqa: S608 (quoted names)
            [new for _n, _o, new in changes] + [row[0]] + [old for _n, old, _new in changes],
        )
        if cursor.rowcount == 0:
            for outcome in outcomes:
                counts[CHANGED] += 1
                counts[outcome] -= 1

    def _rotate_mfa(self, rotator: Rotator, batch_size: int, dry_run: bool) -> Counter[str]:
        from allauth.mfa.models import Authenticator

        counts: Counter[str] = Counter()
        last: Any = None
        while True:
            with transaction.atomic():
                batch = Authenticator.objects.order_by("pk")
                if last is not None:
                    batch = batch.filter(pk__gt=last)
                authenticators = list(batch.select_for_update()[:batch_size])
                for authenticator in authenticators:
                    data, changed = self._rotate_mfa_data(authenticator, rotator, counts)
                    if changed and not dry_run:
                        Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
            if len(authenticators) < batch_size:
                return counts
            last = authenticators[-1].pk

    def _rotate_mfa_data(
        self, authenticator, rotator: Rotator, counts: Counter[str]
    ) -> tuple[dict, bool]:
        data = dict(authenticator.data or {})
        changed = False

        def one(value: Any, where: str) -> Any:
            nonlocal changed
            if not isinstance(value, str) or not value:
                return value
            outcome, new = rotator.rotate(value)
            counts[outcome] += 1
            if outcome == UNREADABLE:
                self.unreadable.append(f"mfa.Authenticator {authenticator.pk} {where}")
            changed = changed or new != value
            return new

        for key in _MFA_SECRET_KEYS:
            if key in data:
                data[key] = one(data[key], key)
        for key in _MFA_SECRET_LISTS:
            if isinstance(data.get(key), list):
                data[key] = [one(v, key) for v in data[key]]
        return data, changed
