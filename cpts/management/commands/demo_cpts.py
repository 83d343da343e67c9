from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.typography import fr_quantity


class Command(BaseCommand):
    help = "Charge des CPTS, MSP et centres de santé FICTIFS de démonstration (toutes les étapes, six départements)."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Commande réservée à la démonstration (IS_DEMO).")
        from django.utils import timezone

        from cpts.demo import load_demo_cpts
        from cpts.services.suivi import cpts_coverage, pipeline
        from territoires.models import Region

        counts = load_demo_cpts()
        region = Region.objects.get(code=settings.REFERENCE_REGION)
        today = timezone.localdate()
        population, share = cpts_coverage(region=region, on=today)
        stages = ", ".join(f"{stage} {count}" for stage, count in pipeline(perimetre=region, on=today).items())
        self.stdout.write(
            f"Créées : {counts['cpts']} CPTS, {counts['msp']} MSP, "
            f"{fr_quantity(counts['centres'], 'centre de santé', 'centres de santé')}, "
            f"{fr_quantity(counts['esp'], 'équipe de soins primaires', 'équipes de soins primaires')}, "
            f"{fr_quantity(counts['projets'], 'projet de santé déposé', 'projets de santé déposés')} en ligne."
        )
        self.stdout.write(f"Couverture par une CPTS sous ACI : {population} habitants ({share:.1%}). Étapes : {stages}")
        self.stdout.write(self.style.SUCCESS("CPTS et MSP de démonstration (fictives) chargées."))
