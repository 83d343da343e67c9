from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from referentiel.seed import load


class Command(BaseCommand):
    help = "Charge le référentiel depuis referentiel/data/*.toml (crée et met à jour, tout ou rien)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load(apps, update=True)
        self.stdout.write(
            f"Référentiel : {counts['sources']} sources, {counts['parametres']} valeurs ({counts['crees']} nouvelles)."
        )
