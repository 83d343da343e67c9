"""The Gantt-like timeline of a feuille de route, as server-rendered SVG.

No inline style (the CSP forbids it): geometry is given by SVG attributes, colours by CSS classes
(static/css/feuilles.css). The page prints an equivalent table next to it for screen readers.
"""

import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from config.typography import fr_quantity

LABEL_WIDTH = 230
ROW_HEIGHT = 26
BAR_HEIGHT = 14
AXIS_HEIGHT = 34
FONT_SIZE = 10


def _fr_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _shorten(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_svg(actions, *, on: datetime.date, title: str, width: int = 900) -> SafeString:
    """One row per action (bar from start to end, milestones as diamonds), a year axis and a today line.

    `actions` carry `en_retard` and their `jalons` with `en_retard` (ActionQuerySet.with_list_data).
    """
    actions = list(actions)
    if not actions:
        return mark_safe("")
    start = min(min(a.date_debut for a in actions), on)
    end = max(max(a.date_fin for a in actions), on)
    start = datetime.date(start.year, 1, 1)
    end = datetime.date(end.year, 12, 31)
    span = (end - start).days or 1
    plot = width - LABEL_WIDTH - 10
    height = AXIS_HEIGHT + len(actions) * ROW_HEIGHT + 6

    def x(day: datetime.date) -> float:
        return LABEL_WIDTH + plot * (day - start).days / span

    descriptions = []
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart gantt" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Marianne, DejaVu Sans, sans-serif" font-size="{FONT_SIZE}">',
        f"<title>{escape(title)}</title>",
    ]
    body = []
    for year in range(start.year, end.year + 1):
        left = x(datetime.date(year, 1, 1))
        body.append(f'<line class="gantt-grid" x1="{left:.1f}" y1="0" x2="{left:.1f}" y2="{height}"/>')
        body.append(f'<text class="gantt-axis" x="{left + 4:.1f}" y="14">{year}</text>')
    for index, action in enumerate(actions):
        top = AXIS_HEIGHT + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        body.append(
            f'<text class="gantt-label" x="{LABEL_WIDTH - 8}" y="{middle + FONT_SIZE / 3:.1f}" text-anchor="end">'
            f"{escape(action.reference)} {escape(_shorten(action.libelle))}</text>"
        )
        left, right = x(action.date_debut), x(action.date_fin)
        classes = f"gantt-bar gantt-bar--{action.statut}" + (" gantt-bar--retard" if action.en_retard else "")
        body.append(
            f'<rect class="{classes}" x="{left:.1f}" y="{middle - BAR_HEIGHT / 2:.1f}" '
            f'width="{max(right - left, 2):.1f}" height="{BAR_HEIGHT}" rx="2"/>'
        )
        jalons = list(action.jalons.all())
        for jalon in jalons:
            day = jalon.date_realisee or jalon.date_prevue
            state = "realise" if jalon.date_realisee else ("retard" if jalon.en_retard else "prevu")
            cx, cy, r = x(day), middle, 5
            body.append(
                f'<polygon class="gantt-jalon gantt-jalon--{state}" '
                f'points="{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} {cx - r:.1f},{cy:.1f}"/>'
            )
        descriptions.append(
            f"{action.reference} {action.libelle} : du {_fr_date(action.date_debut)} au {_fr_date(action.date_fin)}, "
            f"{action.get_statut_display().lower()}{', en retard' if action.en_retard else ''}, "
            f"{fr_quantity(len(jalons), 'jalon')}"
        )
    today = x(on)
    body.append(f'<line class="gantt-today" x1="{today:.1f}" y1="{AXIS_HEIGHT - 4}" x2="{today:.1f}" y2="{height}"/>')
    anchor, shift = ("end", -3) if today > width - 70 else ("start", 3)
    body.append(
        f'<text class="gantt-today-label" x="{today + shift:.1f}" y="{AXIS_HEIGHT - 8}" text-anchor="{anchor}">'
        "Aujourd'hui</text>"
    )
    parts.append("<desc>" + escape(" ; ".join(descriptions)) + "</desc>")
    parts.extend(body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
