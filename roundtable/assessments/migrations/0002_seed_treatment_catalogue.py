"""Seed the stepped-care treatment catalogue per diagnosis group (DOMAIN §2, pathway step 2:
individual psychoeducation, cognitive behavioural therapy, stress-reduction coaching, group
mindfulness-based stress reduction; the IBBIS stress trial offered coaching and/or MBSR, the
depression/anxiety trial CBT-based care, reference/instruments.md §8).

The data is written out here, frozen, as a migration should be. The English names are the labels
of `TreatmentKind`, so they are translated with it. Later changes come through /config/.
"""

from django.db import migrations

PSYCHOEDUCATION = ("psychoeducation", "psychoeducation", "Individual psychoeducation", 1)
CBT = ("cbt", "cbt", "Cognitive behavioural therapy", 2)
COACHING = ("stress_coaching", "stress_coaching", "Stress-reduction coaching", 2)
MBSR = ("mbsr_group", "mbsr_group", "Group mindfulness-based stress reduction", 2)
OTHER = ("other", "other", "Other", 3)

CATALOGUE = {
    "depression": [PSYCHOEDUCATION, CBT, MBSR, OTHER],
    "anxiety": [PSYCHOEDUCATION, CBT, OTHER],
    "stress": [PSYCHOEDUCATION, COACHING, MBSR, OTHER],
    "psychosis": [PSYCHOEDUCATION, CBT, OTHER],
    "other": [PSYCHOEDUCATION, CBT, COACHING, MBSR, OTHER],
}


def seed(apps, schema_editor):
    Treatment = apps.get_model("assessments", "Treatment")
    for group, treatments in CATALOGUE.items():
        for order, (slug, kind, name, level) in enumerate(treatments):
            Treatment.objects.get_or_create(
                diagnosis_group=group,
                slug=slug,
                defaults={"kind": kind, "name": name, "level": level, "order": order},
            )


def unseed(apps, schema_editor):
    Treatment = apps.get_model("assessments", "Treatment")
    for group, treatments in CATALOGUE.items():
        Treatment.objects.filter(
            diagnosis_group=group, slug__in=[t[0] for t in treatments]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
