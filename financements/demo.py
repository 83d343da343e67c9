"""FICTITIOUS funding for the demo: three envelopes of 2026 of the région (named in their label and notes, with
made-up amounts) opened to its départements, commitments on the demo CLS ingénierie rows and demo CPTS, some
payments and co-financing lines.
The CTS envelope is drawn on by the demo feuilles de route (`demo_feuilles_de_route`, which runs after).

`financements` never imports the programme apps: the demo looks their models and services up by
name at run time (like `acces_soins.sections.provider`); an absent app is simply skipped.
Idempotent: once the fictitious envelopes exist, a run only corrects those of an earlier demo (label, amount).
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
# Made-up amounts that copy no real envelope of any région (not the 2,6 M€ of the Hauts-de-France CTS action
# plans, for one): digit runs no budget would show. Each envelope names the région it belongs to.
ENVELOPPES = [
    {
        "key": "cts",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Plans d'action des CTS {annee} — {region} (fictif)",
        "montant": Decimal("2345678"),
        "programmes": [Programme.FEUILLE_DE_ROUTE, Programme.AUTRE],
        "objet": "plans d'action des conseils territoriaux de santé",
        "ancien_libelle": "Plans d'action des CTS 2026 (fictif)",
    },
    {
        "key": "cls",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Ingénierie CLS {annee} — {region} (fictif)",
        "montant": Decimal("987654"),
        "programmes": [Programme.CLS_INGENIERIE],
        "objet": "postes de coordination des contrats locaux de santé",
        "ancien_libelle": "Ingénierie CLS 2026 (fictif)",
    },
    {
        "key": "cpts",
        "financeur": Financeur.ARS_FIR,
        "libelle": "Amorçage et fonctionnement CPTS {annee} — {region} (fictif)",
        "montant": Decimal("3456789"),
        "programmes": [Programme.CPTS, Programme.MSP],
        "objet": "amorçage et fonctionnement des CPTS et MSP",
        "ancien_libelle": "Amorçage et fonctionnement CPTS 2026 (fictif)",
    },
]


def _fields(spec: dict, region) -> dict:
    """What the envelope of `spec` says: its région in the label and the notes, its made-up amount."""
    return {
        "libelle": spec["libelle"].format(annee=YEAR, region=region.nom),
        "montant": spec["montant"],
        "notes": f"Enveloppe fictive de démonstration de la région {region.nom} ({region.code}) : {spec['objet']}. "
        "Montant inventé, sans rapport avec une enveloppe réelle.",
    }


def _correct_earlier_demo(region, *, by) -> int:
    """A demo loaded before envelopes named their région (and when the CTS one copied the real 2,6 M€ of
    Hauts-de-France): rename it and give it its made-up amount. Returns the number of envelopes corrected."""
    corrected = 0
    for spec in ENVELOPPES:
        enveloppe = Enveloppe.objects.filter(is_fictif=True, annee=YEAR, libelle=spec["ancien_libelle"]).first()
        if enveloppe is not None:
            services.enveloppe_update(enveloppe=enveloppe, by=by, **_fields(spec, region))
            corrected += 1
    return corrected


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
    region = cpts_enveloppe.region
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
                organisation=f"Région {region.nom} (montant fictif)",
                montant=Decimal("12345"),
                annee=YEAR,
                statut=StatutCofinancement.PREVU,
                by=by,
            )
    return count


def load_demo_financements(*, by, region) -> dict[str, int]:
    """Create the fictitious envelopes and their commitments once (a second run changes nothing)."""
    if Enveloppe.objects.filter(is_fictif=True).exists():
        _correct_earlier_demo(region, by=by)
        return {"enveloppes": 0, "engagements": 0}
    departements = list(region.departements.order_by("code"))
    enveloppes = {
        spec["key"]: services.enveloppe_create(
            financeur=spec["financeur"],
            annee=YEAR,
            programmes=spec["programmes"],
            region=region,
            departements=departements,
            is_fictif=True,
            by=by,
            **_fields(spec, region),
        )
        for spec in ENVELOPPES
    }
    engagements = _cls_rows(enveloppes["cls"], by=by) + _cpts_rows(enveloppes["cpts"], by=by)
    return {"enveloppes": len(enveloppes), "engagements": engagements}
