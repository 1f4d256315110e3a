"""Published plan versions refuse UPDATE in the database itself, not only in the ORM."""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION plans_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'published plan versions are never changed';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER plans_version_no_update BEFORE UPDATE ON plans_planversion
    FOR EACH ROW EXECUTE FUNCTION plans_version_immutable();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS plans_version_no_update ON plans_planversion;
DROP FUNCTION IF EXISTS plans_version_immutable();
"""
SQLITE_FORWARD = """CREATE TRIGGER plans_version_no_update BEFORE UPDATE ON plans_planversion
    BEGIN SELECT RAISE(ABORT, 'published plan versions are never changed'); END;"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS plans_version_no_update;"


def forward(apps, schema_editor):
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
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
