"""Send (or list with --dry-run) the reminders of the CPTS mission deadlines due on a date."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.typography import fr_plural, fr_quantity
from cpts.services.rappels import rappels_envoyer


class Command(BaseCommand):
    help = "Envoie les rappels d'échéance des missions des CPTS signées (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Journée traitée (AAAA-MM-JJ), aujourd'hui par défaut.")
        parser.add_argument("--dry-run", action="store_true", help="Liste les rappels sans rien envoyer.")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("Date invalide : utilisez le format AAAA-MM-JJ.") from None
        rappels = rappels_envoyer(on=on, dry_run=dry_run)
        for rappel in rappels:
            self.stdout.write(
                f"{rappel.mission.cpts.nom} — {rappel.mission.mission.libelle} — {rappel.echeance} "
                f"{rappel.date_echeance:%d/%m/%Y} — {rappel.palier}"
            )
        verb = "à envoyer" if dry_run else fr_plural(len(rappels), "envoyé")
        self.stdout.write(f"{fr_quantity(len(rappels), 'rappel')} {verb} pour le {on:%d/%m/%Y}.")
