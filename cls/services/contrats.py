"""Writes on a contrat local de santé: gates, stages, perimeter, signature and signatories, renewal, avenants,
reviews, funding."""

import re
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cls.enums import Etape, TypeSignataire
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
from cls.services.regles import duree_errors, region_of_contrat, regles_cls
from config.typography import fr_date


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


def _move(contrat, to_etape, by, reason="", on: date | None = None):
    """Log the stage change with the date it takes effect (today unless given, e.g. the signature date). Stages
    follow each other: a change cannot take effect before the previous one."""
    on = on or timezone.localdate()
    last = contrat.etapes.order_by("-date", "-at", "-pk").values_list("date", flat=True).first()
    if last is not None and on < last:
        raise ValidationError(
            f"La date d'effet ({fr_date(on)}) ne peut précéder celle de l'étape précédente ({fr_date(last)})."
        )
    EtapeTransition.objects.create(
        contrat=contrat,
        from_etape=contrat.etape,
        to_etape=to_etape,
        date=on,
        by=by,
        reason=reason,
    )
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
def contrat_advance(*, contrat: ContratLocalSante, to_etape: str, by, on: date | None = None) -> None:
    """Move to the next stage once the gate is complete, with effect on `on` (default today)."""
    spec = stage(contrat.etape)
    if spec is None or to_etape not in spec.next:
        raise ValidationError(
            f"Passage impossible de l'étape « {Etape(contrat.etape).label} » à « {Etape(to_etape).label} »."
        )
    missing = _missing(contrat)
    if missing:
        raise ValidationError("Points de contrôle manquants : " + " ; ".join(missing) + ".")
    _move(contrat, to_etape, by, on=on)
    if to_etape == Etape.RENOUVELE:
        contrat_renew(contrat=contrat, by=by)


_RANG_SUFFIX = re.compile(r" — \d+e contrat$")


@transaction.atomic
def contrat_renew(*, contrat: ContratLocalSante, by) -> ContratLocalSante:
    """Renewal opens the next contract (n+1) at « cadrage », on the same perimeter, linked to this one."""
    if contrat.etape != Etape.RENOUVELE:
        raise ValidationError("Seul un contrat renouvelé ouvre un nouveau contrat.")
    if ContratLocalSante.objects.filter(predecessor=contrat).exists():
        raise ValidationError("Ce contrat a déjà été renouvelé.")
    from territoires.services import population_of

    rang = contrat.rang + 1
    successor = ContratLocalSante(
        nom=f"{_RANG_SUFFIX.sub('', contrat.nom)[:230]} — {rang}e contrat",
        porteur=contrat.porteur,
        departement=contrat.departement,
        population=population_of(contrat.perimetre.all()),
        referent=contrat.referent,
        etape=Etape.CADRAGE,
        predecessor=contrat,
        rang=rang,
        is_fictif=contrat.is_fictif,
    )
    successor._history_user = by
    successor.full_clean()
    successor.save()
    contrat_perimetre_set(contrat=successor, communes=contrat.perimetre.all())
    EtapeTransition.objects.create(
        contrat=successor,
        from_etape="",
        to_etape=Etape.CADRAGE,
        date=timezone.localdate(),
        by=by,
        reason=f"Renouvellement de « {contrat.nom} »",
    )
    return successor


def contrat_departements_sync(contrat: ContratLocalSante) -> None:
    """The départements concerned: the pilot one and every département the perimeter reaches."""
    from territoires.models import Departement

    reached = Departement.objects.filter(communes__in=contrat.perimetre.all()).distinct().values_list("pk", flat=True)
    contrat.departements.set({contrat.departement_id, *reached})


@transaction.atomic
def contrat_perimetre_set(*, contrat: ContratLocalSante, communes) -> None:
    """Set the communes covered, and with them the départements concerned (each délégation then sees the CLS)."""
    contrat.perimetre.set(communes)
    contrat_departements_sync(contrat)


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
    duree_annees: int | None,
    date_fin: date | None = None,
    axes: list[str],
    by,
) -> None:
    """Record the signature: date, duration (checked against the region's rule when it publishes one) or end date,
    axes. The ARS and the collectivité porteuse are added to the signatories when missing (the two parties)."""
    if contrat.etape != Etape.ELABORATION:
        raise ValidationError("Le contrat se signe à l'issue de l'élaboration du programme d'actions.")
    missing = _missing(contrat)
    if missing:
        raise ValidationError("Points de contrôle manquants : " + " ; ".join(missing) + ".")
    if not axes:
        raise ValidationError({"axes": "Indiquez au moins un axe stratégique."})
    if duree_annees is None and date_fin is None:
        raise ValidationError({"duree_annees": "Indiquez la durée du contrat ou sa date de fin."})
    errors = duree_errors(regles_cls(region=region_of_contrat(contrat), on=date_signature), duree_annees=duree_annees)
    if errors:
        raise ValidationError({"duree_annees": errors})
    contrat.date_signature = date_signature
    contrat.duree_annees = duree_annees
    contrat.date_fin = end_date(date_signature, duree_annees) if duree_annees else date_fin
    _add_parties(contrat)
    if not contrat.axes.exists():
        AxeStrategique.objects.bulk_create(
            AxeStrategique(contrat=contrat, numero=number, intitule=label) for number, label in enumerate(axes, 1)
        )
    _move(contrat, Etape.SIGNE, by, on=date_signature)


def _add_parties(contrat: ContratLocalSante) -> None:
    signataires = list(contrat.signataires.all())
    if not any(signataire.type == TypeSignataire.ARS for signataire in signataires):
        region = contrat.departement.region
        Signataire.objects.create(contrat=contrat, type=TypeSignataire.ARS, nom=f"ARS {region.nom}")
    if not any(signataire.organisation_id == contrat.porteur_id for signataire in signataires):
        Signataire.objects.create(contrat=contrat, type=TypeSignataire.COLLECTIVITE, organisation=contrat.porteur)


@transaction.atomic
def signataire_add(*, contrat: ContratLocalSante, type: str, organisation=None, nom: str = "", by) -> Signataire:
    """Add one signatory (an organisation of the portal or a free name); any number of each type."""
    if contrat.etape in FINAL_ETAPES:
        raise ValidationError("Ce contrat est clos.")
    signataire = Signataire(contrat=contrat, type=type, organisation=organisation, nom="" if organisation else nom)
    signataire.full_clean()
    signataire.save()
    return signataire


@transaction.atomic
def signataire_remove(*, contrat: ContratLocalSante, signataire_id: int, by) -> None:
    if contrat.etape in FINAL_ETAPES:
        raise ValidationError("Ce contrat est clos.")
    deleted, _ = contrat.signataires.filter(pk=signataire_id).delete()
    if not deleted:
        raise ValidationError("Ce signataire n'appartient pas à ce contrat.")


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
    years = contrat.annees_du_contrat
    if years is None:
        raise ValidationError("La revue annuelle porte sur un contrat signé.")
    if not 1 <= annee <= years:
        raise ValidationError({"annee": f"L'année doit être comprise entre 1 et {years}."})
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
