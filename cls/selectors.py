"""Reads of the cls app: scoped loaders and list querysets."""

from django.shortcuts import get_object_or_404

from cls.models import ContratLocalSante


def get_contrat_for_user(user, public_id) -> ContratLocalSante:
    return get_object_or_404(
        ContratLocalSante.objects.visible_to(user).select_related(
            "porteur", "departement__region", "referent", "lettre__dossier", "predecessor"
        ),
        public_id=public_id,
    )
