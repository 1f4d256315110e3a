"""The shared cache lives in the database, so every app server sees the same rate limits and
TOTP replay protection (nothing may assume a single process). Created by a migration so that
`migrate` alone prepares a database, for the demo, the tests and production alike."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS roundtable_cache")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
