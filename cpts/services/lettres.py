"""The CPTS lettre d'intention, a dossier kind of the instruction machinery."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value

from config.typography import fr_number
from cpts.enums import Etape
from cpts.models import Cpts, LettreIntentionCpts
from cpts.services.registre import cpts_advance, cpts_create, cpts_set_territoire, today
from instruction.enums import CategoriePiece
from instruction.services import content_update, dossier_create, dossier_submit, draft_uploads_add, required_missing
from territoires.services import communes_of, population_of

KIND = "cpts"
DRAFT_FIELDS = [
    "diagnostic",
    "partenaires",
    "orientations_detail",
    "calendrier",
    "contact_nom",
    "contact_email",
    "contact_telephone",
]
# What filing demands (marked « * » on the form); the territory is « epcis » (EPCI or communes).
REQUIRED_FOR_FILING = (
    "epcis",
    "diagnostic",
    "orientations",
    "calendrier",
    "contact_nom",
    "contact_email",
    "lettre_signee",
)


def lettre_perimetre(lettre: LettreIntentionCpts):
    return communes_of(epcis=lettre.epcis.all(), communes=lettre.communes.all())


@transaction.atomic
def lettre_create(*, organisation, nom: str, by, cpts: Cpts | None = None) -> LettreIntentionCpts:
    """Open a draft lettre d'intention (and register the CPTS at the émergence stage if it is new)."""
    if cpts is None:
        departement = organisation.departements.order_by("code").first()
        if departement is None:
            raise ValidationError("Votre organisation n'est rattachée à aucun département : contactez l'ARS.")
        cpts = cpts_create(nom=nom, porteur=organisation, departement=departement, by=by)
    dossier = dossier_create(kind=KIND, deposant=organisation, created_by=by)
    return LettreIntentionCpts.objects.create(dossier=dossier, cpts=cpts)


@transaction.atomic
def lettre_update_draft(*, lettre: LettreIntentionCpts, data: dict, uploads: dict, by) -> LettreIntentionCpts:
    """Save the valid part of the draft and its uploads."""
    content_update(
        lettre,
        data=data,
        fields=DRAFT_FIELDS,
        m2m=("epcis", "communes", "orientations"),
        by=by,
        filed_message="Cette lettre d'intention a déjà été déposée.",
    )
    lettre.population = population_of(lettre_perimetre(lettre))
    lettre.full_clean()
    lettre.save()
    draft_uploads_add(dossier=lettre.dossier, uploads=uploads, by=by)
    return lettre


def lettre_submit_check(dossier) -> None:
    """What a CPTS lettre d'intention needs before filing: territory, diagnosis, socle orientations,
    calendar, contact and the signed letter."""
    lettre = dossier.lettre_cpts
    errors = required_missing(lettre, ("diagnostic", "calendrier", "contact_nom", "contact_email"))
    if not lettre.epcis.exists() and not lettre.communes.exists():
        errors["epcis"] = "Choisissez au moins un EPCI ou une commune."
    if not lettre.orientations.exists():
        errors["orientations"] = "Indiquez au moins une mission envisagée."
    if not dossier.pieces.filter(categorie=CategoriePiece.PRINCIPALE).exists():
        errors["lettre_signee"] = "Joignez la lettre d'intention signée (PDF)."
    if errors:
        raise ValidationError(errors)


def lettre_submit(*, lettre: LettreIntentionCpts, by):
    """File the letter through the machinery (which calls `lettre_filed`)."""
    return dossier_submit(dossier=lettre.dossier, by=by)


def lettre_filed(dossier, by) -> None:
    """Kind hook `on_filed` (filing, and a corrected answer to a complément): copy the territory of the
    letter to the CPTS and move the CPTS to the « lettre d'intention » stage."""
    lettre = dossier.lettre_cpts
    cpts = lettre.cpts
    cpts_set_territoire(cpts=cpts, communes=list(lettre_perimetre(lettre)), by=by)
    if cpts.etape == Etape.EMERGENCE:
        cpts_advance(cpts=cpts, to_etape=Etape.LETTRE_INTENTION, date=today(), by=by, reason=dossier.reference)


def lettre_departement(dossier):
    return dossier.lettre_cpts.cpts.departement


def territoire_label(lettre: LettreIntentionCpts) -> str:
    """The EPCI then the communes picked on the lettre, by name: one query (a UNION of its two lists)."""
    of_lettre = {"lettreintentioncpts_id": lettre.pk}
    epcis = LettreIntentionCpts.epcis.through.objects.filter(**of_lettre).annotate(rang=Value(0), nom=F("epci__nom"))
    communes = LettreIntentionCpts.communes.through.objects.filter(**of_lettre).annotate(
        rang=Value(1), nom=F("commune__nom")
    )
    rows = epcis.values_list("rang", "nom").union(communes.values_list("rang", "nom"), all=True).order_by("rang", "nom")
    return ", ".join(str(nom) for _rang, nom in rows) or "—"


def lettre_receipt_lines(dossier) -> list[tuple[str, str]]:
    lettre = dossier.lettre_cpts
    return [
        ("CPTS", lettre.cpts.nom),
        ("Territoire", territoire_label(lettre)),
        ("Population (population municipale)", f"{fr_number(lettre.population)} habitants"),
        ("Missions envisagées", ", ".join(str(mission) for mission in lettre.orientations.all()) or "—"),
    ]


def lettre_accepted(dossier, by) -> None:
    """Joint ARS / Assurance maladie / URPS validation: the CPTS moves to « lettre validée »."""
    cpts = dossier.lettre_cpts.cpts
    if cpts.etape == Etape.LETTRE_INTENTION:
        cpts_advance(
            cpts=cpts, to_etape=Etape.LETTRE_VALIDEE, date=today(), by=by, reason=f"Lettre {dossier.reference} validée"
        )
