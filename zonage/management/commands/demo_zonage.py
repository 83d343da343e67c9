from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zonage.services import zone_shares
from zonage.services.rules import format_percent


class Command(BaseCommand):
    help = "Charge un zonage FICTIF de démonstration (médecins : deux versions et un projet ; infirmiers)."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Commande réservée à la démonstration (IS_DEMO).")
        from zonage.demo import load_demo_zonage
        from zonage.models import ArreteZonage

        counts = load_demo_zonage()
        for reference, count in counts.items():
            arrete = ArreteZonage.objects.get(reference=reference)
            shares = zone_shares(arrete)
            figures = ", ".join(f"{code} {format_percent(share.share)}" for code, share in sorted(shares.items()))
            if "ZIP" in shares:
                figures += f" ; ZIP + ZAC {format_percent(shares.zip_zac.share)}"
            vintages = f"populations {shares.millesime_population or 'du dernier import'}"
            vintages += f", TVS {shares.tvs_version or 'courants'}"
            self.stdout.write(f"{reference} : {count} territoires — {figures} ({vintages})")
        self.stdout.write(self.style.SUCCESS("Zonage de démonstration (fictif) chargé."))
