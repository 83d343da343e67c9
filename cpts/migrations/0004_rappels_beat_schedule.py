"""Reminder steps (30 and 7 days, editable parameters) and the daily beat schedule of the mission reminders."""

from django.db import migrations

TASK_NAME = "Rappels d'échéance des missions CPTS (quotidien)"


def forwards(apps, schema_editor):
    from cpts.migrations._legacy_seed import RAPPELS, seed_parametres

    seed_parametres(apps, RAPPELS)
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="7", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Europe/Paris"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "cpts.tasks.send_mission_reminders",
            "crontab": crontab,
            "enabled": True,
            "description": "E-mail aux membres du porteur et à la délégation N jours avant l'échéance de démarrage "
            "ou de déploiement d'une mission (paramètres « rappel_* »), puis une fois en cas de retard.",
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()
    apps.get_model("cpts", "ParametreCpts").objects.filter(code__startswith="rappel_").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cpts", "0003_projet_sante_rappels"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
