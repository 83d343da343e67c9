"""Reads of the cls app: scoped loaders and list querysets."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404

from cls.models import ContratLocalSante


def get_contrat_for_user(user, public_id) -> ContratLocalSante:
    return get_object_or_404(
        ContratLocalSante.objects.visible_to(user).select_related(
            "porteur", "departement__region", "referent", "lettre__dossier", "predecessor"
        ),
        public_id=public_id,
    )


def get_contrat_page_for_user(user, public_id) -> ContratLocalSante:
    """The contract of its page, with its successor (the contract renewing it, when the user may see it) read in the
    same query: `contrat.visible_successor` is an unsaved stand-in holding its public id, name and stage, or None."""
    successor = ContratLocalSante.objects.visible_to(user).filter(predecessor=OuterRef("pk"))
    contrat = get_object_or_404(
        ContratLocalSante.objects.visible_to(user)
        .select_related("porteur", "departement__region", "referent", "lettre__dossier", "predecessor")
        .annotate(
            **{
                f"successor_{name}": Subquery(successor.order_by().values(name)[:1])
                for name in ("public_id", "nom", "etape")
            }
        ),
        public_id=public_id,
    )
    contrat.visible_successor = (
        ContratLocalSante(
            public_id=contrat.successor_public_id, nom=contrat.successor_nom, etape=contrat.successor_etape
        )
        if contrat.successor_public_id
        else None
    )
    return contrat
