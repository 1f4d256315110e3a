"""The life-situation mapping, taken over from the app `assessments` (issue 9).

The tables exist already (made by assessments 0001, or holding a running system's rows): this
migration only adds the models to this app's state, under their old table names, and moves
their content types, so that permissions and the admin's history keep pointing at them. The
next migration renames the tables after this app.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models

MODELS = ("lifearea",)


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="lifesituation", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="assessments", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="lifesituation")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="lifesituation", model__in=MODELS).update(
        app_label="assessments"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessments", "0003_split_into_care_vocational_lifesituation"),
        ("citizens", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LifeArea',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('area', models.CharField(choices=[('mental_health', 'Mental health'), ('substance_use', 'Substance use'), ('physical_health', 'Physical health'), ('work_education', 'Work and education'), ('housing', 'Housing'), ('economy', 'Money'), ('social_network', 'Friends and social network'), ('family', 'Family')], max_length=20, verbose_name='life area')),
                        ('situation', models.TextField(blank=True, max_length=4000, verbose_name='situation')),
                        ('resources', models.TextField(blank=True, max_length=4000, verbose_name='resources')),
                        ('wishes', models.TextField(blank=True, max_length=4000, verbose_name='wishes')),
                        ('citizen_wishes', models.TextField(blank=True, max_length=4000, verbose_name="the citizen's own wishes")),
                        ('filled_with_citizen', models.BooleanField(default=False, verbose_name='filled in with the citizen')),
                        ('filled_on', models.DateField(blank=True, null=True, verbose_name='filled in on')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], editable=False, max_length=32)),
                        ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='life_areas', to='citizens.course')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'life area',
                        'verbose_name_plural': 'life areas',
                        'db_table': 'assessments_lifearea',
                        'ordering': ['course', 'area'],
                        'constraints': [models.UniqueConstraint(fields=('course', 'area'), name='life_area_one_per_course'), models.CheckConstraint(condition=models.Q(('filled_with_citizen', False), ('filled_on__isnull', False), _connector='OR'), name='life_area_filled_with_citizen_has_date')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
