"""The employment consultant's records, taken over from the app `assessments` (issue 9).

The tables exist already (made by assessments 0001, or holding a running system's rows): this
migration only adds the models to this app's state, under their old table names, and moves
their content types, so that permissions and the admin's history keep pointing at them. The
next migration renames the tables after this app.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models

MODELS = ("vocationalassessment", "employercontact", "vocationalstep", "ipscareerprofile", "ipsjobsearchplan", "ipsplannedcontact")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="vocational", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="assessments", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="vocational")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="vocational", model__in=MODELS).update(
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
                    name='EmployerContact',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='employer_contact', serialize=False, to='citizens.course')),
                        ('employer', models.CharField(max_length=200, verbose_name='employer')),
                        ('name', models.CharField(max_length=200, verbose_name='contact person')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='contact_details', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'employer contact',
                        'db_table': 'assessments_employercontact',
                    },
                ),
                migrations.CreateModel(
                    name='IpsCareerProfile',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='ips_profile', serialize=False, to='citizens.course')),
                        ('work_goal', models.TextField(max_length=2000, verbose_name='work goal or life dream')),
                        ('short_term_goal', models.TextField(blank=True, max_length=2000, verbose_name='short-term work goal')),
                        ('education', models.TextField(blank=True, max_length=2000, verbose_name='education')),
                        ('licences', models.TextField(blank=True, max_length=2000, verbose_name='licences and certificates')),
                        ('work_history', models.TextField(blank=True, max_length=4000, verbose_name='work history (most recent job title, duties)')),
                        ('job_preferences', models.TextField(blank=True, max_length=2000, verbose_name='job preferences (type, hours, location)')),
                        ('transport', models.TextField(blank=True, max_length=1000, verbose_name='transport')),
                        ('strengths_interests', models.TextField(blank=True, max_length=2000, verbose_name='strengths and interests')),
                        ('symptoms_coping', models.TextField(blank=True, max_length=2000, verbose_name='symptoms and coping')),
                        ('medication_side_effects', models.TextField(blank=True, max_length=2000, verbose_name='medication side effects')),
                        ('substance_use', models.TextField(blank=True, max_length=2000, verbose_name='substance use')),
                        ('physical_health', models.TextField(blank=True, max_length=2000, verbose_name='physical health')),
                        ('legal_history', models.TextField(blank=True, max_length=2000, verbose_name='legal history')),
                        ('benefits_income', models.TextField(blank=True, max_length=2000, verbose_name='benefits and income')),
                        ('family_social_contacts', models.TextField(blank=True, max_length=2000, verbose_name='family and social contacts')),
                        ('disclosure_preference', models.TextField(blank=True, max_length=2000, verbose_name='disclosure preference')),
                        ('reasons_for_working', models.TextField(blank=True, max_length=2000, verbose_name='reasons for working')),
                        ('barriers_supports', models.TextField(blank=True, max_length=2000, verbose_name='barriers and supports')),
                        ('sources', models.TextField(blank=True, help_text='Who the information comes from: the person, the team, records, and with consent family or former employers.', max_length=1000, verbose_name='sources')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='vocational', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'IPS career profile',
                        'db_table': 'assessments_ipscareerprofile',
                    },
                ),
                migrations.CreateModel(
                    name='IpsJobSearchPlan',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='ips_plan', serialize=False, to='citizens.course')),
                        ('job_goals', models.TextField(max_length=2000, verbose_name='job goals and preferred settings')),
                        ('target_employers', models.TextField(blank=True, max_length=2000, verbose_name='target employers and industries')),
                        ('weekly_employer_contacts', models.PositiveSmallIntegerField(default=0, verbose_name='planned employer contacts per week')),
                        ('disclosure', models.CharField(choices=[('undecided', 'Not decided yet'), ('full', 'Tell the employer about the mental-health condition'), ('partial', 'Tell the employer some things'), ('none', 'Tell the employer nothing')], default='undecided', max_length=12, verbose_name='disclosure decision')),
                        ('disclosure_script', models.TextField(blank=True, max_length=2000, verbose_name='what to say to the employer')),
                        ('benefits_planning_referred_on', models.DateField(blank=True, null=True, verbose_name='referred to benefits planning on')),
                        ('supports_needed', models.TextField(blank=True, max_length=2000, verbose_name='supports needed (coaching, transport, family)')),
                        ('responsibilities', models.TextField(blank=True, max_length=4000, verbose_name='who does what by when')),
                        ('review_on', models.DateField(verbose_name='review date')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='vocational', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'IPS job-search plan',
                        'db_table': 'assessments_ipsjobsearchplan',
                    },
                ),
                migrations.CreateModel(
                    name='IpsPlannedContact',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('planned_on', models.DateField(verbose_name='date')),
                        ('employer', models.CharField(max_length=200, verbose_name='employer')),
                        ('done', models.BooleanField(default=False, verbose_name='done')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='vocational', editable=False, max_length=32)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='vocational.ipsjobsearchplan')),
                    ],
                    options={
                        'verbose_name': 'planned employer contact',
                        'verbose_name_plural': 'planned employer contacts',
                        'db_table': 'assessments_ipsplannedcontact',
                        'ordering': ['planned_on', 'employer'],
                    },
                ),
                migrations.CreateModel(
                    name='VocationalAssessment',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='vocational_assessment', serialize=False, to='citizens.course')),
                        ('assessed_on', models.DateField(verbose_name='assessed on')),
                        ('work_capacity_hours', models.DecimalField(decimal_places=1, max_digits=4, verbose_name='work capacity now (hours per week)')),
                        ('current_job', models.CharField(blank=True, max_length=200, verbose_name='current job')),
                        ('route', models.CharField(choices=[('return_to_workplace', 'Return to the existing workplace'), ('job_search', 'Job search'), ('education', 'Education'), ('other', 'Other')], max_length=24, verbose_name='route back to work')),
                        ('summary', models.TextField(blank=True, max_length=8000, verbose_name='assessment')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='vocational', editable=False, max_length=32)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'vocational assessment',
                        'db_table': 'assessments_vocationalassessment',
                    },
                ),
                migrations.CreateModel(
                    name='VocationalStep',
                    fields=[
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('text', models.CharField(max_length=300, verbose_name='step')),
                        ('due_on', models.DateField(verbose_name='due on')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Under way'), ('completed', 'Completed'), ('stopped', 'Stopped')], default='planned', max_length=12, verbose_name='status')),
                        ('data_class', models.CharField(choices=[('therapy_detail', 'What is talked about in therapy'), ('health_summary', 'Health summary'), ('functional_capacity', 'What the citizen can and cannot do at work'), ('diagnosis', 'Diagnosis'), ('vocational', 'Work and job search'), ('benefit_decision', 'Benefit decisions'), ('meeting_minutes', 'Meeting minutes and decisions'), ('joint_plan', 'Joint plan'), ('contact_details', 'Contact details'), ('family', 'Family and network')], default='vocational', editable=False, max_length=32)),
                        ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vocational_steps', to='citizens.course')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                        ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.professional')),
                    ],
                    options={
                        'verbose_name': 'vocational step',
                        'verbose_name_plural': 'vocational steps',
                        'db_table': 'assessments_vocationalstep',
                        'ordering': ['due_on', 'created_at'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='ipsjobsearchplan',
                    constraint=models.CheckConstraint(condition=models.Q(('weekly_employer_contacts__lte', 50)), name='ips_plan_weekly_contacts_bounded'),
                ),
                migrations.AddConstraint(
                    model_name='vocationalassessment',
                    constraint=models.CheckConstraint(condition=models.Q(('work_capacity_hours__gte', 0), ('work_capacity_hours__lte', 80)), name='vocational_hours_in_range'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
