"""Every event has its place in its chain, and no two share one.

On SQLite these changes rebuild the table, which loses the append-only triggers of 0002: the last
operation puts them back (and the first one does, when reversing).
"""

import importlib

from django.db import migrations, models

_append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")


def append_only_triggers_again(apps, schema_editor):
    """Drop (if present) and create the triggers of 0002, with 0002's own code."""
    _append_only.reverse(apps, schema_editor)
    _append_only.forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_chain_backfill")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, append_only_triggers_again),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.RemoveIndex(model_name="auditevent", name="audit_chain_backfill"),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "sequence"), name="audit_chain_sequence"
            ),
        ),
        migrations.RunPython(append_only_triggers_again, migrations.RunPython.noop),
    ]
