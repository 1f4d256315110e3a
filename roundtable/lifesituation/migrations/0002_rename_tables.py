"""The tables taken over from the app `assessments` get this app's names (assessments_x becomes
lifesituation_x). A rename keeps every row, and the foreign keys that point at the table follow it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lifesituation', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='lifearea',
            table=None,
        ),
    ]
