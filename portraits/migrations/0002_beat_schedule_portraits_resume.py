"""Beat schedule: every five minutes, resume the portrait PDFs whose production stopped (worker killed, message
lost)."""

from django.db import migrations

TASK_NAME = "Portraits de territoire interrompus (reprise)"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "portraits.tasks.resume_portraits",
            "interval": every_five,
            "enabled": True,
            "description": "Relance la production des portraits (PDF) en attente depuis plus de cinq minutes ou "
            "dont le worker a cessé de renouveler son bail ; un portrait n'est produit qu'une fois.",
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portraits", "0001_portrait_pdf"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
