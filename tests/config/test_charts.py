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


# --- Maps simplified for print (issue 16 §3) ---------------------------------------------------------------


def _circle(cx, cy, radius, points):
    import math

    ring = [
        [cx + radius * math.cos(2 * math.pi * i / points), cy + radius * math.sin(2 * math.pi * i / points)]
        for i in range(points)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _distance_to_outline(point, outline):
    from config.charts.maps import _segment_distance

    return min(_segment_distance(point, outline[i], outline[(i + 1) % len(outline)]) for i in range(len(outline)))


def test_douglas_peucker_keeps_every_vertex_within_the_tolerance():
    import math

    from config.charts.maps import simplify_ring

    ring = [(100 + 80 * math.cos(i / 400), 100 + 60 * math.sin(i / 400) + (i % 7) * 0.02) for i in range(2514)]
    kept = simplify_ring([*ring, ring[0]], 0.3)
    assert 10 < len(kept) < len(ring) / 10
    assert max(_distance_to_outline(point, kept) for point in ring) <= 0.3 + 1e-9


def test_a_territory_smaller_than_the_tolerance_keeps_a_triangle():
    from config.charts.maps import simplify_ring

    tiny = [(10.0, 10.0), (10.05, 10.0), (10.05, 10.04), (10.02, 10.06), (10.0, 10.04), (10.0, 10.0)]
    assert len(simplify_ring(tiny, 0.3)) == 3


def test_simplified_projection_draws_every_commune_with_far_fewer_points():
    from config.charts import project_paths

    geometries = {f"{n:05d}": _circle(1 + (n % 10) * 0.1, 47 + (n // 10) * 0.1, 0.04, 600) for n in range(30)}
    geometries["99999"] = _circle(1.5, 46.9, 0.0003, 40)  # a commune a fraction of a pixel wide
    filtered, _ = project_paths(geometries, width=360)
    simplified, size = project_paths(geometries, width=360, simplify=0.3)
    assert "99999" not in filtered or not filtered["99999"]  # the distance filter alone loses it
    assert set(simplified) == set(geometries)
    assert all(path.startswith("M") and path.endswith("Z") for path in simplified.values())
    points = sum(path.count("L") + 1 for path in simplified.values())
    assert points < sum(path.count("L") + 1 for path in filtered.values() if path) / 2
    assert size == (360, size[1])


def test_a_merged_map_draws_one_path_per_colour_with_every_outline():
    from config.charts import map_svg

    shapes = [
        {"chemin": f"M{n},0L{n + 1},0L{n},1Z", "couleur": "#e4794a" if n % 2 else "#3558a2", "libelle": f"C{n}"}
        for n in range(6)
    ]
    separate = map_svg(shapes, width=10, height=10, title="Carte")
    merged = map_svg(shapes, width=10, height=10, title="Carte", merge=True)
    assert separate.count("<path") == 6
    assert merged.count("<path") == 2
    assert 'd="M1,0L2,0L1,1ZM3,0L4,0L3,1ZM5,0L6,0L5,1Z" fill="#e4794a"' in merged
    assert "<desc>C0 ; C1 ; C2 ; C3 ; C4 ; C5</desc>" in merged
