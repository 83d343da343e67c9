from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from national.demo import ACCOUNTS, load_demo_bretagne


class Command(BaseCommand):
    help = (
        "Seconde région de démonstration : programmes FICTIFS en Bretagne (53) sur la géographie réelle, comptes "
        "du siège de Bretagne et du ministère. Lancer après « ouvrir_region 53 ». Refuse de tourner hors démo."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Les données fictives ne peuvent être créées qu'avec les réglages de démonstration.")
        counts = load_demo_bretagne()
        detail = ", ".join(f"{label} : {count}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Bretagne (démonstration, données fictives) — {detail}."))
        for email, *_ in ACCOUNTS:
            self.stdout.write(f"  compte de démonstration : {email}")
