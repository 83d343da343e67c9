"""The CPTS projet de santé filed online by its porteur: a second cpts dossier kind of the instruction
machinery. Filing moves the CPTS to « projet de santé déposé », acceptance to « projet de santé validé »
(both through `registre.cpts_advance`, the one service that moves a stage)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cpts.enums import ETAPE_SUIVANTE, Etape, TypeMission
from cpts.models import Cpts, Mission, ProjetSanteCpts
from cpts.services.registre import cpts_advance, today
from instruction.enums import OPEN_STATES, CategoriePiece, Etat
from instruction.services import content_update, dossier_create, dossier_submit, draft_uploads_add, required_missing

KIND = "cpts_projet"
DRAFT_FIELDS = ["diagnostic", "actions", "gouvernance", "professionnels", "calendrier"]
# What filing demands (marked « * » on the form).
REQUIRED_FOR_FILING = ("diagnostic", "missions", "actions", "gouvernance", "calendrier", "projet_sante")
# Form upload -> slot of the machinery's draft uploads (principal piece, annex).
UPLOAD_SLOTS = {"projet_sante": "lettre_signee", "annexe": "annexe"}
MANUAL_STAGES = (Etape.LETTRE_INTENTION, Etape.LETTRE_VALIDEE, Etape.PROJET_DEPOSE, Etape.PROJET_VALIDE)
# Stages from which a projet de santé may be filed online (again after a refusal).
FILING_STAGES = (Etape.LETTRE_VALIDEE, Etape.PROJET_DEPOSE)


def projet_filing_refusal(cpts: Cpts) -> str:
    """Why the porteur cannot file a projet de santé for this CPTS now ('' when it can)."""
    if cpts.etape not in FILING_STAGES:
        if cpts.etape in (Etape.EMERGENCE, Etape.LETTRE_INTENTION):
            return (
                "Le projet de santé se dépose une fois la lettre d'intention validée par l'ARS, "
                "l'Assurance maladie et les URPS."
            )
        return f"Le projet de santé ne peut plus être déposé : la CPTS est à l'étape « {Etape(cpts.etape).label} »."
    open_projet = cpts.projets.filter(dossier__etat__in=[Etat.BROUILLON, *OPEN_STATES]).first()
    if open_projet is not None:
        return "Un projet de santé de cette CPTS est déjà en cours (brouillon ou instruction)."
    return ""


@transaction.atomic
def projet_create(*, cpts: Cpts, by) -> ProjetSanteCpts:
    """Open a draft projet de santé for a CPTS whose lettre d'intention is validated."""
    cpts = Cpts.objects.select_for_update().get(pk=cpts.pk)
    refusal = projet_filing_refusal(cpts)
    if refusal:
        raise ValidationError(refusal)
    dossier = dossier_create(kind=KIND, deposant=cpts.porteur, created_by=by)
    projet = ProjetSanteCpts.objects.create(dossier=dossier, cpts=cpts)
    projet.missions.set(Mission.objects.filter(type=TypeMission.SOCLE))
    return projet


@transaction.atomic
def projet_update_draft(*, projet: ProjetSanteCpts, data: dict, uploads: dict, by) -> ProjetSanteCpts:
    """Save the valid part of the draft and its uploads."""
    content_update(
        projet,
        data=data,
        fields=DRAFT_FIELDS,
        m2m=("missions",),
        by=by,
        filed_message="Ce projet de santé a déjà été déposé.",
    )
    projet.full_clean()
    projet.save()
    draft_uploads_add(
        dossier=projet.dossier,
        uploads={slot: uploads.get(name) for name, slot in UPLOAD_SLOTS.items()},
        by=by,
    )
    return projet


def projet_submit_check(dossier) -> None:
    """What an ARS expects in a projet de santé: diagnostic, every socle mission engaged with its
    actions, organisation and governance, calendar, and the document itself."""
    projet = dossier.projet_cpts
    errors = required_missing(projet, ("diagnostic", "actions", "gouvernance", "calendrier"))
    engaged = set(projet.missions.values_list("pk", flat=True))
    missing = [str(m) for m in Mission.objects.filter(type=TypeMission.SOCLE) if m.pk not in engaged]
    if missing:
        errors["missions"] = "Les missions socle sont obligatoires ; il manque : " + ", ".join(missing) + "."
    if not dossier.pieces.filter(categorie=CategoriePiece.PRINCIPALE).exists():
        errors["projet_sante"] = "Joignez le projet de santé (PDF)."
    if dossier.etat == Etat.BROUILLON and projet.cpts.etape not in FILING_STAGES:
        errors["__all__"] = projet_filing_refusal(projet.cpts)
    if errors:
        raise ValidationError(errors)


def projet_submit(*, projet: ProjetSanteCpts, by):
    """File the projet through the machinery (which calls `projet_filed`)."""
    transition = dossier_submit(dossier=projet.dossier, by=by)
    projet.dossier.refresh_from_db()
    return transition


def projet_filed(dossier, by) -> None:
    """Kind hook `on_filed`: the CPTS moves to « projet de santé déposé » (a projet filed again after a
    refusal keeps that stage)."""
    cpts = dossier.projet_cpts.cpts
    if cpts.etape == Etape.LETTRE_VALIDEE:
        cpts_advance(cpts=cpts, to_etape=Etape.PROJET_DEPOSE, date=today(), by=by, reason=f"Projet {dossier.reference}")


def staff_recordable_stages(cpts: Cpts) -> list[str]:
    """Next stages ARS staff may still record by hand: the lettre stages of paper filings, and the
    projet de santé stages only for CPTS whose projet was never filed online (historical data)."""
    stages = [etape for etape in ETAPE_SUIVANTE[cpts.etape] if etape in MANUAL_STAGES]
    online = (Etape.PROJET_DEPOSE, Etape.PROJET_VALIDE)
    if any(etape in online for etape in stages) and cpts.projets.exclude(dossier__etat=Etat.BROUILLON).exists():
        stages = [etape for etape in stages if etape not in online]
    return stages


def projet_departement(dossier):
    return dossier.projet_cpts.cpts.departement


def projet_receipt_lines(dossier) -> list[tuple[str, str]]:
    projet = dossier.projet_cpts
    return [
        ("CPTS", projet.cpts.nom),
        ("Missions engagées", ", ".join(str(mission) for mission in projet.missions.all()) or "—"),
        ("Professionnels adhérents", str(projet.professionnels) if projet.professionnels is not None else "—"),
    ]


def projet_accepted(dossier, by) -> None:
    """Validation of the projet de santé: the CPTS moves to « projet de santé validé » (same transaction)."""
    cpts = dossier.projet_cpts.cpts
    if cpts.etape == Etape.PROJET_DEPOSE:
        cpts_advance(
            cpts=cpts, to_etape=Etape.PROJET_VALIDE, date=today(), by=by, reason=f"Projet {dossier.reference} validé"
        )
