import time
from pathlib import Path

from django.conf import settings

from territoires.importers import import_decoupage
from territoires.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe régions, départements, EPCI et communes depuis @etalab/decoupage-administratif "
        "(toute la France, ou une seule région avec --region). Relancer met à jour sur place."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Code INSEE de la région (ex. 24 pour le Centre-Val de Loire).")
        parser.add_argument(
            "--source",
            type=Path,
            default=settings.DECOUPAGE_ADMINISTRATIF_DIR,
            help="Dossier du paquet npm (par défaut : node_modules/@etalab/decoupage-administratif).",
        )
        parser.add_argument(
            "--millesime-population",
            help="Millésime des populations du paquet (par défaut : millésime du COG moins 3, règle de l'INSEE).",
        )

    def handle(self, *args, region=None, source=None, millesime_population=None, **options):
        started = time.perf_counter()
        self.run_import(
            import_decoupage, source_dir=Path(source), region_code=region, millesime_population=millesime_population
        )
        self.stdout.write(f"Durée : {time.perf_counter() - started:.1f} s")
