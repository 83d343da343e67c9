"""The one-page « remontée nationale » (PDF and CSV): the measures of the plan with their national / regional flag
(`Mesure.niveau`), status, date and source, and the key indicators (those linked to a measure) — for the national
comité de pilotage. No official national template was found (domain.md §5, « à confirmer »): the layout follows the
plan's own structure, said in the document.

Built from the frozen regional bilan of the semester's campaign when it is ready; otherwise from the portal's data of
the day, through the same bilan sections (so both give the same shapes)."""

import datetime

from django.utils import timezone

from acces_soins.enums import NiveauMesure, StatutBilan
from acces_soins.periods import Perimetre, Semestre
from config.exports import export_response
from config.pdf import render_pdf

FORMAT_NOTE = (
    "Aucun modèle national de remontée n'a été trouvé (à confirmer) : mesures du plan et indicateurs clés, "
    "dans l'ordre du plan."
)


def _frozen_bilan(region_code: str, semestre: Semestre):
    from acces_soins.models import BilanSemestriel

    return (
        BilanSemestriel.objects.for_perimetre(Perimetre.region(region_code))
        .filter(semestre=str(semestre), statut=StatutBilan.PRET, campagne__isnull=False)
        .order_by("-version")
        .first()
    )


def _region_et_operateur(perimetre: Perimetre, region=None) -> tuple[str, str]:
    """« Région Centre-Val de Loire » and its ARS's name (`Perimetre.label`, `Perimetre.ars_nom`), from the région
    read with its identity row (`region`, e.g. the one the user's scope holds; else one query)."""
    from comptes.selectors import identite_of_region
    from territoires.models import Region

    if region is None:
        region = Region.objects.select_related("identite").filter(code=perimetre.code).first()
    if region is None:
        return perimetre.label(), perimetre.ars_nom()
    return perimetre.label(place=region), identite_of_region(region).nom


def remontee_nationale(*, region_code: str, semestre: Semestre, region=None) -> dict:
    """`region`: the région of `region_code` with its `identite` row, when already read."""
    from acces_soins import bilan_sections

    perimetre = Perimetre.region(region_code)
    bilan = _frozen_bilan(region_code, semestre)
    if bilan is not None:
        sections = {section["nom"]: section["donnees"] for section in bilan.snapshot["sections"]}
        plan, indicateurs = sections.get("plan"), sections.get("indicateurs")
        source = (
            f"Bilan gelé de la campagne {semestre}, version {bilan.version} ({bilan.snapshot['date_instantane'][:10]})"
        )
    else:
        plan = bilan_sections.plan(perimetre, semestre, complet=False)  # neither pilot roles nor declinations
        indicateurs = bilan_sections.indicateurs(perimetre, semestre, avis=False)  # the comité's avis: not shown
        source = f"Données du portail au {timezone.localdate():%d/%m/%Y} (aucun bilan gelé pour ce semestre)"
    mesures = [
        {**mesure, "priorite": priorite["numero"]}
        for priorite in (plan or {}).get("priorites", [])
        for mesure in priorite["mesures"]
    ]
    cles = {code for mesure in mesures for code in mesure.get("indicateurs", [])}
    rows = [row for row in (indicateurs or {}).get("indicateurs", []) if row["code"] in cles]
    nationales = [m for m in mesures if m["niveau"] == NiveauMesure.NATIONALE.label]
    regionales = [m for m in mesures if m["niveau"] != NiveauMesure.NATIONALE.label]
    libelle, operateur = _region_et_operateur(perimetre, region)
    return {
        "region": libelle,
        "operateur": operateur,
        "semestre": semestre,
        "source": source,
        "format": FORMAT_NOTE,
        "plan": (plan or {}).get("plan", ""),
        "nationales": nationales,
        "regionales": regionales,
        "groupes": [
            (f"{NiveauMesure.NATIONALE.label}s : leur mise en œuvre dans la région", nationales),
            (f"{NiveauMesure.REGIONALE.label}s", regionales),
        ],
        "indicateurs": rows,
        "genere_le": timezone.localtime(),
    }


CSV_HEADER = [
    "Type",
    "Priorité",
    "Référence",
    "Libellé",
    "Niveau",
    "Statut",
    "Date du statut",
    "Source du statut",
    "Commentaire du semestre",
    "Valeur",
    "Période de la valeur",
    "Cible",
    "Statut de l'indicateur",
]


def csv_rows(data: dict):
    for mesure in data["nationales"] + data["regionales"]:
        yield [
            "Mesure",
            mesure["priorite"],
            mesure["reference"],
            mesure["libelle"],
            mesure["niveau"],
            mesure["statut_libelle"],
            mesure["statut_date"],
            mesure["statut_source"],
            mesure["commentaire"],
            None,
            None,
            None,
            None,
        ]
    for row in data["indicateurs"]:
        yield [
            "Indicateur",
            row["priorite"],
            row["code"],
            row["libelle"],
            None,
            None,
            None,
            None,
            None,
            "secret statistique" if row["secret"] else row["valeur"],
            row["periode"],
            row["cible"],
            row["statut"],
        ]


def remontee_response(*, fmt: str, region_code: str, semestre: Semestre, region=None):
    from django.http import HttpResponse

    data = remontee_nationale(region_code=region_code, semestre=semestre, region=region)
    name = f"remontee-nationale-{semestre}-{region_code}"
    if fmt == "csv":
        return export_response(fmt="csv", name=name, header=CSV_HEADER, rows=csv_rows(data))
    pdf = render_pdf("acces_soins/plan/remontee_nationale_pdf.html", data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-{datetime.date.today():%Y-%m-%d}.pdf"'
    return response
