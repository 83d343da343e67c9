"""Writes on CLS lettres d'intention; the instruction machinery does the rest."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cls.enums import Etape
from cls.models import ContratLocalSante, EtapeTransition, LettreIntention
from cls.services.contrats import contrat_perimetre_set
from cls.services.territoire import departement_principal, lettre_perimetre
from config.typography import fr_decimal, fr_number
from instruction.enums import CategoriePiece
from instruction.services import content_update, dossier_create, draft_uploads_add, required_missing
from territoires.services import population_of

KIND = "cls"
DRAFT_FIELDS = [
    "contact_nom",
    "contact_email",
    "contact_telephone",
    "elu_nom",
    "elu_fonction",
    "motivations",
    "thematique_autre",
    "partenaires",
    "calendrier",
    "demande_ingenierie",
    "etp_souhaites",
]
# What filing demands (marked « * » on the form); the territory is « epcis » (EPCI or communes).
REQUIRED_FOR_FILING = (
    "epcis",
    "contact_nom",
    "contact_email",
    "elu_nom",
    "motivations",
    "thematiques",
    "lettre_signee",
)


@transaction.atomic
def lettre_create(*, organisation, by) -> LettreIntention:
    """Open a draft lettre d'intention for a collectivité."""
    dossier = dossier_create(kind=KIND, deposant=organisation, created_by=by)
    return LettreIntention.objects.create(dossier=dossier)


@transaction.atomic
def lettre_update_draft(*, lettre: LettreIntention, data: dict, uploads: dict, by) -> LettreIntention:
    """Save whatever part of the draft is valid (a step, or a form with errors elsewhere) and store the
    valid uploads right away, so that nothing typed or uploaded is lost."""
    content_update(
        lettre,
        data=data,
        fields=DRAFT_FIELDS,
        m2m=("epcis", "communes", "thematiques"),
        by=by,
        filed_message="Cette lettre d'intention a déjà été déposée.",
    )
    if not lettre.demande_ingenierie:
        lettre.etp_souhaites = None
    lettre.population = population_of(lettre_perimetre(lettre))
    lettre.full_clean()
    lettre.save()
    draft_uploads_add(dossier=lettre.dossier, uploads=uploads, by=by)
    return lettre


def lettre_submit_check(dossier) -> None:
    """What a lettre d'intention needs before it can be filed (French messages, by field)."""
    lettre = dossier.lettre_cls
    errors = required_missing(lettre, ("contact_nom", "contact_email", "elu_nom", "motivations"))
    if not lettre.epcis.exists() and not lettre.communes.exists():
        errors["epcis"] = "Choisissez au moins un EPCI ou une commune."
    if not lettre.thematiques.exists():
        errors["thematiques"] = "Choisissez au moins une priorité de santé envisagée."
    if lettre.demande_ingenierie and not lettre.etp_souhaites:
        errors["etp_souhaites"] = "Indiquez le nombre d'ETP d'ingénierie souhaités."
    if not dossier.pieces.filter(categorie=CategoriePiece.PRINCIPALE).exists():
        errors["lettre_signee"] = "Joignez la lettre d'intention signée (PDF)."
    if errors:
        raise ValidationError(errors)


def lettre_departement(dossier):
    return departement_principal(lettre_perimetre(dossier.lettre_cls))


def territoire_label(lettre) -> str:
    names = [str(epci.nom) for epci in lettre.epcis.all()] + [str(commune.nom) for commune in lettre.communes.all()]
    return ", ".join(names) or "—"


def lettre_receipt_lines(dossier) -> list[tuple[str, str]]:
    lettre = dossier.lettre_cls
    return [
        ("Territoire", territoire_label(lettre)),
        ("Population (population municipale)", f"{fr_number(lettre.population)} habitants"),
        ("Élu·e porteur·se", f"{lettre.elu_nom} {lettre.elu_fonction}".strip()),
        (
            "Demande d'appui à l'ingénierie",
            f"oui, {fr_decimal(lettre.etp_souhaites)} ETP" if lettre.demande_ingenierie else "non",
        ),
    ]


def contrat_create_from_lettre(dossier, by) -> ContratLocalSante:
    """Acceptance of a lettre d'intention opens the contract at the « cadrage » stage."""
    lettre = dossier.lettre_cls
    perimetre = lettre_perimetre(lettre)
    contrat = ContratLocalSante(
        nom=f"CLS {territoire_label(lettre)}"[:250],
        lettre=lettre,
        porteur=dossier.deposant,
        departement=dossier.departement,
        population=lettre.population,
        referent=dossier.referent,
        etape=Etape.CADRAGE,
    )
    contrat.full_clean()
    contrat.save()
    contrat_perimetre_set(contrat=contrat, communes=perimetre)
    EtapeTransition.objects.create(
        contrat=contrat,
        from_etape="",
        to_etape=Etape.CADRAGE,
        date=today(),
        by=by,
        reason=f"Lettre {dossier.reference} acceptée",
    )
    return contrat


def today():
    return timezone.localdate()
