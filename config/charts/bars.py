"""Server-side SVG charts for pages and PDFs (WeasyPrint renders inline SVG).

No JavaScript, no inline `style` (the CSP forbids it): colours are SVG presentation attributes.
Every chart is an `<svg role="img">` with a `<title>` and a text description for screen readers.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from config.typography import fr_number

BLUE_FRANCE = "#000091"
GREY = "#666666"
PALETTE = ["#000091", "#6a6af4", "#009081", "#c3992a", "#ce614a", "#a558a0", "#3558a2", "#e4794a"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    color: str | None = None
    display: str | None = None  # the printed value; defaults to the formatted number


def _text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * 0.55


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    width: int = 480,
    bar_height: int = 18,
    gap: int = 8,
    font_size: float = 9,
    max_value: float | None = None,
    reference: tuple[str, float] | None = None,
    formatter: Callable[[float], str] = fr_number,
) -> SafeString:
    """A horizontal bar chart: one labelled bar per item, the value printed at the end of the bar.

    `reference` draws a dashed vertical line (e.g. a cap or a target) with its label.
    """
    if not bars:
        return mark_safe("")
    label_width = min(max(_text_width(bar.label, font_size) for bar in bars) + 8, width * 0.45)
    value_width = max(_text_width(bar.display or formatter(bar.value), font_size) for bar in bars) + 8
    plot_width = max(width - label_width - value_width, 40)
    top = 4 if reference is None else font_size + 8
    height = top + len(bars) * (bar_height + gap) + 2
    scale_max = max([max_value or 0, *(bar.value or 0 for bar in bars), reference[1] if reference else 0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Marianne, DejaVu Sans, sans-serif" font-size="{font_size}">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape(" ; ".join(f"{bar.label} : {bar.display or formatter(bar.value)}" for bar in bars))
        + "</desc>",
    ]
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        length = plot_width * max(bar.value or 0, 0) / scale_max
        color = bar.color or PALETTE[index % len(PALETTE)]
        text_y = y + bar_height / 2 + font_size / 3
        parts.append(
            f'<text x="{label_width - 6:.1f}" y="{text_y:.1f}" text-anchor="end" fill="#161616">'
            f"{escape(bar.label)}</text>"
        )
        parts.append(
            f'<rect x="{label_width:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{escape(color)}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{text_y:.1f}" fill="#161616">'
            f"{escape(bar.display or formatter(bar.value))}</text>"
        )
    if reference:
        ref_label, ref_value = reference
        x = label_width + plot_width * ref_value / scale_max
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{height}" stroke="{GREY}" '
            'stroke-width="1" stroke-dasharray="3,2"/>'
        )
        parts.append(f'<text x="{x:.1f}" y="{font_size}" text-anchor="middle" fill="{GREY}">{escape(ref_label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[Bar]]],
    *,
    title: str,
    width: int = 480,
    bar_height: int = 16,
    gap: int = 8,
    font_size: float = 9,
) -> SafeString:
    """One horizontal bar per row, split into coloured segments (e.g. measures by status per priority),
    with a legend built from the first row's segment labels."""
    if not rows:
        return mark_safe("")
    label_width = min(max(_text_width(label, font_size) for label, _ in rows) + 8, width * 0.35)
    plot_width = width - label_width - 30
    legend_height = font_size + 10
    height = legend_height + len(rows) * (bar_height + gap) + 2
    scale_max = max(sum(segment.value for segment in segments) for _, segments in rows) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Marianne, DejaVu Sans, sans-serif" font-size="{font_size}">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape(
            " ; ".join(
                f"{label} : " + ", ".join(f"{segment.label} {fr_number(segment.value)}" for segment in segments)
                for label, segments in rows
            )
        )
        + "</desc>",
    ]
    x = 0.0
    for index, segment in enumerate(rows[0][1]):
        color = segment.color or PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="0" width="{font_size}" height="{font_size}" fill="{escape(color)}"/>')
        parts.append(
            f'<text x="{x + font_size + 3:.1f}" y="{font_size - 1}" fill="#161616">{escape(segment.label)}</text>'
        )
        x += font_size + 3 + _text_width(segment.label, font_size) + 12
    for row_index, (label, segments) in enumerate(rows):
        y = legend_height + row_index * (bar_height + gap)
        text_y = y + bar_height / 2 + font_size / 3
        parts.append(
            f'<text x="{label_width - 6:.1f}" y="{text_y:.1f}" text-anchor="end" fill="#161616">{escape(label)}</text>'
        )
        x = label_width
        for index, segment in enumerate(segments):
            length = plot_width * max(segment.value, 0) / scale_max
            if length <= 0:
                continue
            color = segment.color or PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{escape(color)}"/>'
            )
            if length > font_size * 1.5:
                parts.append(
                    f'<text x="{x + length / 2:.1f}" y="{text_y:.1f}" text-anchor="middle" fill="#ffffff">'
                    f"{escape(fr_number(segment.value))}</text>"
                )
            x += length
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


# --- Static maps ------------------------------------------------------------------------------
