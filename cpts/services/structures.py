"""Writes on the registers of centres de santé and équipes de soins primaires."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cpts.models import CentreSante, EquipeSoinsPrimaires, ProfessionnelCentre

CENTRE_FIELDS = (
    "nom",
    "sous_type",
    "gestionnaire_type",
    "gestionnaire_nom",
    "finess",
    "departement",
    "commune",
    "adresse",
    "statut",
    "date_ouverture",
    "date_fermeture",
    "date_projet_sante",
    "date_accord_national",
    "note",
    "porteur",
)
ESP_FIELDS = (
    "nom",
    "departement",
    "commune",
    "statut",
    "date_constitution",
    "date_fin",
    "nb_medecins_generalistes",
    "nb_autres_professionnels",
    "objet",
    "porteur",
)


def _check_place(structure) -> None:
    if structure.commune_id and structure.commune.departement_id != structure.departement_id:
        raise ValidationError({"commune": "La commune doit être dans le département choisi."})


def finess_check(*, finess: str, departement) -> None:
    """A FINESS number starts with the code of the département it was given in (2 characters: « 37 », « 2A »)."""
    if finess and departement is not None and finess[:2] != departement.code[:2]:
        raise ValidationError(
            {"finess": f"Un numéro FINESS du département {departement.code} commence par « {departement.code[:2]} »."}
        )


@transaction.atomic
def centre_save(*, centre: CentreSante | None, data: dict, equipe: dict[str, int], by) -> CentreSante:
    """Create or update a centre de santé and its salaried team (one number per profession)."""
    centre = centre or CentreSante()
    for name in CENTRE_FIELDS:
        if name in data:
            setattr(centre, name, data[name])
    centre.finess = (centre.finess or "").strip().upper()
    _check_place(centre)
    finess_check(finess=centre.finess, departement=centre.departement)
    centre._history_user = by
    centre.full_clean()
    centre.save()
    for profession, nombre in equipe.items():
        if nombre:
            ProfessionnelCentre.objects.update_or_create(
                centre=centre, profession=profession, defaults={"nombre": nombre}
            )
        else:
            ProfessionnelCentre.objects.filter(centre=centre, profession=profession).delete()
    return centre


@transaction.atomic
def esp_save(*, esp: EquipeSoinsPrimaires | None, data: dict, by) -> EquipeSoinsPrimaires:
    """Create or update an équipe de soins primaires."""
    esp = esp or EquipeSoinsPrimaires()
    for name in ESP_FIELDS:
        if name in data:
            setattr(esp, name, data[name])
    _check_place(esp)
    esp._history_user = by
    esp.full_clean()
    esp.save()
    return esp
