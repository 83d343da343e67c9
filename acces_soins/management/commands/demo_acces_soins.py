from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acces_soins.demo import create_demo_bilan, create_demo_plan_follow_up


class Command(BaseCommand):
    help = "Crée le suivi fictif du plan (séances du comité, statuts) et un bilan régional prêt. Démo seulement."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError(
                "Les données de démonstration ne peuvent être créées qu'avec les réglages de démonstration "
                "(config.settings.dev), jamais en production."
            )
        sessions = create_demo_plan_follow_up()
        bilan = create_demo_bilan()
        self.stdout.write(self.style.SUCCESS(f"Plan d'accès aux soins : {len(sessions)} séances fictives du comité."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Bilan {bilan.semestre} {bilan.perimetre_libelle} v{bilan.version} : {bilan.get_statut_display()}."
            )
        )
