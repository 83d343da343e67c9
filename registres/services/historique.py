"""The history of an entry as people read it: who changed what and when (django-simple-history), personal data
shown only to those who may see them."""

from django.db import models

from config.typography import fr_date

HISTORY_TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}
SKIPPED = {"updated_by", "created_by", "updated_at", "created_at"}


def _text(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "Oui" if value else "Non"
    if isinstance(model_field, models.ForeignKey):
        return "(modifié)"
    if hasattr(value, "strftime"):
        return fr_date(value)
    return str(value)


def historique(entree, registre, *, personnels: bool, limit: int = 20) -> list[dict]:
    """The latest changes, newest first: date, author, kind and the fields that changed (old → new)."""
    records = list(entree.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    hidden = set() if personnels else set(registre.personnels)
    rows = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                if change.field in SKIPPED:
                    continue
                model_field = entree._meta.get_field(change.field)
                label = (
                    registre.label(change.field)
                    if change.field in (*registre.communs, *registre.champs)
                    else str(model_field.verbose_name)
                )
                if change.field in hidden:
                    changes.append((label, "(donnée personnelle)", "(donnée personnelle)"))
                else:
                    changes.append((label, _text(model_field, change.old), _text(model_field, change.new)))
        rows.append(
            {
                "date": record.history_date,
                "auteur": record.history_user,
                "type": HISTORY_TYPES.get(record.history_type, record.history_type),
                "changements": changes,
            }
        )
    return rows[:limit]
