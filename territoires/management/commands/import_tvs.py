from pathlib import Path

from territoires.enums import TvsSource
from territoires.importers import import_tvs
from territoires.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe les territoires de vie-santé depuis un CSV code_commune;code_tvs;nom_tvs (tout ou rien), "
        "conservés comme une version nommée de la liste (celle qu'un arrêté de zonage cite)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", choices=TvsSource.values, default=TvsSource.DREES)
        parser.add_argument(
            "--version-tvs", dest="tvs_version", required=True, help="Nom de la version, ex. « DREES 2022 »."
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help="Enregistrer la version sans changer le TVS courant des communes (version ancienne).",
        )

    def handle(self, *args, file, source, tvs_version, archive, **options):
        self.run_import(import_tvs, path=file, source=source, version=tvs_version, courant=not archive)
