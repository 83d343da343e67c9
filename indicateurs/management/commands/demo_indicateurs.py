from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.typography import fr_plural, fr_quantity
from indicateurs.demo import create_demo_indicateurs


class Command(BaseCommand):
    help = "Crée des valeurs, références et cibles FICTIVES pour les indicateurs. Refuse de tourner hors démo."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError(
                "Les données fictives des indicateurs ne peuvent être créées qu'avec les réglages de démonstration "
                "(config.settings.dev), jamais en production."
            )
        count = create_demo_indicateurs(settings.REFERENCE_REGION)
        values = fr_quantity(count, "valeur FICTIVE", "valeurs FICTIVES")
        self.stdout.write(self.style.SUCCESS(f"Indicateurs : {values} de démonstration {fr_plural(count, 'écrite')}."))
