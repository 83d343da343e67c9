from pathlib import Path

from territoires.management.commands._base import ImportCommand
from territoires.overlays import import_overlays


class Command(ImportCommand):
    help = (
        "Importe les classements communaux (ZRR, FRR) depuis un CSV code_commune;classement;valide_du;valide_au "
        "(tout ou rien ; le fichier remplace les périodes des classements qu'il contient)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="Texte d'origine, par ex. « Arrêté du 19 juin 2024 ».")

    def handle(self, *args, file, source, **options):
        self.run_import(import_overlays, path=file, source=source)
