"""The portrait's SVG charts, drawn on the server from the snapshot only (page and PDF alike): the map of the
perimeter with its structures, the population over the imported vintages, the population per zone."""

from django.utils.safestring import SafeString

from config.charts import Bar, Frame, Series, line_chart, map_svg, stacked_bar_chart
from portraits.services.snapshot import POINT_COLOURS, STRUCTURE_TYPES

PERIMETRE_COLOUR = "#cacafb"


def carte(snapshot: dict) -> SafeString:
    data = snapshot["carte"]
    shapes = [
        {"chemin": forme["chemin"], "couleur": PERIMETRE_COLOUR, "libelle": forme["nom"]} for forme in data["formes"]
    ]
    kinds = {point["type"] for point in data["points"]}
    legend = [(STRUCTURE_TYPES[kind], POINT_COLOURS[kind]) for kind in STRUCTURE_TYPES if kind in kinds]
    return map_svg(
        shapes,
        width=data["largeur"],
        height=data["hauteur"],
        title=f"Carte du périmètre — {snapshot['perimetre']['libelle']}",
        legend=legend,
        points=data["points"],
    )


def evolution(snapshot: dict) -> SafeString:
    rows = snapshot["population"]["evolution"]
    if len(rows) < 2:
        return SafeString("")
    return line_chart(
        [row["millesime"] for row in rows],
        [Series("Population municipale", [row["population"] for row in rows])],
        title="Population municipale par millésime",
        chart_id="portrait-population",
        description="Population municipale des communes du périmètre, par millésime importé.",
        frame=Frame(width=560, height=220),
    )


def zones(snapshot: dict) -> SafeString:
    rows = [
        (
            row["profession"],
            [Bar(zone["code"], zone["population"], zone["couleur"]) for zone in row["zones"] if zone["population"]],
        )
        for row in snapshot["zonage"]
    ]
    rows = [(label, bars) for label, bars in rows if bars]
    return stacked_bar_chart(rows, title="Population par zone et par profession") if rows else SafeString("")


def charts(snapshot: dict) -> dict[str, SafeString]:
    return {"carte": carte(snapshot), "evolution": evolution(snapshot), "zones": zones(snapshot)}
