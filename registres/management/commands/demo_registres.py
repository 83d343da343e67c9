from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Charge des registres FICTIFS de démonstration (Indre-et-Loire et Loiret) : stages, télémédecine, aides…"

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Commande réservée à la démonstration (IS_DEMO).")
        from registres.demo import load_demo_registres

        created = load_demo_registres()
        if not created:
            self.stdout.write("Registres de démonstration déjà chargés (ou départements 37 et 45 absents).")
            return
        details = ", ".join(f"{key} : {count}" for key, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Registres de démonstration (fictifs) chargés — {details}."))
