"""Beat schedule of the campaigns: every morning at 07:45 (Paris), the reminders J-15, J-7, J-1 of the open campaigns
and the délégations told about their late contributors. Each campaign's closing (the day after its closing date) is a
one-off schedule created when it opens (`acces_soins.campagne.planification`)."""

from django.db import migrations

TASK_NAME = "Rappels des campagnes de remontées (quotidien)"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="45", hour="7", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Europe/Paris"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "acces_soins.tasks.rappels_campagnes",
            "crontab": crontab,
            "enabled": True,
            "description": "Rappels avant la clôture des remontées (jours du référentiel) et retards signalés aux "
            "délégations ; idempotent.",
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0013_campagnes_de_remontees"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
