"""Field encryption at rest with MultiFernet; keys are separate from SECRET_KEY.

Keys come from settings.FIELD_ENCRYPTION_KEYS, newest first: values are encrypted with the first
key and decrypted with any, so a key is rotated by prepending a new one and re-saving rows.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        # A wrong or missing key must fail loudly, never show ciphertext as if it were data.
        raise ValueError("cannot decrypt field: no configured key matches") from exc


def keyed_digest(value: str) -> str:
    """HMAC-SHA256 of a normalised value, for equality look-ups of encrypted fields."""
    normalised = "".join(value.split()).replace("-", "")
    key = settings.NATIONAL_ID_DIGEST_KEY.encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Not searchable or orderable in the database, by design."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt_text(value)
