from pathlib import Path

from territoires.enums import TvsSource
from territoires.importers import import_tvs
from territoires.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = "Importe les territoires de vie-santé depuis un CSV code_commune;code_tvs;nom_tvs (tout ou rien)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", choices=TvsSource.values, default=TvsSource.DREES)

    def handle(self, *args, file, source, **options):
        self.run_import(import_tvs, path=file, source=source)
