"""From a bilan snapshot to its PDF (or its HTML view): charts and context are derived from the
snapshot only, so a ready bilan renders the same figures forever."""

from datetime import datetime

from django.conf import settings

from acces_soins.enums import StatutMesure
from acces_soins.periods import Perimetre
from config.charts import Bar, bar_chart, map_svg, stacked_bar_chart
from config.pdf import render_pdf
from config.typography import fr_number, fr_percent

POPULATION_COLORS = ["#e8edff", "#b1c4ff", "#6a8eff", "#000091"]
# Domain convention (domain.md §3.2): ZIP orange, ZAC blue, ZV green, HC white.
ZONE_COLORS = {"ZIP": "#e4794a", "ZAC": "#3558a2", "ZV": "#68a532", "HC": "#ffffff"}
ZONE_BAR_COLORS = {**ZONE_COLORS, "HC": "#cecece"}  # a white bar would not show

STATUT_COLORS = {
    StatutMesure.REALISEE: "#18753c",
    StatutMesure.EN_COURS: "#0063cb",
    StatutMesure.EN_ATTENTE_TEXTES: "#b34000",
    StatutMesure.NON_ENGAGEE: "#929292",
}


def _charts(snapshot: dict, *, cartes: bool = True) -> dict:
    """The SVG charts of a bilan. `cartes=False` (the HTML view): the maps, one shape per commune and heavy at a
    region's scale, are left to the PDF; `cartes_en_pdf` then names the sections whose map it holds. In the PDF a
    map draws one path per colour (`map_svg(merge=True)`): the same picture, every commune outlined, with a few SVG
    elements instead of two per commune; each commune's label is in the map's description."""
    sections = {section["nom"]: section["donnees"] for section in snapshot["sections"]}
    charts = {
        "cartes_en_pdf": [],
        "statuts": "",
        "population": "",
        "cls": "",
        "cpts": "",
        "zonage": "",
        "carte": "",
        "carte_zonage": "",
        "indicateurs": [],
    }
    plan = sections.get("plan")
    if plan:
        rows = [
            (
                f"Priorité {priorite['numero']}",
                [
                    Bar(StatutMesure(statut).label, priorite["statuts"].get(statut, 0), STATUT_COLORS[statut])
                    for statut in STATUT_COLORS
                ],
            )
            for priorite in plan["priorites"]
        ]
        charts["statuts"] = stacked_bar_chart(rows, title="Mesures par statut et par priorité")
    territoire = sections.get("territoire")
    if territoire and len(territoire["departements"]) > 1:
        charts["population"] = bar_chart(
            [Bar(f"{d['nom']} ({d['code']})", d["population"]) for d in territoire["departements"]],
            title="Population municipale par département",
        )
    maps = [("territoire", "carte", _population_map), ("zonage", "carte_zonage", _zone_map)]
    for section, chart, draw in maps:
        if sections.get(section) and sections[section].get("carte"):
            if cartes:
                charts[chart] = draw(sections[section]["carte"])
            else:
                charts["cartes_en_pdf"].append(section)
    for name in ("cls", "cpts"):
        data = sections.get(name)
        if data and data["pipeline"]:
            charts[name] = bar_chart(
                [Bar(row["etape"], row["nombre"]) for row in data["pipeline"]], title="Dossiers par étape"
            )
    zonage = sections.get("zonage")
    if zonage and zonage["zones"]:
        charts["zonage"] = bar_chart(
            [
                Bar(row["zone"], row["part"] or 0, ZONE_BAR_COLORS.get(row["zone"]), display=fr_percent(row["part"]))
                for row in zonage["zones"]
            ],
            title="Part de la population par zone",
            max_value=100,
        )
    indicateurs = sections.get("indicateurs")
    if indicateurs:
        charts["indicateurs"] = [_indicator_chart(row) for row in indicateurs["indicateurs"] if _chartable(row)]
    return charts


def _chartable(row: dict) -> bool:
    return (
        row["valeur"] is not None and not row["secret"] and (row["reference"] is not None or row["cible"] is not None)
    )


def _indicator_chart(row: dict):
    """Baseline, latest value and target of one indicator, on one scale (same unit)."""
    bars = [
        Bar(label, value, color)
        for label, value, color in (
            ("Référence", row["reference"], "#929292"),
            (f"Valeur {row['periode']}", row["valeur"], "#000091"),
            ("Cible", row["cible"], "#18753c"),
        )
        if value is not None
    ]
    title = f"{row['libelle']} ({row['unite']}) — {row['statut']}"
    return {"titre": title, "svg": bar_chart(bars, title=title, width=340, bar_height=12, gap=5)}


def _population_map(carte: dict):
    """Choropleth of population in four classes (quartile bounds of the shapes shown)."""
    values = sorted(shape["valeur"] or 0 for shape in carte["formes"])
    bounds = [values[min(len(values) - 1, len(values) * q // 4)] for q in (1, 2, 3)]

    def klass(value):
        return sum((value or 0) > bound for bound in bounds)

    shapes = [
        {
            "chemin": shape["chemin"],
            "couleur": POPULATION_COLORS[klass(shape["valeur"])],
            "libelle": f"{shape['nom']} : {fr_number(shape['valeur'])} habitants",
        }
        for shape in carte["formes"]
    ]
    edges = [values[0], *bounds, values[-1]]
    legend = [
        (f"{fr_number(edges[i])} à {fr_number(edges[i + 1])} habitants", POPULATION_COLORS[i])
        for i in range(4)
        if i == 0 or edges[i] != edges[i + 1]
    ]
    return map_svg(
        shapes,
        width=carte["largeur"],
        height=carte["hauteur"],
        title="Population municipale",
        legend=legend,
        merge=True,
    )


def _zone_map(carte: dict):
    shapes = [
        {
            "chemin": shape["chemin"],
            "couleur": ZONE_COLORS.get(shape["valeur"], "#dddddd"),
            "libelle": f"{shape['nom']} : {shape['valeur'] or 'non classée'}",
        }
        for shape in carte["formes"]
    ]
    present = {shape["valeur"] for shape in carte["formes"]}
    legend = [(zone, color) for zone, color in ZONE_COLORS.items() if zone in present]
    return map_svg(
        shapes, width=carte["largeur"], height=carte["hauteur"], title="Zonage médecins", legend=legend, merge=True
    )


def bilan_context(snapshot: dict, *, cartes: bool = True) -> dict:
    """The template context of a bilan (PDF and HTML view share it; the HTML view without the maps)."""
    meta = snapshot.get("bilan") or {}
    generated = meta.get("genere_le")
    return {
        "snapshot": snapshot,
        "sections": snapshot["sections"],
        "version": meta.get("version", ""),
        "genere_le": datetime.fromisoformat(generated) if generated else None,
        "charts": _charts(snapshot, cartes=cartes),
        # Snapshots older than the bloc-marque did not freeze the ARS name: name it from today's data.
        "operateur": snapshot.get("operateur") or Perimetre.parse(snapshot["perimetre"]["cle"]).ars_nom(),
        "demo": snapshot.get("donnees_fictives", settings.IS_DEMO),
    }


def render_bilan_pdf(snapshot: dict) -> bytes:
    return render_pdf("acces_soins/bilans/pdf.html", bilan_context(snapshot))
