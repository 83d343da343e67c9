"""The indicative deadlines of the instruction circuit, seeded by migration 0005 (« à confirmer »: no text
sets them for lettres d'intention and projets de santé); editable in the admin afterwards."""

import datetime

SINCE = datetime.date(2024, 1, 1)
DEADLINES = [
    (
        "decision",
        60,
        "Code des relations entre le public et l'administration, art. L231-1 et L231-4 (délai de droit commun "
        "de deux mois) ; son application aux lettres d'intention et projets de santé est à confirmer par l'ARS.",
    ),
    (
        "complement",
        30,
        "Valeur de travail du portail : aucun texte ne fixe le délai de réponse à une demande de complément ; "
        "à confirmer par l'ARS.",
    ),
    (
        "avis",
        21,
        "Valeur de travail du portail : aucun texte ne fixe le délai d'avis des partenaires co-instructeurs ; "
        "à confirmer avec l'Assurance maladie et les URPS.",
    ),
]


def seed(apps) -> None:
    """Create the rows that are missing (a migration passes its historical `apps`, tests the real ones)."""
    Delai = apps.get_model("instruction", "Delai")
    for etape, jours, source in DEADLINES:
        Delai.objects.get_or_create(
            etape=etape, kind="", valide_du=SINCE, defaults={"jours": jours, "source": source, "a_confirmer": True}
        )
