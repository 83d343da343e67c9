"""Produce a semester bilan synchronously, through the same code path as the Celery task."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from acces_soins.enums import OrigineBilan, StatutBilan
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_produce, bilan_request


class Command(BaseCommand):
    help = "Produit un bilan semestriel (nouvelle version) et écrit son PDF (--perimetre region:24 --semestre 2026-S1)."

    def add_arguments(self, parser):
        parser.add_argument("--perimetre", required=True, help="region:24 ou departement:37")
        parser.add_argument("--semestre", required=True, help="2026-S1 ou 2026-S2")
        parser.add_argument("--sortie", help="Chemin du PDF à écrire (facultatif)")

    def handle(self, *args, **options):
        try:
            perimetre = Perimetre.parse(options["perimetre"])
            semestre = Semestre.parse(options["semestre"])
            bilan = bilan_request(perimetre=perimetre, semestre=semestre, origine=OrigineBilan.COMMANDE, enqueue=False)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        bilan_produce(bilan.pk)
        bilan.refresh_from_db()
        if bilan.statut != StatutBilan.PRET:
            raise CommandError(bilan.erreur or f"Le bilan n'est pas prêt (statut : {bilan.get_statut_display()}).")
        if options["sortie"]:
            with bilan.fichier.open("rb") as source:
                Path(options["sortie"]).write_bytes(source.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"Bilan {bilan.semestre} {bilan.perimetre_libelle} v{bilan.version} : {bilan.page_count} pages, "
                f"SHA-256 {bilan.sha256}" + (f", écrit dans {options['sortie']}" if options["sortie"] else "")
            )
        )
