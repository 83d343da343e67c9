"""Domain-free SVG charts rendered on the server (HTML pages and WeasyPrint PDFs).

Each chart is an accessible `<svg role="img">` with a <title> and a <desc>; callers render a data
table next to it as the text alternative. No inline style (strict CSP): colours are presentation
attributes, and classes (`chart-*`) allow theming from static CSS.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#000091", "#c9191e", "#18753c", "#b34000", "#695240", "#6a6af4"]
MAX_X_LABELS = 9
FONT = 'font-family="Marianne, Arial, sans-serif" font-size="12"'


@dataclass
class Series:
    """A named line: one value (or None for a gap) per x label."""

    name: str
    values: list[float | Decimal | None]
    dashed: bool = False
    colour: str | None = None


@dataclass
class Frame:
    width: int = 640
    height: int = 280
    left: int = 64
    right: int = 16
    top: int = 16
    bottom: int = 48
    ticks: int = 5
    extra: dict = field(default_factory=dict)

    @property
    def inner_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> int:
        return self.height - self.top - self.bottom


def _number(value) -> str:
    """French number formatting with a non-breaking space for thousands and a decimal comma."""
    number = float(value)
    text = f"{number:,.1f}" if abs(number - round(number)) > 1e-9 else f"{round(number):,}"
    return text.replace(",", "\u202f").replace(".", ",")


def _scale(values: list[float], *, include_zero: bool = True) -> tuple[float, float]:
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    padding = (high - low) * 0.08
    return (low if low == 0 else low - padding), high + padding


def _open(frame: Frame, title: str, description: str, chart_id: str, css_class: str) -> list[str]:
    chart_id = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" viewBox="0 0 {frame.width} {frame.height}"'
        f' width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" {FONT}>',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]


def _axes(frame: Frame, low: float, high: float, y) -> list[str]:
    parts = []
    for step in range(frame.ticks + 1):
        value = low + (high - low) * step / frame.ticks
        ypos = y(value)
        parts.append(
            f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
            f'stroke="#dddddd" class="chart-grid"/>'
            f'<text x="{frame.left - 6}" y="{ypos + 4:.1f}" text-anchor="end" fill="#3a3a3a">{_number(value)}</text>'
        )
    parts.append(
        f'<line x1="{frame.left}" x2="{frame.left}" y1="{frame.top}" y2="{frame.height - frame.bottom}" '
        'stroke="#666666"/>'
    )
    return parts


def line_chart(
    labels: list[str],
    series: list[Series],
    *,
    title: str,
    chart_id: str,
    description: str = "",
    css_class: str = "chart-line",
    frame: Frame | None = None,
) -> SafeString:
    """Lines over categorical x labels (e.g. semesters); None values leave gaps."""
    frame = frame or Frame()
    values = [float(v) for s in series for v in s.values if v is not None]
    low, high = _scale(values)
    count = max(len(labels), 1)

    def x(index: int) -> float:
        return frame.left + (frame.inner_width * (index + 0.5) / count)

    def y(value: float) -> float:
        return frame.top + frame.inner_height * (1 - (value - low) / (high - low))

    parts = _open(frame, title, description, chart_id, css_class) + _axes(frame, low, high, y)
    every = max(1, -(-len(labels) // MAX_X_LABELS))  # thin the x labels so they never overlap
    for index, label in enumerate(labels):
        last = len(labels) - 1
        if (index % every or last - index < every) and index not in (0, last):
            continue
        parts.append(
            f'<text x="{x(index):.1f}" y="{frame.height - frame.bottom + 18}" text-anchor="middle" fill="#3a3a3a">'
            f"{escape(label)}</text>"
        )
    for number, item in enumerate(series):
        colour = item.colour or PALETTE[number % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        segment: list[str] = []
        segments = [segment]
        for index, value in enumerate(item.values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{x(index):.1f},{y(float(value)):.1f}")
            parts.append(
                f'<circle cx="{x(index):.1f}" cy="{y(float(value)):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(item.name)} — {escape(labels[index])} : {_number(value)}</title></circle>"
            )
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
                )
    parts += _legend(frame, series)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def _legend(frame: Frame, series: list[Series]) -> list[str]:
    parts, xpos = [], frame.left
    ypos = frame.height - 10
    for number, item in enumerate(series):
        colour = item.colour or PALETTE[number % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        parts.append(
            f'<line x1="{xpos}" x2="{xpos + 20}" y1="{ypos - 4}" y2="{ypos - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{xpos + 26}" y="{ypos}" fill="#161616">{escape(item.name)}</text>'
        )
        xpos += 40 + 7 * len(item.name)
    return parts


def column_chart(
    labels: list[str],
    values: list[float | Decimal | None],
    *,
    title: str,
    chart_id: str,
    description: str = "",
    css_class: str = "chart-bar",
    reference: tuple[str, float | Decimal] | None = None,
    frame: Frame | None = None,
) -> SafeString:
    """Vertical bars, one per label; a None value draws no bar; an optional horizontal reference line."""
    frame = frame or Frame()
    numbers = [float(v) for v in values if v is not None] + ([float(reference[1])] if reference else [])
    low, high = _scale(numbers)
    count = max(len(labels), 1)
    slot = frame.inner_width / count

    def y(value: float) -> float:
        return frame.top + frame.inner_height * (1 - (value - low) / (high - low))

    parts = _open(frame, title, description, chart_id, css_class) + _axes(frame, low, high, y)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        xpos = frame.left + slot * index + slot * 0.15
        if value is not None:
            top, base = y(max(float(value), 0.0)), y(min(float(value), 0.0))
            parts.append(
                f'<rect x="{xpos:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" height="{max(base - top, 0.5):.1f}" '
                f'fill="{PALETTE[0]}" class="chart-bar-rect"><title>{escape(label)} : {_number(value)}</title></rect>'
                f'<text x="{xpos + slot * 0.35:.1f}" y="{top - 4:.1f}" text-anchor="middle" fill="#161616">'
                f"{_number(value)}</text>"
            )
        parts.append(
            f'<text x="{xpos + slot * 0.35:.1f}" y="{frame.height - frame.bottom + 18}" text-anchor="middle" '
            f'fill="#3a3a3a">{escape(label)}</text>'
        )
    if reference:
        ypos = y(float(reference[1]))
        parts.append(
            f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
            f'stroke="{PALETTE[1]}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{frame.width - frame.right}" y="{ypos - 4:.1f}" text-anchor="end" fill="{PALETTE[1]}">'
            f"{escape(reference[0])} : {_number(reference[1])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def sparkline(
    values: list[float | Decimal | None],
    *,
    label: str,
    target: float | Decimal | None = None,
    width: int = 120,
    height: int = 32,
) -> SafeString:
    """A small trend line for a table cell; `label` (its text alternative) states the figures it draws."""
    numbers = [float(v) for v in values if v is not None] + ([float(target)] if target is not None else [])
    if not numbers:
        return mark_safe("")  # noqa: S308 — constant
    low, high = min(numbers), max(numbers)
    if high == low:
        low, high = low - 1, high + 1
    count = max(len(values) - 1, 1)

    def x(index: int) -> float:
        return 2 + (width - 4) * index / count

    def y(value: float) -> float:
        return 2 + (height - 4) * (1 - (value - low) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-sparkline" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
    ]
    if target is not None:
        parts.append(
            f'<line x1="0" x2="{width}" y1="{y(float(target)):.1f}" y2="{y(float(target)):.1f}" stroke="{PALETTE[1]}" '
            'stroke-width="1" stroke-dasharray="4 3"/>'
        )
    points = [f"{x(i):.1f},{y(float(v)):.1f}" for i, v in enumerate(values) if v is not None]
    if len(points) > 1:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    if points:
        last_x, last_y = points[-1].split(",")
        parts.append(f'<circle cx="{last_x}" cy="{last_y}" r="2.5" fill="{PALETTE[0]}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — the only text is escaped
