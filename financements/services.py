"""Every write of the funding ledger. Keyword-only, atomic; the envelope row is locked
(select_for_update) before a commitment is checked, so two concurrent commitments cannot over-commit."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from config.typography import fr_euros
from financements.enums import StatutEngagement
from financements.models import Beneficiaire, Cofinancement, Engagement, Enveloppe, Paiement, committed_q


def euros(value) -> str:
    """« 2 600 000,00 € »."""
    return fr_euros(value, 2)


def _committed(enveloppe: Enveloppe, *, exclude=None) -> Decimal:
    engagements = enveloppe.engagements.filter(committed_q())
    if exclude is not None:
        engagements = engagements.exclude(pk=exclude.pk)
    return engagements.aggregate(total=Sum("montant"))["total"] or Decimal(0)


def _paid(engagement: Engagement) -> Decimal:
    return engagement.paiements.aggregate(total=Sum("montant"))["total"] or Decimal(0)


@transaction.atomic
def enveloppe_create(
    *,
    financeur: str,
    annee: int,
    libelle: str,
    montant: Decimal,
    region,
    departements,
    by,
    programmes: list[str] | None = None,
    notes: str = "",
    is_fictif: bool = False,
) -> Enveloppe:
    enveloppe = Enveloppe(
        financeur=financeur,
        annee=annee,
        libelle=libelle,
        montant=montant,
        region=region,
        programmes=list(programmes or []),
        notes=notes,
        is_fictif=is_fictif,
        created_by=by,
    )
    enveloppe.full_clean()
    enveloppe.save()
    enveloppe.departements.set(departements)
    return enveloppe


@transaction.atomic
def enveloppe_update(*, enveloppe: Enveloppe, by, departements=None, **fields) -> Enveloppe:
    """Change an envelope; its amount cannot go below what is already committed."""
    enveloppe = Enveloppe.objects.select_for_update().get(pk=enveloppe.pk)
    for name, value in fields.items():
        setattr(enveloppe, name, value)
    committed = _committed(enveloppe)
    if enveloppe.montant < committed:
        raise ValidationError(
            {
                "montant": f"Le montant ne peut pas descendre sous le total déjà engagé ({euros(committed)}) ; "
                f"demandé {euros(enveloppe.montant)}."
            }
        )
    if departements is not None:
        kept = set(departements)
        engaged_elsewhere = (
            enveloppe.engagements.filter(committed_q()).exclude(beneficiaire__departement__in=kept).exists()
        )
        if engaged_elsewhere:
            raise ValidationError(
                {"departements": "Un département qui a des engagements en cours ne peut pas être retiré."}
            )
    enveloppe.full_clean()
    enveloppe.save()
    if departements is not None:
        enveloppe.departements.set(departements)
    return enveloppe


@transaction.atomic
def beneficiaire_create(*, programme: str, libelle: str, departement) -> Beneficiaire:
    """The ledger's record of a funded object; the owning app keeps a OneToOne to it."""
    beneficiaire = Beneficiaire(programme=programme, libelle=libelle[:250], departement=departement)
    beneficiaire.full_clean()
    beneficiaire.save()
    return beneficiaire


def over_commitment_message(enveloppe: Enveloppe, committed: Decimal, requested: Decimal) -> str:
    return (
        f"Enveloppe « {enveloppe.libelle} » : {euros(enveloppe.montant)} ; déjà engagé {euros(committed)} ; "
        f"disponible {euros(enveloppe.montant - committed)} ; demandé {euros(requested)}."
    )


@transaction.atomic
def engagement_add(
    *,
    enveloppe: Enveloppe,
    beneficiaire: Beneficiaire,
    montant: Decimal,
    by,
    date_decision: datetime.date | None = None,
    reference_convention: str = "",
    statut: str = StatutEngagement.ENGAGE,
) -> Engagement:
    """Commit `montant` from `enveloppe` to `beneficiaire`, refused (with the figures) when the
    envelope is not opened to the beneficiary's département, does not fund its programme, or would
    be over-committed."""
    if statut not in (StatutEngagement.PREVU, StatutEngagement.ENGAGE):
        raise ValidationError({"statut": "Un engagement est créé « prévu » ou « engagé »."})
    enveloppe = Enveloppe.objects.select_for_update().get(pk=enveloppe.pk)
    if not enveloppe.departements.filter(pk=beneficiaire.departement_id).exists():
        raise ValidationError(
            f"L'enveloppe « {enveloppe.libelle} » n'est pas ouverte au département {beneficiaire.departement}."
        )
    if not enveloppe.funds(beneficiaire.programme):
        raise ValidationError(
            f"L'enveloppe « {enveloppe.libelle} » ne finance pas le programme "
            f"« {beneficiaire.get_programme_display()} »."
        )
    committed = _committed(enveloppe)
    if committed + montant > enveloppe.montant:
        raise ValidationError({"montant": over_commitment_message(enveloppe, committed, montant)})
    engagement = Engagement(
        enveloppe=enveloppe,
        beneficiaire=beneficiaire,
        montant=montant,
        date_decision=date_decision,
        reference_convention=reference_convention,
        statut=statut,
        created_by=by,
    )
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def engagement_confirmer(*, engagement: Engagement, date_decision: datetime.date, reference_convention: str = "", by):
    """A planned commitment (« prévu ») becomes « engagé » on its decision date."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.statut != StatutEngagement.PREVU:
        raise ValidationError("Seul un engagement prévu peut être confirmé.")
    engagement.statut = StatutEngagement.ENGAGE
    engagement.date_decision = date_decision
    engagement.reference_convention = reference_convention or engagement.reference_convention
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def engagement_annuler(*, engagement: Engagement, date: datetime.date, motif: str, by) -> Engagement:
    """Cancel a commitment (its amount returns to the envelope); refused once money was paid."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.statut == StatutEngagement.ANNULE:
        raise ValidationError("Cet engagement est déjà annulé.")
    if engagement.paiements.exists():
        raise ValidationError(
            f"Un engagement qui a reçu des versements ({euros(_paid(engagement))}) ne peut pas être annulé."
        )
    if not motif.strip():
        raise ValidationError({"motif": "Le motif de l'annulation est obligatoire."})
    if engagement.date_decision and date < engagement.date_decision:
        raise ValidationError({"date": "L'annulation ne peut pas précéder la décision."})
    engagement.statut = StatutEngagement.ANNULE
    engagement.date_annulation = date
    engagement.motif_annulation = motif.strip()
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def paiement_add(*, engagement: Engagement, date: datetime.date, montant: Decimal, by) -> Paiement:
    """Record a payment; it cannot exceed what remains to pay on the commitment."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.statut != StatutEngagement.ENGAGE:
        raise ValidationError("Un versement porte sur un engagement au statut « engagé ».")
    paid = _paid(engagement)
    reste = engagement.montant - paid
    if montant > reste:
        raise ValidationError(
            {
                "montant": f"Engagement de {euros(engagement.montant)} ; déjà versé {euros(paid)} ; "
                f"reste à verser {euros(reste)} ; demandé {euros(montant)}."
            }
        )
    if engagement.date_decision and date < engagement.date_decision:
        raise ValidationError({"date": "Un versement ne peut pas précéder la décision d'engagement."})
    paiement = Paiement(engagement=engagement, date=date, montant=montant, created_by=by)
    paiement.full_clean()
    paiement.save()
    return paiement


@transaction.atomic
def cofinancement_add(
    *,
    beneficiaire: Beneficiaire,
    financeur: str,
    montant: Decimal,
    annee: int,
    by,
    organisation: str = "",
    statut: str = "prevu",
) -> Cofinancement:
    line = Cofinancement(
        beneficiaire=beneficiaire,
        financeur=financeur,
        organisation=organisation,
        montant=montant,
        annee=annee,
        statut=statut,
    )
    line.full_clean()
    line.save()
    return line
