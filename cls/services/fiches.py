"""Fiches actions: save with their budget lines; export rows."""

from decimal import Decimal

from django.db import transaction

from cls.models import FicheAction, LigneBudget


@transaction.atomic
def fiche_save(*, fiche: FicheAction, budget: list[tuple[str, object]], by) -> FicheAction:
    """Create or update a fiche action and replace its budget lines."""
    fiche._history_user = by
    fiche.full_clean()
    fiche.save()
    fiche.lignes_budget.all().delete()
    LigneBudget.objects.bulk_create(LigneBudget(fiche=fiche, financeur=f, montant=m) for f, m in budget)
    return fiche


EXPORT_HEADERS = [
    "Départements (pilote d'abord)",
    "CLS",
    "Collectivité porteuse",
    "Numéro",
    "Axe stratégique",
    "Intitulé",
    "Pilote (organisation)",
    "Pilote (personne)",
    "Public cible",
    "Début",
    "Fin",
    "Statut",
    "En retard",
    "Budget total (€)",
    "Autres indicateurs (texte libre)",
]


def export_rows(fiches):
    for fiche in fiches:
        yield [
            fiche.contrat.departements_codes,
            fiche.contrat.nom,
            fiche.contrat.porteur.nom,
            fiche.numero,
            fiche.axe.intitule if fiche.axe else "",
            fiche.intitule,
            fiche.pilote_organisation,
            fiche.pilote_personne,
            fiche.public_cible,
            fiche.date_debut,
            fiche.date_fin,
            fiche.get_statut_display(),
            "oui" if fiche.en_retard else "non",
            fiche.budget_total or Decimal(0),
            fiche.indicateur_libre,
        ]
