from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Charge des enveloppes, engagements, versements et co-financements FICTIFS de démonstration "
        "(après demo_cls et demo_cpts). Idempotent."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Commande réservée à la démonstration (IS_DEMO).")
        from comptes.models import User
        from financements.demo import load_demo_financements
        from territoires.models import Region

        by = User.objects.filter(email="siege@demo.ars.fr").first() or User.objects.filter(is_superuser=True).first()
        if by is None:
            raise CommandError("Lancez d'abord `demo_comptes` : un agent du siège enregistre les engagements.")
        region = Region.objects.filter(code=settings.REFERENCE_REGION).first()
        if region is None:
            raise CommandError("Importez d'abord la région de référence (import_territoires).")
        counts = load_demo_financements(by=by, region=region)
        self.stdout.write(f"Créés : {counts['enveloppes']} enveloppes, {counts['engagements']} engagements.")
        self.stdout.write(self.style.SUCCESS("Financements de démonstration (fictifs) chargés."))
