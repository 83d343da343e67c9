"""Beat schedule: every five minutes, resume the consultation files whose production stopped (worker killed,
message lost)."""

from django.db import migrations

TASK_NAME = "Dossiers de consultation du zonage interrompus (reprise)"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "zonage.tasks.resume_consultations",
            "interval": every_five,
            "enabled": True,
            "description": "Relance la production des dossiers de consultation en attente depuis plus de cinq minutes ou "
            "dont le worker a cessé de renouveler son bail ; un dossier n'est produit qu'une fois.",
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("zonage", "0007_scenarios_and_consultation"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
