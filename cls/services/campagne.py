"""What the semester reporting campaign of acces_soins reads and writes of the CLS — as plain data, so that the app
above never touches these models (design.md §1). Resolved lazily by `acces_soins.sections.provider`."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from cls.enums import StatutFiche
from cls.models import ContratLocalSante, FicheAction, FinancementIngenierie
from cls.services.coverage import in_force_on


def _ledger(contrat) -> tuple[Decimal, Decimal]:
    """Committed and paid amounts of the contract's ingénierie in the funding ledger (prefetched rows)."""
    engage = sum((f.fin_engage or Decimal(0) for f in contrat.financements.all()), Decimal(0))
    verse = sum((f.fin_verse or Decimal(0) for f in contrat.financements.all()), Decimal(0))
    return engage, verse


def contrats_pour_campagne(*, region_code: str, on: datetime.date) -> list[dict]:
    """Every CLS in force on `on` whose pilot département is in the région, with its fiches actions (status, late on
    `on`) and its ledger totals: what its coordination reports on (4 queries whatever the number of contracts)."""
    from financements.selectors import with_beneficiaire_totals

    fiches = FicheAction.objects.with_retard(on).order_by("numero")
    financements = with_beneficiaire_totals(FinancementIngenierie.objects.all())
    contrats = (
        ContratLocalSante.objects.filter(in_force_on(on), departement__region__code=region_code)
        .select_related("porteur", "departement")
        .prefetch_related(Prefetch("fiches", queryset=fiches), Prefetch("financements", queryset=financements))
        .order_by("departement__code", "nom")
    )
    rows = []
    for contrat in contrats:
        engage, verse = _ledger(contrat)
        items = list(contrat.fiches.all())
        rows.append(
            {
                "id": contrat.pk,
                "public_id": str(contrat.public_id),
                "nom": contrat.nom,
                "porteur_id": contrat.porteur_id,
                "porteur_nom": contrat.porteur.nom,
                "departement_id": contrat.departement_id,
                "departement_code": contrat.departement.code,
                "population": contrat.population,
                "etape": contrat.get_etape_display(),
                "date_fin": contrat.date_fin.isoformat() if contrat.date_fin else None,
                "fictif": contrat.is_fictif,
                "financement_engage": float(engage),
                "financement_verse": float(verse),
                "fiches_en_retard": sum(1 for fiche in items if fiche.en_retard),
                "fiches": [
                    {
                        "id": fiche.pk,
                        "numero": fiche.numero,
                        "intitule": fiche.intitule,
                        "statut": fiche.statut,
                        "statut_libelle": fiche.get_statut_display(),
                        "en_retard": fiche.en_retard,
                        "date_fin": fiche.date_fin.isoformat() if fiche.date_fin else None,
                    }
                    for fiche in items
                ],
            }
        )
    return rows


def statuts_fiche() -> list[tuple[str, str]]:
    return list(StatutFiche.choices)


@transaction.atomic
def fiche_statut_remonter(*, fiche_id: int, statut: str, by) -> None:
    """The status of a fiche action as its coordination reported it and the délégation validated it (history kept)."""
    fiche = FicheAction.objects.select_for_update().get(pk=fiche_id)
    if fiche.statut == statut:
        return
    fiche.statut = statut
    fiche._history_user = by
    fiche.full_clean()
    fiche.save(update_fields=["statut", "updated_at"])
