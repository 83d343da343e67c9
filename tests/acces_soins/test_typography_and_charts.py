from config.charts import Bar, bar_chart, stacked_bar_chart
from config.typography import fr_delta, fr_number, fr_percent, fr_share

NBSP = "\u00a0"
NNBSP = "\u202f"  # thousands: narrow no-break space


def test_french_numbers():
    assert fr_number(2587031) == f"2{NNBSP}587{NNBSP}031"
    assert fr_number(999) == "999"
    assert fr_number(1234.567, 2) == f"1{NNBSP}234,57"
    assert fr_number(-1500) == f"\u22121{NNBSP}500"
    assert fr_number(None) == "—"
    assert fr_percent(39.8) == f"39,8{NBSP}%"
    assert fr_percent(14.25) == f"14,3{NBSP}%"
    assert fr_share(0.398) == f"39,8{NBSP}%"
    assert fr_delta(1204) == f"+1{NNBSP}204"
    assert fr_delta(-3) == "\u22123"
    assert fr_delta(0) == "="


def test_bar_chart_is_accessible_svg_with_escaped_labels():
    svg = bar_chart([Bar("Cher <18>", 300_000), Bar("Loiret", 680_000)], title="Population & départements")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title>Population &amp; départements</title>" in svg
    assert "Cher &lt;18&gt;" in svg
    assert "<18>" not in svg
    assert f"680{NNBSP}000" in svg
    assert svg.count("<rect") == 2
    assert "style=" not in svg  # the CSP forbids inline styles


def test_bar_chart_reference_line_and_empty_input():
    assert bar_chart([], title="Vide") == ""
    svg = bar_chart([Bar("ZIP", 39.8)], title="Parts", reference=("Plafond", 58.8), max_value=100)
    assert "stroke-dasharray" in svg
    assert "Plafond" in svg


def test_stacked_bar_chart_has_legend_and_segments():
    svg = stacked_bar_chart(
        [
            ("Priorité 1", [Bar("Réalisée", 2), Bar("En cours", 4)]),
            ("Priorité 2", [Bar("Réalisée", 0), Bar("En cours", 3)]),
        ],
        title="Mesures par statut",
    )
    assert svg.count("<rect") == 2 + 3  # legend (2) + non-empty segments (3)
    assert "Réalisée" in svg
    assert "Priorité 2" in svg
