"""Beat schedule: on 1 January and 1 July at 06:00 (Paris), request the bilans of the semester just ended."""

from django.db import migrations

TASK_NAME = "Bilans semestriels (1er janvier et 1er juillet)"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_month="1", month_of_year="1,7", day_of_week="*", timezone="Europe/Paris"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "acces_soins.tasks.request_scheduled_bilans",
            "crontab": crontab,
            "enabled": True,
            "description": "Bilan régional et un bilan par département de la région de référence, "
            "pour le semestre qui vient de se terminer.",
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0002_seed_plan_centre_val_de_loire"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
