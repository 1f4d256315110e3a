"""The hash chain's columns and the chain heads (filled by 0004, made mandatory by 0005).

On SQLite adding these columns rebuilds the table, and the rebuilt table has lost the append-only
triggers of 0002: the last operation puts them back (and the first one does, when reversing).
"""

import importlib

from django.db import migrations, models

_append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")


def append_only_triggers_again(apps, schema_editor):
    """Drop (if present) and create the triggers of 0002, with 0002's own code."""
    _append_only.reverse(apps, schema_editor)
    _append_only.forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, append_only_triggers_again),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("chain", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("last_sequence", models.PositiveBigIntegerField(default=0)),
                ("last_hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        # Lets 0004 walk the table chain by chain in id order; 0005 drops it again.
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["chain", "id"], name="audit_chain_backfill"),
        ),
        migrations.RunPython(append_only_triggers_again, migrations.RunPython.noop),
    ]
