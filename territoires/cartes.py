"""The choropleth map component shared by the national, CPTS and register maps.

A view describes its map with a `Carte` (what the GeoJSON endpoint is, what the colours mean, where the same
figures stand in a table); `templates/includes/carte/page.html` renders it with static/js/choropleth-map.js.
"""

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Legende:
    """One colour of the legend: `swatch` is the CSS class of its colour, `url` an optional link on the label."""

    label: str
    swatch: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Tableau:
    """A page giving the same figures as the map, in a table (the map's accessible alternative)."""

    label: str
    url: str


@dataclass(frozen=True)
class Carte:
    aria_label: str
    geojson_url: str
    legende: list[Legende]
    tableaux: list[Tableau]
    # Popup rows, "property:Label".
    details: list[str] = field(default_factory=list)
    # After loading, "{n}" = the count, "singular|plural".
    status_text: str = "{n} élément affiché sur la carte.|{n} éléments affichés sur la carte."
    # The map data's sources, printed under the map.
    source: str = ""

    @property
    def details_json(self) -> str:
        return json.dumps(self.details, ensure_ascii=False)
