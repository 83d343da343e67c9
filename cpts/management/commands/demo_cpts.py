from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


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
            f"Créées : {counts['cpts']} CPTS, {counts['msp']} MSP, {counts['centres']} centres de santé, "
            f"{counts['esp']} équipes de soins primaires, {counts['projets']} projet(s) de santé déposé(s) en ligne."
        )
        self.stdout.write(f"Couverture par une CPTS sous ACI : {population} habitants ({share:.1%}). Étapes : {stages}")
        self.stdout.write(self.style.SUCCESS("CPTS et MSP de démonstration (fictives) chargées."))
