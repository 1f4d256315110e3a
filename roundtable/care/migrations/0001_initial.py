"""The care manager's records and the treatment catalogue, taken over from the app `assessments` (issue 9).

The tables exist already (made by assessments 0001, or holding a running system's rows): this
migration only adds the models to this app's state, under their old table names, and moves
their content types, so that permissions and the admin's history keep pointing at them. The
next migration renames the tables after this app.
"""

import django.db.models.deletion
import roundtable.core.fields
import uuid
from django.db import migrations, models

MODELS = ("treatment", "healthassessment", "functionalcapacity", "carestep", "caresession", "sessionnote", "symptomscore")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="care", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="assessments", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="care")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="care", model__in=MODELS).update(
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
                    name='CareSession',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('held_on', models.DateField(verbose_name='date')),
                        ('kind', models.CharField(choices=[('individual', 'Individual, face to face'), ('group', 'Group'), ('phone', 'By phone'), ('video', 'By video')], max_length=12, verbose_name='kind')),
                        ('attendance', models.CharField(choices=[('attended', 'Attended'), ('cancelled', 'Cancelled'), ('no_show', 'Did not come')], max_length=12, verbose_name='attendance')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='health_summary', editable=False, max_length=32)),
                        ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='care_sessions', to='citizens.course')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'session',
                        'verbose_name_plural': 'sessions',
                        'db_table': 'assessments_caresession',
                        'ordering': ['held_on', 'created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SessionNote',
                    fields=[
                        ('session', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='note', serialize=False, to='care.caresession')),
                        ('text', roundtable.core.fields.EncryptedTextField(verbose_name='therapy notes')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='therapy_detail', editable=False, max_length=32)),
                    ],
                    options={
                        'verbose_name': 'therapy note',
                        'db_table': 'assessments_sessionnote',
                    },
                ),
                migrations.CreateModel(
                    name='CareStep',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('description', models.CharField(blank=True, max_length=300, verbose_name='what is offered')),
                        ('starts_on', models.DateField(verbose_name='starts on')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Under way'), ('completed', 'Completed'), ('stopped', 'Stopped')], default='planned', max_length=12, verbose_name='status')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='health_summary', editable=False, max_length=32)),
                        ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='care_steps', to='citizens.course')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'care step',
                        'verbose_name_plural': 'care steps',
                        'db_table': 'assessments_carestep',
                        'ordering': ['starts_on', 'created_at'],
                    },
                ),
                migrations.AddField(
                    model_name='caresession',
                    name='step',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sessions', to='care.carestep'),
                ),
                migrations.CreateModel(
                    name='FunctionalCapacity',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='functional_capacity', serialize=False, to='citizens.course')),
                        ('summary', models.TextField(help_text='Written to be shared with the employment side: tasks, hours, pace, what helps. No diagnosis and no therapy detail.', max_length=4000, verbose_name='what the citizen can and cannot do at work now')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='functional_capacity', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'functional capacity',
                        'verbose_name_plural': 'functional capacity',
                        'db_table': 'assessments_functionalcapacity',
                    },
                ),
                migrations.CreateModel(
                    name='HealthAssessment',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='health_assessment', serialize=False, to='citizens.course')),
                        ('assessed_on', models.DateField(verbose_name='assessed on')),
                        ('summary', models.TextField(max_length=8000, verbose_name='health summary')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='health_summary', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'mental-health assessment',
                        'db_table': 'assessments_healthassessment',
                    },
                ),
                migrations.CreateModel(
                    name='SymptomScore',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('instrument', models.CharField(max_length=40, verbose_name='instrument')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='score')),
                        ('measured_on', models.DateField(verbose_name='date')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='health_summary', editable=False, max_length=32)),
                        ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='symptom_scores', to='citizens.course')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'symptom score',
                        'verbose_name_plural': 'symptom scores',
                        'db_table': 'assessments_symptomscore',
                        'ordering': ['measured_on', 'created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Treatment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('diagnosis_group', models.CharField(choices=[('depression', 'Depression'), ('anxiety', 'Anxiety'), ('stress', 'Stress or adjustment disorder'), ('psychosis', 'Psychosis'), ('other', 'Other')], max_length=20, verbose_name='diagnosis group')),
                        ('slug', models.SlugField(max_length=60, verbose_name='slug')),
                        ('kind', models.CharField(choices=[('psychoeducation', 'Individual psychoeducation'), ('cbt', 'Cognitive behavioural therapy'), ('stress_coaching', 'Stress-reduction coaching'), ('mbsr_group', 'Group mindfulness-based stress reduction'), ('other', 'Other')], max_length=24, verbose_name='kind')),
                        ('name', models.CharField(max_length=120, verbose_name='name (English)')),
                        ('level', models.PositiveSmallIntegerField(default=1, help_text='1 is the least invasive step.', verbose_name='step')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('active', models.BooleanField(default=True, verbose_name='in use')),
                    ],
                    options={
                        'verbose_name': 'treatment',
                        'verbose_name_plural': 'treatment catalogue',
                        'db_table': 'assessments_treatment',
                        'ordering': ['diagnosis_group', 'level', 'order', 'slug'],
                        'constraints': [models.UniqueConstraint(fields=('diagnosis_group', 'slug'), name='treatment_unique_per_group')],
                    },
                ),
                migrations.AddField(
                    model_name='carestep',
                    name='treatment',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='care.treatment'),
                ),
                migrations.AddIndex(
                    model_name='caresession',
                    index=models.Index(fields=['course', 'held_on'], name='care_session_course_day'),
                ),
                migrations.AddIndex(
                    model_name='symptomscore',
                    index=models.Index(fields=['course', 'measured_on'], name='symptom_course_day'),
                ),
                migrations.AddConstraint(
                    model_name='symptomscore',
                    constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0)), name='symptom_score_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='carestep',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='care_step_ends_after_start'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
