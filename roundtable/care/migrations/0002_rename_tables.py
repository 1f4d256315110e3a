"""The tables taken over from the app `assessments` get this app's names (assessments_x becomes
care_x). A rename keeps every row, and the foreign keys that point at the table follow it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('care', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='caresession',
            table=None,
        ),
        migrations.AlterModelTable(
            name='carestep',
            table=None,
        ),
        migrations.AlterModelTable(
            name='functionalcapacity',
            table=None,
        ),
        migrations.AlterModelTable(
            name='healthassessment',
            table=None,
        ),
        migrations.AlterModelTable(
            name='sessionnote',
            table=None,
        ),
        migrations.AlterModelTable(
            name='symptomscore',
            table=None,
        ),
        migrations.AlterModelTable(
            name='treatment',
            table=None,
        ),
    ]
