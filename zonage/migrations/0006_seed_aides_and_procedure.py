from django.db import migrations


def seed(apps, schema_editor):
    """Professions, zones and aids as `zonage.seed` describes them now (EXO-CFE opened by the commune, the PDSA
    exemption and the 2023 installation aid added, amounts moved to the référentiel)."""
    from zonage.seed import seed as run

    run(apps)


def split_concertation(apps, schema_editor):
    """Entering « concertation » used to record today as the CRSA referral: for an arrêté still in concertation,
    that date was the start of the URPS concertation; the referral is now entered by hand."""
    ArreteZonage = apps.get_model("zonage", "ArreteZonage")
    for arrete in ArreteZonage.objects.filter(statut="concertation", date_saisine_crsa__isnull=False):
        arrete.date_debut_concertation_urps = arrete.date_saisine_crsa
        arrete.date_saisine_crsa = None
        arrete.save(update_fields=["date_debut_concertation_urps", "date_saisine_crsa"])


class Migration(migrations.Migration):
    dependencies = [
        ("zonage", "0005_referentiel_aides_procedure_vintages"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(split_concertation, migrations.RunPython.noop),
    ]
