"""From a bilan snapshot to its PDF (or its HTML view): charts and context are derived from the
snapshot only, so a ready bilan renders the same figures forever."""

from datetime import datetime

from django.conf import settings

from acces_soins.enums import StatutMesure
from config.charts import Bar, bar_chart, stacked_bar_chart
from config.pdf import render_pdf
from config.typography import fr_percent

STATUT_COLORS = {
    StatutMesure.REALISEE: "#18753c",
    StatutMesure.EN_COURS: "#0063cb",
    StatutMesure.EN_ATTENTE_TEXTES: "#b34000",
    StatutMesure.NON_ENGAGEE: "#929292",
}


def _charts(snapshot: dict) -> dict:
    sections = {section["nom"]: section["donnees"] for section in snapshot["sections"]}
    charts = {"statuts": "", "population": "", "cls": "", "cpts": "", "zonage": ""}
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
    for name in ("cls", "cpts"):
        data = sections.get(name)
        if data and data["pipeline"]:
            charts[name] = bar_chart(
                [Bar(row["etape"], row["nombre"]) for row in data["pipeline"]], title="Dossiers par étape"
            )
    zonage = sections.get("zonage")
    if zonage and zonage["zones"]:
        charts["zonage"] = bar_chart(
            [Bar(row["zone"], row["part"] or 0, display=fr_percent(row["part"])) for row in zonage["zones"]],
            title="Part de la population par zone",
            max_value=100,
        )
    return charts


def bilan_context(snapshot: dict) -> dict:
    """The template context of a bilan (PDF and HTML view share it)."""
    meta = snapshot.get("bilan") or {}
    generated = meta.get("genere_le")
    return {
        "snapshot": snapshot,
        "sections": snapshot["sections"],
        "version": meta.get("version", ""),
        "genere_le": datetime.fromisoformat(generated) if generated else None,
        "charts": _charts(snapshot),
        "operateur": settings.SITE_OPERATOR,
    }


def render_bilan_pdf(snapshot: dict) -> bytes:
    return render_pdf("acces_soins/bilans/pdf.html", bilan_context(snapshot))
