"""Fast inserts of many rows for the generator: plain dicts in, COPY (PostgreSQL) or executemany
(SQLite) out.

bulk_create builds a model instance per row and prepares every value through the field, which
costs about 100 µs a row here; millions of content rows need less. The columns, defaults and
conversions still come from the models themselves (`_meta.concrete_fields`, `get_default`,
`auto_now`), so a field added to a model is filled here as bulk_create would fill it:

- a value not given gets the field's default (`uuid4`, `timezone.now`, a constant) and
  `auto_now`/`auto_now_add` fields get the time of the flush;
- on SQLite every value goes through the field's own `get_db_prep_save`, as bulk_create does;
- on PostgreSQL, where psycopg adapts UUIDs, dates, decimals and booleans itself, only the fields
  that need it are converted: encrypted text is encrypted (`EncryptedTextField.get_prep_value`,
  the same Fernet token a save writes), JSON goes through the field, choices become plain text.

Like bulk_create this sends no signals and writes no audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from roundtable.core.fields import EncryptedTextField

Row = dict[str, Any]


def _plain_text(value: Any) -> Any:
    # TextChoices members are str subclasses; psycopg would look at their Enum side.
    return value if value is None or type(value) is str else str(value)


class Table:
    """The rows of one model waiting to be inserted."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and isinstance(f, AutoFieldMixin))
        ]
        self.attnames = frozenset(f.attname for f in self.fields)
        self.pk = model._meta.pk
        self.rows: list[Row] = []

    def add(self, values: Row) -> Row:
        unknown = values.keys() - self.attnames
        if unknown:
            raise TypeError(f"{self.model.__name__} has no column for {sorted(unknown)}")
        if self.pk.attname in self.attnames and values.get(self.pk.attname) is None:
            values[self.pk.attname] = self.pk.get_default()
        self.rows.append(values)
        return values

    def _converters(self) -> list[Callable[[Any], Any]]:
        if connection.vendor != "postgresql":
            return [
                (lambda v, f=f: f.get_db_prep_save(v, connection))  # type: ignore[misc]
                for f in self.fields
            ]
        converters: list[Callable[[Any], Any]] = []
        for f in self.fields:
            if isinstance(f, EncryptedTextField):
                converters.append(f.get_prep_value)
            elif isinstance(f, models.JSONField):
                converters.append(lambda v, f=f: f.get_db_prep_save(v, connection))  # type: ignore[misc]
            elif isinstance(f, models.CharField | models.TextField):
                converters.append(_plain_text)
            else:
                converters.append(_same)
        return converters

    def _defaults(self, now: dt.datetime) -> list[Callable[[], Any]]:
        defaults: list[Callable[[], Any]] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now if isinstance(f, models.DateTimeField) else now.date()
                defaults.append(lambda value=value: value)  # type: ignore[misc]
            elif f.has_default() and callable(f.default):
                defaults.append(f.get_default)
            else:
                constant = f.get_default()
                defaults.append(lambda constant=constant: constant)  # type: ignore[misc]
        return defaults

    def tuples(self) -> Iterable[tuple]:
        now = timezone.now()
        names = [f.attname for f in self.fields]
        plan = list(zip(names, self._defaults(now), self._converters(), strict=True))
        for row in self.rows:
            yield tuple(
                convert(row[name] if name in row else default()) for name, default, convert in plan
            )

    def flush(self, batch_size: int) -> int:
        """Insert the rows waiting, return how many."""
        count = len(self.rows)
        if not count:
            return 0
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in self.tuples():
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                # Names come from the model's meta, quoted; the values are parameters.
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                batch: list[tuple] = []
                for values in self.tuples():
                    batch.append(values)
                    if len(batch) >= batch_size:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        self.rows = []
        return count


def _same(value: Any) -> Any:
    return value
