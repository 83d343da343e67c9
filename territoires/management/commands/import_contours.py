from pathlib import Path

from territoires.enums import ContourLevel
from territoires.importers import import_contours
from territoires.management.commands._base import ImportCommand

DEFAULT_SOURCE = "IGN Admin Express COG 2018, simplifié (france-geojson), Licence Ouverte"


class Command(ImportCommand):
    help = "Rattache des contours GeoJSON aux territoires par code INSEE et liste les codes sans correspondance."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="Fichier GeoJSON (FeatureCollection ou Feature) avec une propriété « code »."
        )
        parser.add_argument("--niveau", choices=ContourLevel.values, default=ContourLevel.COMMUNE)
        parser.add_argument("--source", default=DEFAULT_SOURCE, help="Mention de la source affichée avec la carte.")

    def handle(self, *args, file, niveau, source, **options):
        self.run_import(import_contours, path=file, level=niveau, source=source)
