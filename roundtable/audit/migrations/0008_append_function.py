"""audit_event_append: one PostgreSQL statement appends an event to its chain.

audit_record used to send, per event, an upsert that locks the chain head and an insert (and, in
autocommit mode, BEGIN and COMMIT around them): four round trips for a page's read event. This
function does the same work server-side, so the write is one statement: in autocommit mode one
round trip that the server commits before it answers, inside a caller's transaction one
statement of it (no savepoint: a plpgsql function without an EXCEPTION block opens none).

What it does, in order:
1. lock the chain's head row with SELECT ... FOR UPDATE (waiting for any other writer of the
   chain, then reading what it committed); only for a new chain, create the head with the
   upsert audit_record used before. The common case writes no new version of the head row.
2. allocate the event's id from the table's sequence (the hash covers it);
3. complete the event's canonical JSON (roundtable.audit.models.canonical_event_bytes), which the
   caller sends cut around the id, the previous hash and the sequence (canonical_event_parts),
   and take its SHA-256; the parts are ASCII, so the bytes are the ones Python would hash;
4. insert the event with its columns read from that same document, so the row holds exactly
   what was hashed; migration 0006's trigger moves the head to it.

SQLite keeps the two statements of audit_record (in process, they cost no round trip). A column
added to the audit table must be added here too, as to HASHED_FIELDS (test_hash_chain.py fails
until it is).
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_append(
    p_chain text,
    p_part_before_id text,
    p_part_before_prev_hash text,
    p_part_before_sequence text,
    p_part_after_sequence text,
    OUT new_id bigint,
    OUT new_sequence bigint,
    OUT new_prev_hash text,
    OUT new_hash text
) AS $$
DECLARE
    document text;
    event jsonb;
BEGIN
    SELECT h.last_sequence + 1, h.last_hash INTO new_sequence, new_prev_hash
        FROM audit_auditchainhead h WHERE h.chain = p_chain FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_auditchainhead AS h (chain, last_sequence, last_hash)
            VALUES (p_chain, 0, repeat('0', 64))
            ON CONFLICT (chain) DO UPDATE SET last_sequence = h.last_sequence
            RETURNING h.last_sequence + 1, h.last_hash INTO new_sequence, new_prev_hash;
    END IF;
    new_id := nextval(pg_get_serial_sequence('audit_auditevent', 'id'));
    document := p_part_before_id || new_id::text || p_part_before_prev_hash || new_prev_hash
        || p_part_before_sequence || new_sequence::text || p_part_after_sequence;
    new_hash := encode(sha256(convert_to(document, 'UTF8')), 'hex');
    -- The row is read from the very document that was hashed.
    event := document::jsonb;
    IF event->>'chain' IS DISTINCT FROM p_chain THEN
        RAISE EXCEPTION 'audit event for chain % names chain %', p_chain, event->>'chain';
    END IF;
    INSERT INTO audit_auditevent (
        id, event_id, occurred_at, actor_id, actor_username, actor_role, organisation_id,
        citizen_id, action, object_type, object_id, outcome, purpose, consent_decision,
        request_id, chain, detail, sequence, prev_hash, hash
    ) VALUES (
        new_id,
        (event->>'event_id')::uuid,
        (event->>'occurred_at')::timestamptz,
        (event->>'actor_id')::uuid,
        event->>'actor_username',
        event->>'actor_role',
        (event->>'organisation_id')::uuid,
        (event->>'citizen_id')::uuid,
        event->>'action',
        event->>'object_type',
        event->>'object_id',
        event->>'outcome',
        event->>'purpose',
        event->>'consent_decision',
        event->>'request_id',
        p_chain,
        event->'detail',
        new_sequence,
        new_prev_hash,
        new_hash
    );
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_REVERSE = "DROP FUNCTION IF EXISTS audit_event_append;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)  # no client-side % formatting


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_actions_consent_break_glass")]
    operations = [migrations.RunPython(forward, reverse)]
