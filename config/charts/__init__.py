"""Domain-free SVG charts rendered on the server, for HTML pages and WeasyPrint PDFs.

- `bars`: horizontal labelled bars and stacked bars (bilans: shares, pipelines);
- `axes`: charts with axes — line (trend vs target), columns, sparkline (indicators);
- `maps`: static SVG maps projected from GeoJSON contours (bilans).
Every chart is an accessible `<svg role="img">` with a title and a description; pages render a
data table next to it as the text alternative. No inline style: the CSP forbids it.
"""

from config.charts.axes import Frame, Series, column_chart, line_chart, sparkline
from config.charts.bars import Bar, bar_chart, stacked_bar_chart
from config.charts.maps import centroid, map_svg, project, project_paths

__all__ = [
    "Bar",
    "Frame",
    "Series",
    "bar_chart",
    "column_chart",
    "line_chart",
    "centroid",
    "map_svg",
    "project",
    "project_paths",
    "sparkline",
    "stacked_bar_chart",
]
