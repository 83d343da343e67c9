"""FICTITIOUS funding for the demo: three envelopes of 2026 opened to the région's départements,
commitments on the demo CLS ingénierie rows and demo CPTS, some payments and co-financing lines.
The CTS envelope is drawn on by the demo feuilles de route (`demo_feuilles_de_route`, which runs after).

`financements` never imports the programme apps: the demo looks their models and services up by
name at run time (like `acces_soins.sections.provider`); an absent app is simply skipped.
Idempotent: nothing happens once the fictitious envelopes exist.
"""

import datetime
import importlib
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError

from financements import services
from financements.enums import Financeur, Programme, StatutCofinancement
from financements.models import Enveloppe

YEAR = 2026
ENVELOPPES = [
    {
        "key": "cts",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Plans d'action des CTS 2026 (fictif)",
        "montant": Decimal("2600000"),
        "programmes": [Programme.FEUILLE_DE_ROUTE, Programme.AUTRE],
        "notes": "Enveloppe fictive de démonstration : plans d'action des conseils territoriaux de santé.",
    },
    {
        "key": "cls",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Ingénierie CLS 2026 (fictif)",
        "montant": Decimal("900000"),
        "programmes": [Programme.CLS_INGENIERIE],
        "notes": "Enveloppe fictive de démonstration : postes de coordination des contrats locaux de santé.",
    },
    {
        "key": "cpts",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Amorçage et fonctionnement CPTS 2026 (fictif)",
        "montant": Decimal("3000000"),
        "programmes": [Programme.CPTS, Programme.MSP],
        "notes": "Enveloppe fictive de démonstration : amorçage et fonctionnement des CPTS et MSP.",
    },
]


def _service(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _day(index: int, month: int) -> datetime.date:
    return datetime.date(YEAR, month, 1 + (index * 3) % 27)


def _commit(enveloppe, beneficiaire, montant, *, by, index, paid_share) -> bool:
    """Commit and pay part of it; an amount that no longer fits the envelope is skipped."""
    montant = Decimal(montant).quantize(Decimal("0.01"))
    if montant <= 0:
        return False
    try:
        engagement = services.engagement_add(
            enveloppe=enveloppe,
            beneficiaire=beneficiaire,
            montant=montant,
            date_decision=_day(index, 2 + index % 3),
            reference_convention=f"CONV-FICTIVE-{YEAR}-{index + 1:03d}",
            by=by,
        )
    except ValidationError:
        return False
    if paid_share:
        services.paiement_add(
            engagement=engagement,
            date=_day(index, 6 + index % 4),
            montant=(montant * paid_share).quantize(Decimal("0.01")),
            by=by,
        )
    return True


def _cls_rows(cls_enveloppe, *, by) -> int:
    model = apps.get_model("cls", "FinancementIngenierie") if apps.is_installed("cls") else None
    beneficiaire_of = _service("cls.services.contrats", "financement_beneficiaire")
    if model is None or beneficiaire_of is None:
        return 0
    count = 0
    rows = model.objects.filter(contrat__is_fictif=True).select_related("contrat").order_by("pk")
    for index, financement in enumerate(rows):
        beneficiaire = beneficiaire_of(financement=financement)
        paid_share = (Decimal("1"), Decimal("0.5"), None)[index % 3]
        count += _commit(cls_enveloppe, beneficiaire, financement.montant, by=by, index=index, paid_share=paid_share)
        if financement.cofinancement:
            services.cofinancement_add(
                beneficiaire=beneficiaire,
                financeur=Financeur.COLLECTIVITES,
                organisation=financement.contrat.porteur.nom,
                montant=financement.cofinancement,
                annee=financement.annee,
                statut=StatutCofinancement.ACQUIS,
                by=by,
            )
    return count


def _cpts_rows(cpts_enveloppe, *, by) -> int:
    model = apps.get_model("cpts", "Cpts") if apps.is_installed("cpts") else None
    beneficiaire_of = _service("cpts.services.financement", "cpts_beneficiaire")
    releve_annuel = _service("cpts.services.financement", "releve_annuel")
    if model is None or beneficiaire_of is None or releve_annuel is None:
        return 0
    count = 0
    for index, cpts in enumerate(model.objects.filter(is_fictif=True, date_aci__isnull=False).order_by("pk")):
        releve = releve_annuel(cpts=cpts, annee=1)
        beneficiaire = beneficiaire_of(cpts=cpts)
        montant = releve.total_fixe + releve.total_variable
        count += _commit(cpts_enveloppe, beneficiaire, montant, by=by, index=index, paid_share=Decimal("0.75"))
        if index % 2 == 0:
            services.cofinancement_add(
                beneficiaire=beneficiaire,
                financeur=Financeur.REGION,
                organisation="Région Centre-Val de Loire (montant fictif)",
                montant=Decimal("15000"),
                annee=YEAR,
                statut=StatutCofinancement.PREVU,
                by=by,
            )
    return count


def load_demo_financements(*, by, region) -> dict[str, int]:
    """Create the fictitious envelopes and their commitments once (a second run changes nothing)."""
    if Enveloppe.objects.filter(is_fictif=True).exists():
        return {"enveloppes": 0, "engagements": 0}
    departements = list(region.departements.order_by("code"))
    enveloppes = {
        spec["key"]: services.enveloppe_create(
            financeur=spec["financeur"],
            annee=YEAR,
            libelle=spec["libelle"],
            montant=spec["montant"],
            programmes=spec["programmes"],
            notes=spec["notes"],
            region=region,
            departements=departements,
            is_fictif=True,
            by=by,
        )
        for spec in ENVELOPPES
    }
    engagements = _cls_rows(enveloppes["cls"], by=by) + _cpts_rows(enveloppes["cpts"], by=by)
    return {"enveloppes": len(enveloppes), "engagements": engagements}
