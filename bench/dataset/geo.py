"""The real geography (open data already used by the portal) and demonstration TVS for the zonage."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from territoires.demo import demo_tvs_rows
from territoires.enums import TvsSource
from territoires.importers import TVS_COLUMNS, import_tvs
from territoires.models import Region

TVS_VERSION = "bench"


def import_geography(region_code: str | None) -> None:
    """Régions, départements, EPCI and communes from @etalab/decoupage-administratif (all of France, or one
    region), then one demonstration TVS per EPCI (territoires/demo.py's documented rule)."""
    arguments = ["import_territoires"] + (["--region", region_code] if region_code else [])
    call_command(*arguments, stdout=StringIO())
    codes = [region_code] if region_code else list(Region.objects.values_list("code", flat=True))
    rows = []
    for code in codes:
        rows.extend(demo_tvs_rows(code))
    with tempfile.TemporaryDirectory(prefix="bench-tvs-") as folder:
        path = Path(folder) / "tvs.csv"
        path.write_text(
            "\n".join([";".join(TVS_COLUMNS), *(";".join(row) for row in sorted(rows))]) + "\n", encoding="utf-8"
        )
        import_tvs(path=path, version=TVS_VERSION, source=TvsSource.DEMO)
