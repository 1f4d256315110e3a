"""The tables taken over from the app `assessments` get this app's names (assessments_x becomes
vocational_x). A rename keeps every row, and the foreign keys that point at the table follow it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('vocational', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='employercontact',
            table=None,
        ),
        migrations.AlterModelTable(
            name='ipscareerprofile',
            table=None,
        ),
        migrations.AlterModelTable(
            name='ipsjobsearchplan',
            table=None,
        ),
        migrations.AlterModelTable(
            name='ipsplannedcontact',
            table=None,
        ),
        migrations.AlterModelTable(
            name='vocationalassessment',
            table=None,
        ),
        migrations.AlterModelTable(
            name='vocationalstep',
            table=None,
        ),
    ]
