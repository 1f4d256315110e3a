"""Give the events written before the hash chain their sequence, prev_hash and hash.

Chain by chain, in id order (the order they were written in), in batches, so memory stays flat
however large the table is. The table refuses UPDATE (0002), so the triggers are dropped for the
backfill and created again after it, with 0002's own code; on PostgreSQL all of it is one
transaction, so no other session ever sees the table without them.
"""

import importlib

from django.db import migrations

from roundtable.audit.models import GENESIS_HASH, HASHED_FIELDS, event_hash

_append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")

BATCH = 1000


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    # Keyset pagination over the (chain, id) index of 0003; a row-value comparison works on
    # both SQLite (3.15 and later) and PostgreSQL, with the database's own collation.
    select = (
        f"SELECT * FROM {table} WHERE ({quote('chain')}, {quote('id')}) > (%s, %s)"
        f" ORDER BY {quote('chain')}, {quote('id')} LIMIT {BATCH}"
    )
    update = (
        f"UPDATE {table} SET {quote('sequence')} = %s, {quote('prev_hash')} = %s,"
        f" {quote('hash')} = %s WHERE {quote('id')} = %s"
    )
    first = AuditEvent.objects.order_by("chain", "id").values_list("chain", "id").first()
    if first is None:
        return
    _append_only.reverse(apps, schema_editor)
    chain, sequence, last_hash = None, 0, GENESIS_HASH
    heads = []
    key = (first[0], first[1] - 1)
    while True:
        events = list(AuditEvent.objects.raw(select, key))
        if not events:
            break
        rows = []
        for event in events:
            if event.chain != chain:
                if chain is not None:
                    heads.append(AuditChainHead(chain=chain, last_sequence=sequence, last_hash=last_hash))
                chain, sequence, last_hash = event.chain, 0, GENESIS_HASH
            sequence += 1
            event.sequence, event.prev_hash = sequence, last_hash
            last_hash = event_hash({name: getattr(event, name) for name in HASHED_FIELDS})
            rows.append((sequence, event.prev_hash, last_hash, event.id))
        with connection.cursor() as cursor:
            cursor.executemany(update, rows)
        if len(heads) >= BATCH:
            AuditChainHead.objects.bulk_create(heads)
            heads = []
        key = (events[-1].chain, events[-1].id)
    heads.append(AuditChainHead(chain=chain, last_sequence=sequence, last_hash=last_hash))
    AuditChainHead.objects.bulk_create(heads)
    _append_only.forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain_fields")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
