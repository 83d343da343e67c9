"""Every write of a register entry goes through here: the form, the import and the demo share one path."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from registres.models import Document, ZoneALaDate
from registres.perms import can_edit_registre
from registres.services.zonage import zone_a_la_date


def derive(registre, entree) -> None:
    """The fields nobody types: the département of the commune, the zone in force at the entry's date, and what
    the register computes itself (`Registre.preparation`)."""
    if entree.commune_id:
        entree.departement_id = entree.commune.departement_id
    if isinstance(entree, ZoneALaDate):
        on = getattr(entree, entree.DATE_ZONE)
        entree.zone, entree.arrete_zonage = zone_a_la_date(entree.commune if entree.commune_id else None, on)
    if registre.preparation is not None:
        registre.preparation(entree)


def check(registre, entree, *, by) -> None:
    """Derive, check the scope, then validate the entry (raises a French ValidationError)."""
    from registres.declarations import COMMUNE_REQUISE

    if registre.commune == COMMUNE_REQUISE and not entree.commune_id:
        raise ValidationError({"commune": "Indiquez la commune."})
    derive(registre, entree)
    if entree.departement_id is None:
        raise ValidationError({"departement": "Indiquez la commune ou le département."})
    if not can_edit_registre(by, registre, entree.departement_id):
        raise ValidationError({"departement": "Ce département n'est pas dans votre périmètre."})
    entree.full_clean()


@transaction.atomic
def entree_save(*, registre, entree, by, m2m: dict | None = None, enfants=(), checked: bool = False):
    """Create or update an entry: derived fields, scope, validation, save, many-to-many values, child rows, then
    the register's own hook (`Registre.enregistrement`, e.g. the funding ledger) in the same transaction."""
    if not checked:
        check(registre, entree, by=by)
    if entree.pk is None:
        entree.created_by = by
    entree.updated_by = by
    entree._history_user = by
    entree.save()
    for name, values in (m2m or {}).items():
        getattr(entree, name).set(values)
    for formset in enfants:
        formset.instance = entree
        formset.save()
    if registre.enregistrement is not None:
        registre.enregistrement(entree, by)
    return entree


@transaction.atomic
def entree_delete(*, entree, by) -> None:
    """Delete an entry and its attachments (the history keeps the entry); refused when another record depends on
    it (a commitment of the funding ledger…)."""
    entree._history_user = by
    documents = Document.objects.filter(content_type=ContentType.objects.get_for_model(entree), object_id=entree.pk)
    for document in documents:
        document_delete(document=document, by=by)
    try:
        entree.delete()
    except (ProtectedError, RestrictedError) as error:
        raise ValidationError(
            "Cette entrée ne peut pas être supprimée : d'autres enregistrements en dépendent "
            "(engagement au grand livre des financements, contrat lié…)."
        ) from error


@transaction.atomic
def document_add(*, entree, titre: str, fichier, by) -> Document:
    """Attach a file checked by content (`config.uploads.ValidatedFileField`) to an entry."""
    info = fichier.upload_info
    document = Document(
        content_type=ContentType.objects.get_for_model(entree),
        object_id=entree.pk,
        titre=titre.strip(),
        nom_original=fichier.name[:255],
        type_contenu=info.kind.content_type,
        taille=info.size,
        sha256=info.sha256,
        ajoute_par=by,
    )
    document.fichier.save(fichier.name, fichier, save=False)
    document._history_user = by
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: Document, by) -> None:
    document._history_user = by
    stored = document.fichier.name
    storage = document.fichier.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)


def documents_of(entree):
    return Document.objects.filter(
        content_type=ContentType.objects.get_for_model(entree), object_id=entree.pk
    ).select_related("ajoute_par")
