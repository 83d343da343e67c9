"""What the déposant sent, version by version, and what a correction changed.

A version is taken when the dossier is filed, then each time the déposant answers a complément: the value
of each field of the kind's form (in the order of its sections) as a person reads it, and the pieces by
name and SHA-256. The instruction team sees the difference between the version the complément was asked
on and the corrected one (and, while the déposant is still correcting, the changes not yet sent).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Max
from django.utils import formats

from instruction.enums import MotifVersion
from instruction.models import Dossier, Version


def _display(content, name: str) -> str | None:
    """The value of one field of the content as shown to a person; None for a name the model lacks."""
    try:
        model_field = content._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form-only field (an upload) has no model field
        return None
    if model_field.many_to_many:
        return ", ".join(sorted(str(item) for item in getattr(content, name).all())) or "—"
    value = getattr(content, name)
    if model_field.choices:
        value = getattr(content, f"get_{name}_display")()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, int | float | Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def content_values(dossier: Dossier) -> list[dict]:
    """Each field of the kind's form (sections in order) with its label and displayed value, then the pieces."""
    from instruction.services.dossiers import current_pieces

    kind = dossier.kind_spec
    if not kind.has_pages:
        return []
    content = kind.content_of(dossier)
    form = kind.form_class(instance=content, **kind.form_kwargs(content))
    rows = []
    for section in kind.sections:
        for name in section.fields:
            value = _display(content, name)
            if value is not None and name in form.fields:
                rows.append({"code": name, "label": str(form.fields[name].label), "value": value})
        if section.pieces:
            pieces = [
                f"{piece.original_name} ({piece.get_categorie_display().lower()}, SHA-256 {piece.sha256[:12]}…)"
                for piece in current_pieces(dossier)
            ]
            rows.append({"code": "pieces", "label": section.title, "value": "\n".join(pieces) or "—"})
    return rows


def version_record(*, dossier: Dossier, motif: str, by) -> Version:
    """Keep what the déposant sends (called by the filing and by the answer to a complément)."""
    last = dossier.versions.aggregate(last=Max("numero"))["last"] or 0
    return Version.objects.create(
        dossier=dossier, numero=last + 1, motif=motif, created_by=by, valeurs=content_values(dossier)
    )


def diff(before: list[dict], after: list[dict]) -> list[dict]:
    """The rows whose value changed (or appeared), in the order of the form."""
    old = {row["code"]: row["value"] for row in before}
    return [
        {"label": row["label"], "avant": old.get(row["code"], "—"), "apres": row["value"]}
        for row in after
        if old.get(row["code"], "—") != row["value"]
    ]


def corrections(dossier: Dossier) -> list[dict]:
    """What each answer to a complément changed, most recent first; while the déposant is correcting, the
    changes saved but not sent yet come first (`en_cours`)."""
    versions = list(dossier.versions.select_related("created_by"))
    rows = []
    for previous, version in zip(versions, versions[1:], strict=False):
        if version.motif == MotifVersion.COMPLEMENT:
            rows.append({"version": version, "en_cours": False, "changes": diff(previous.valeurs, version.valeurs)})
    if versions and dossier.complement_sections:
        pending = diff(versions[-1].valeurs, content_values(dossier))
        if pending:
            rows.append({"version": None, "en_cours": True, "changes": pending})
    return list(reversed(rows))
