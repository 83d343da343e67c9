"""What the CPTS filings (lettre d'intention, projet de santé) share while drafting and filing."""

from django.core.exceptions import ValidationError

from instruction.enums import Etat


def draft_apply(obj, *, data: dict, fields, m2m, by, filed_message: str) -> None:
    """Copy the valid draft fields onto a filing (many-to-many ones saved at once); refuse once filed."""
    if obj.dossier.etat != Etat.BROUILLON:
        raise ValidationError(filed_message)
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    for name in m2m:
        if name in data:
            getattr(obj, name).set(data[name])
    obj._history_user = by


def missing_fields(obj, names) -> dict[str, str]:
    """French errors for the text fields a filing needs before it is filed."""
    return {
        name: f"Ce champ est obligatoire pour déposer : {obj._meta.get_field(name).verbose_name}."
        for name in names
        if not str(getattr(obj, name)).strip()
    }
