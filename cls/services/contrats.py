"""Writes on a contrat local de santé: gates, stages, documents, signature, avenants, reviews, funding."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction

from cls.enums import MANDATORY_SIGNATAIRES, Etape, TypeSignataire
from cls.lifecycle import FINAL_ETAPES, stage
from cls.models import (
    Avenant,
    AxeStrategique,
    ContratDocument,
    ContratLocalSante,
    EtapeTransition,
    FinancementIngenierie,
    GateCheck,
    RevueAnnuelle,
    Signataire,
)


def gate_status(contrat: ContratLocalSante) -> list[dict]:
    """The current stage's checklist: an item is done when ticked, or when a document of the
    same code was uploaded."""
    spec = stage(contrat.etape)
    if spec is None:
        return []
    ticked = {check.code for check in contrat.checks.all()}
    documents = {document.type for document in contrat.documents.all()}
    return [
        {"code": code, "label": label, "done": code in ticked or code in documents, "by_document": code in documents}
        for code, label in spec.checklist
    ]


def _missing(contrat) -> list[str]:
    return [item["label"] for item in gate_status(contrat) if not item["done"]]


def _move(contrat, to_etape, by, reason=""):
    EtapeTransition.objects.create(contrat=contrat, from_etape=contrat.etape, to_etape=to_etape, by=by, reason=reason)
    contrat.etape = to_etape
    contrat._history_user = by
    contrat.full_clean()
    contrat.save()


@transaction.atomic
def contrat_check(*, contrat: ContratLocalSante, code: str, done: bool, by) -> None:
    """Tick or untick an item of the current stage's gate."""
    spec = stage(contrat.etape)
    if spec is None or code not in dict(spec.checklist):
        raise ValidationError("Ce point de contrôle n'appartient pas à l'étape en cours.")
    if done:
        GateCheck.objects.get_or_create(contrat=contrat, code=code, defaults={"by": by})
    else:
        GateCheck.objects.filter(contrat=contrat, code=code).delete()


@transaction.atomic
def contrat_advance(*, contrat: ContratLocalSante, to_etape: str, by) -> None:
    """Move to the next stage once the gate is complete."""
    spec = stage(contrat.etape)
    if spec is None or to_etape not in spec.next:
        raise ValidationError(
            f"Passage impossible de l'étape « {Etape(contrat.etape).label} » à « {Etape(to_etape).label} »."
        )
    missing = _missing(contrat)
    if missing:
        raise ValidationError("Points de contrôle manquants : " + " ; ".join(missing) + ".")
    _move(contrat, to_etape, by)


@transaction.atomic
def contrat_abandon(*, contrat: ContratLocalSante, reason: str, by) -> None:
    """Abandon the contract from any stage, with a reason."""
    if contrat.etape in FINAL_ETAPES:
        raise ValidationError("Ce contrat est déjà clos.")
    if not reason.strip():
        raise ValidationError({"reason": "Le motif de l'abandon est obligatoire."})
    contrat.motif_abandon = reason.strip()
    _move(contrat, Etape.ABANDONNE, by, reason.strip())


def end_date(start: date, years: int) -> date:
    """Last day of a contract of `years` years starting on `start`."""
    return start + relativedelta(years=years) - timedelta(days=1)


@transaction.atomic
def contrat_sign(
    *,
    contrat: ContratLocalSante,
    date_signature: date,
    duree_annees: int,
    signataires: list[tuple[str, str]],
    axes: list[str],
    by,
) -> None:
    """Record the signature: date, 3–5 year duration (end date computed), signataires, axes."""
    if contrat.etape != Etape.ELABORATION:
        raise ValidationError("Le contrat se signe à l'issue de l'élaboration du programme d'actions.")
    missing = _missing(contrat)
    if missing:
        raise ValidationError("Points de contrôle manquants : " + " ; ".join(missing) + ".")
    types = {kind for kind, _ in signataires}
    absent = [TypeSignataire(kind).label for kind in MANDATORY_SIGNATAIRES if kind not in types]
    if absent:
        raise ValidationError({"signataires": "Signataires obligatoires manquants : " + ", ".join(absent) + "."})
    if not axes:
        raise ValidationError({"axes": "Indiquez au moins un axe stratégique."})
    contrat.date_signature = date_signature
    contrat.duree_annees = duree_annees
    contrat.date_fin = end_date(date_signature, duree_annees)
    contrat.signataires.all().delete()
    Signataire.objects.bulk_create(Signataire(contrat=contrat, type=kind, nom=nom) for kind, nom in signataires)
    if not contrat.axes.exists():
        AxeStrategique.objects.bulk_create(
            AxeStrategique(contrat=contrat, numero=number, intitule=label) for number, label in enumerate(axes, 1)
        )
    _move(contrat, Etape.SIGNE, by)


@transaction.atomic
def contrat_document_add(*, contrat: ContratLocalSante, upload, type: str, by) -> ContratDocument:
    info = upload.upload_info
    document = ContratDocument(
        contrat=contrat,
        etape=contrat.etape,
        type=type,
        original_name=upload.name[:255],
        content_type=info.kind.content_type,
        size=info.size,
        sha256=info.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    document.file.save("upload", upload, save=False)
    document.save()
    return document


@transaction.atomic
def avenant_add(*, contrat, date: date, objet: str, upload=None, by) -> Avenant:
    if contrat.date_signature is None:
        raise ValidationError("Un avenant ne peut porter que sur un contrat signé.")
    document = contrat_document_add(contrat=contrat, upload=upload, type="avenant", by=by) if upload else None
    avenant = Avenant(contrat=contrat, date=date, objet=objet, document=document, created_by=by)
    avenant.full_clean()
    avenant.save()
    return avenant


@transaction.atomic
def revue_add(*, contrat, annee: int, date: date, synthese: str, by) -> RevueAnnuelle:
    if contrat.duree_annees is None:
        raise ValidationError("La revue annuelle porte sur un contrat signé.")
    if not 1 <= annee <= contrat.duree_annees:
        raise ValidationError({"annee": f"L'année doit être comprise entre 1 et {contrat.duree_annees}."})
    revue = RevueAnnuelle(contrat=contrat, annee=annee, date=date, synthese=synthese, created_by=by)
    revue.full_clean()
    revue.save()
    return revue


@transaction.atomic
def financement_add(*, contrat, annee: int, etp: Decimal, montant: Decimal, cofinancement: Decimal, by):
    financement = FinancementIngenierie(
        contrat=contrat, annee=annee, etp=etp, montant=montant, cofinancement=cofinancement
    )
    financement.full_clean()
    financement.save()
    return financement


@transaction.atomic
def financement_beneficiaire(*, financement: FinancementIngenierie):
    """The ledger record (financements.Beneficiaire) of one year of ingénierie funding, created once:
    commitments and payments of this funding live in `financements`."""
    from financements.enums import Programme
    from financements.services import beneficiaire_create

    financement = FinancementIngenierie.objects.select_for_update().select_related("contrat").get(pk=financement.pk)
    if financement.beneficiaire_id is None:
        contrat = financement.contrat
        financement.beneficiaire = beneficiaire_create(
            programme=Programme.CLS_INGENIERIE,
            libelle=f"{contrat.nom} — ingénierie {financement.annee}",
            departement=contrat.departement,
        )
        financement.save(update_fields=["beneficiaire"])
    return financement.beneficiaire
