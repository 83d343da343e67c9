from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from territoires.demo import SPLIT_ABOVE, write_demo_tvs_csv


class Command(BaseCommand):
    help = (
        "Écrit un CSV de territoires de vie-santé de démonstration (un TVS par EPCI, découpé au-delà de "
        f"{SPLIT_ABOVE} habitants), à importer ensuite avec import_tvs --source demo. Ce n'est pas la liste DREES."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", default=settings.REFERENCE_REGION)
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "var" / "tvs-demo.csv")

    def handle(self, *args, region, output, **options):
        count = write_demo_tvs_csv(region, output)
        self.stdout.write(self.style.SUCCESS(f"{count} TVS de démonstration écrits dans {output}."))
