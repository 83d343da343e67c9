from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acces_soins.feuilles.demo import create_demo_feuilles


class Command(BaseCommand):
    help = "Crée des feuilles de route territoriales fictives pour les six territoires. Démo seulement."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError(
                "Les données de démonstration ne peuvent être créées qu'avec les réglages de démonstration "
                "(config.settings.dev), jamais en production."
            )
        feuilles = create_demo_feuilles()
        actions = sum(feuille.actions.count() for feuille in feuilles)
        self.stdout.write(
            self.style.SUCCESS(f"Feuilles de route fictives : {len(feuilles)} territoires, {actions} actions.")
        )
