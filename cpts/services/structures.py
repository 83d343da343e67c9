"""Writes on the registers of centres de santé and équipes de soins primaires."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cpts.models import CentreSante, EquipeSoinsPrimaires, ProfessionnelCentre

# Set by the system, never by a form: identity, ledger link, demo flag, timestamps.
NOT_EDITABLE = frozenset({"id", "public_id", "beneficiaire", "is_fictif", "created_at"})


def assign_fields(structure, data: dict) -> None:
    """Copy the given values of the structure's own editable fields (other keys, e.g. team numbers, are ignored)."""
    names = {field.name for field in type(structure)._meta.concrete_fields} - NOT_EDITABLE
    for name, value in data.items():
        if name in names:
            setattr(structure, name, value)


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
    assign_fields(centre, data)
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
    assign_fields(esp, data)
    _check_place(esp)
    esp._history_user = by
    esp.full_clean()
    esp.save()
    return esp
