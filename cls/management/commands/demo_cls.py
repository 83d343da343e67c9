from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cls.demo import create_demo_cls
from comptes.models import User
from config.typography import fr_quantity


class Command(BaseCommand):
    help = "Crée une douzaine de contrats locaux de santé FICTIFS (démonstration uniquement). Idempotent."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError("Les CLS fictifs ne peuvent être créés qu'avec les réglages de démonstration.")
        user = User.objects.filter(email="siege@demo.ars.fr").first() or User.objects.filter(is_superuser=True).first()
        if user is None:
            raise CommandError("Lancez d'abord `demo_comptes` : un agent du siège signe l'historique.")
        created = create_demo_cls(user=user, today=timezone.localdate())
        text = fr_quantity(len(created), "contrat local de santé fictif créé", "contrats locaux de santé fictifs créés")
        self.stdout.write(self.style.SUCCESS(f"{text}."))
