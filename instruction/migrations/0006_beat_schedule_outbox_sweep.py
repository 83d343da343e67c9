"""Beat schedule: every minute, send the notifications the outbox still holds (broker down when they were recorded)."""

from django.db import migrations

TASK_NAME = "Notifications en attente (balayage de la file d'envoi)"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "instruction.tasks.sweep_notifications",
            "interval": every_minute,
            "enabled": True,
            "description": "Envoie les e-mails de notification restés dans la file (broker indisponible au dépôt, "
            "worker arrêté pendant l'envoi). Chaque notification n'est envoyée qu'une fois.",
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("instruction", "0005_outbox_claim_and_creation_token"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
