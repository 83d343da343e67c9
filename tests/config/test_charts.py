from decimal import Decimal

from config.charts import Series, column_chart, line_chart


def test_line_chart_is_accessible_svg_with_gaps_and_escaped_text():
    svg = line_chart(
        ["2025-S1", "2025-S2", "2026-S1"],
        [Series("Mesure <b>", [Decimal("1.5"), None, 3]), Series("Cible", [1, 2, 3], dashed=True)],
        title="Titre & co",
        chart_id="c1",
        description="Desc",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-t c1-d"' in svg
    assert '<title id="c1-t">Titre &amp; co</title>' in svg
    assert "Mesure &lt;b&gt;" in svg
    assert "<b>" not in svg
    assert "style=" not in svg  # strict CSP: no inline style
    assert svg.count("<polyline") == 1  # the gap leaves the measured series without a 2-point segment
    assert 'stroke-dasharray="6 4"' in svg
    assert "1,5" in svg  # French decimal comma


def test_line_chart_thins_crowded_labels():
    labels = [f"{2000 + n}-S1" for n in range(30)]
    svg = line_chart(labels, [Series("x", list(range(30)))], title="t", chart_id="c2")
    shown = [label for label in labels if f">{label}</text>" in svg]
    assert len(shown) <= 11
    assert shown[0] == labels[0]
    assert shown[-1] == labels[-1]


def test_column_chart_with_missing_value_and_reference_line():
    svg = column_chart(
        ["18", "28", "36"], [10, None, Decimal("12.25")], title="Barres", chart_id="b", reference=("Cible", 11)
    )
    assert svg.count("<rect") == 2
    assert "Cible : 11" in svg
    assert "12,2" in svg or "12,3" in svg
    assert "style=" not in svg


def test_empty_charts_do_not_fail():
    assert "<svg" in line_chart([], [], title="vide", chart_id="e")
    assert "<svg" in column_chart([], [], title="vide", chart_id="f")


def test_sparkline_states_its_figures_in_its_label():
    from config.charts import sparkline

    svg = sparkline([1, None, 3], label="Évolution : 1 ; 3 <x>", target=4)
    assert 'role="img"' in svg
    assert 'aria-label="Évolution : 1 ; 3 &lt;x&gt;"' in svg
    assert 'stroke-dasharray="4 3"' in svg
    assert sparkline([], label="vide") == ""
