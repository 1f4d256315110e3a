"""The team programme, taken over from the app `assessments` (issue 9).

The tables exist already (made by assessments 0001, or holding a running system's rows): this
migration only adds the models to this app's state, under their old table names, and moves
their content types, so that permissions and the admin's history keep pointing at them. The
next migration renames the tables after this app.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("teamprogramme",)


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="organisations", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="assessments", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="organisations")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="organisations", model__in=MODELS).update(
        app_label="assessments"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_split_into_care_vocational_lifesituation"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='TeamProgramme',
                    fields=[
                        ('team', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='programme', serialize=False, to='organisations.team')),
                        ('is_ips', models.BooleanField(default=False, help_text='Individual Placement and Support: shows the IPS career profile and plan.', verbose_name='IPS team')),
                        ('session_budget', models.PositiveSmallIntegerField(blank=True, help_text="Leave empty for the deployment's default.", null=True, verbose_name='sessions per course')),
                    ],
                    options={
                        'verbose_name': 'team programme',
                        'verbose_name_plural': 'team programmes',
                        'db_table': 'assessments_teamprogramme',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
