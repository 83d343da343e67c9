from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicateurs.semestre import Semestre


class Command(BaseCommand):
    help = "Recalcule les indicateurs calculés d'un ou plusieurs semestres (par défaut : le semestre en cours)."

    def add_arguments(self, parser):
        parser.add_argument("semestres", nargs="*", help="Semestres au format 2026-S1.")
        parser.add_argument("--precedent", action="store_true", help="Ajouter le semestre précédent.")
        parser.add_argument(
            "--region", default=None, help="Code INSEE de la région (par défaut : toutes les régions ouvertes)."
        )

    def handle(self, *args, semestres, precedent, region, **options):
        from indicateurs.models import Recalcul
        from indicateurs.services import recalcul_executer

        try:
            periodes = [Semestre.parse(text) for text in semestres] or [Semestre.containing(timezone.localdate())]
        except ValueError as error:
            raise CommandError(str(error)) from error
        if precedent:
            periodes.append(periodes[0].previous())
        for periode in periodes:
            recalcul = Recalcul.objects.create(periode=str(periode))
            done = recalcul_executer(recalcul_id=recalcul.pk, region_code=region)
            self.stdout.write(f"{periode} : {done.get_status_display() if done else 'déjà traité'}.")
