"""The chain head moves with the insert itself: an AFTER INSERT trigger on the audit table.

audit_record then needs two statements per event on both databases (lock the head, insert the
event) instead of three, and the head can never be left behind by an insert.

Like 0002's triggers, this one is lost when SQLite rebuilds the table (Django does that for most
column and constraint changes there): a later migration that changes audit_auditevent must end
by calling this module's ``forward`` after 0002's (see 0005). If it is missing, the second
write to a chain fails on the (chain, sequence) constraint, so the loss cannot go unnoticed.
The test flush of conftest.py is unaffected: the trigger does not fire on DELETE or TRUNCATE.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_move_chain_head() RETURNS trigger AS $$
BEGIN
    UPDATE audit_auditchainhead SET last_sequence = NEW.sequence, last_hash = NEW.hash
        WHERE chain = NEW.chain AND last_sequence < NEW.sequence;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_moves_chain_head AFTER INSERT ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_move_chain_head();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS audit_event_moves_chain_head ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_move_chain_head();
"""
SQLITE_FORWARD = """
CREATE TRIGGER audit_event_moves_chain_head AFTER INSERT ON audit_auditevent
BEGIN
    UPDATE audit_auditchainhead SET last_sequence = NEW.sequence, last_hash = NEW.hash
        WHERE chain = NEW.chain AND last_sequence < NEW.sequence;
END;
"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS audit_event_moves_chain_head;"


def forward(apps, schema_editor):
    reverse(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_hash_chain_constraints")]
    operations = [migrations.RunPython(forward, reverse)]
