"""The beat schedule of a campaign: « when the campaign closes ». Opening a campaign schedules a one-off task the day
after its closing date (06:00, Paris) that freezes it if the siège has not (`tasks.cloturer_campagne`); freezing
disables it. A région without a campaign keeps the fixed 1 January / 1 July schedule (`services.bilans`)."""

import datetime
import json
from zoneinfo import ZoneInfo

CLOTURE_TASK = "acces_soins.tasks.cloturer_campagne"
HEURE = datetime.time(6, 0)


def task_name(campagne) -> str:
    return f"Clôture de la campagne de remontées {campagne.semestre} (région {campagne.region_code})"


def planifier_cloture(campagne) -> None:
    from django_celery_beat.models import ClockedSchedule, PeriodicTask

    moment = datetime.datetime.combine(campagne.date_cloture + datetime.timedelta(days=1), HEURE)
    clocked, _ = ClockedSchedule.objects.get_or_create(clocked_time=moment.replace(tzinfo=ZoneInfo("Europe/Paris")))
    PeriodicTask.objects.update_or_create(
        name=task_name(campagne),
        defaults={
            "task": CLOTURE_TASK,
            "clocked": clocked,
            "one_off": True,
            "enabled": True,
            "args": json.dumps([campagne.pk]),
            "description": "Gèle la campagne et produit ses bilans, si le siège ne l'a pas fait avant.",
        },
    )


def annuler_cloture(campagne) -> None:
    from django_celery_beat.models import PeriodicTask

    PeriodicTask.objects.filter(name=task_name(campagne)).update(enabled=False)
