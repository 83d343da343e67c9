"""The nightly beat schedule of the purge of the registers' personal data (retention of the référentiel)."""

from django.db import migrations

TASK_NAME = "Purge des données personnelles des registres (quotidienne)"


def forwards(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15", hour="2", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Europe/Paris"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "registres.tasks.purger_donnees_personnelles",
            "crontab": crontab,
            "enabled": True,
            "description": "Efface les données personnelles des registres (nom, prénom, RPPS, année de naissance) "
            "au-delà de la durée de conservation du référentiel (registres.duree_conservation_donnees_personnelles), "
            "historique compris, et le journal des lectures plus ancien.",
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registres", "0001_registres_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
