from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comptes.demo import DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = "Crée (ou remet à jour) les organisations et comptes de démonstration. Refuse de tourner hors démo."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args, password, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError(
                "Les comptes de démonstration ne peuvent être créés qu'avec les réglages de démonstration "
                "(config.settings.dev), jamais en production."
            )
        accounts = create_demo_accounts(password=password)
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration (personnes fictives) :"))
        for account in accounts:
            self.stdout.write(f"  {account.email:<24} {password}   {account.description}")
