"""Documents of an arrêté: files already checked by `config.uploads.ValidatedFileField`."""

from django.db import transaction

from zonage.models import ArreteDocument, ArreteZonage


@transaction.atomic
def arrete_document_add(*, arrete: ArreteZonage, upload, type: str, titre: str, by) -> ArreteDocument:
    """Store a validated upload (it carries `upload_info`) under a random name; the arrêté is unchanged."""
    info = upload.upload_info
    document = ArreteDocument(
        arrete=arrete,
        type=type,
        titre=titre,
        nom_original=upload.name[:255],
        type_contenu=info.kind.content_type,
        taille=info.size,
        sha256=info.sha256,
        depose_par=by,
    )
    document._history_user = by
    upload.seek(0)
    document.fichier.save("upload", upload, save=False)
    # The file is on disk now: remove it if the row cannot be written.
    try:
        document.full_clean(exclude=["fichier"])
        document.save()
    except Exception:
        document.fichier.delete(save=False)
        raise
    return document


@transaction.atomic
def arrete_document_delete(*, document: ArreteDocument, by) -> None:
    """Delete the row (its history keeps who, when, name and SHA-256) and, once committed, the stored file."""
    name, storage = document.fichier.name, document.fichier.storage
    document._history_user = by
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def arrete_document_generated(*, arrete: ArreteZonage, content: bytes, nom: str, titre: str, type: str, by):
    """File a PDF the portal generated (the consultation file) among the arrêté's documents."""
    import hashlib

    from django.core.files.base import ContentFile

    document = ArreteDocument(
        arrete=arrete,
        type=type,
        titre=titre,
        nom_original=nom[:255],
        type_contenu="application/pdf",
        taille=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        depose_par=by,
    )
    document._history_user = by
    document.fichier.save("generated", ContentFile(content), save=False)
    try:
        document.full_clean(exclude=["fichier"])
        document.save()
    except Exception:
        document.fichier.delete(save=False)
        raise
    return document
