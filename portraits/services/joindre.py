"""« Joindre le portrait à ma lettre d'intention CLS »: the portrait's PDF, once produced, becomes an annex of the
collectivité's lettre d'intention (its diagnostic starter), through `instruction.services.dossiers`."""

from django.core.exceptions import ValidationError

from config.production import StatutProduction
from instruction.models import Dossier
from portraits.models import PortraitPdf


def lettres_a_completer(user):
    """The CLS lettres d'intention whose pieces the user may change now: drafts (or dossiers whose complément
    opened the pieces) of its collectivités, where its role lets it write."""
    from cls.services.lettres import KIND
    from comptes.perms import get_scope
    from instruction.enums import Etat
    from instruction.perms import can_edit_dossier
    from instruction.services.dossiers import pieces_open

    if not getattr(user, "is_authenticated", False):
        return []
    candidates = (
        Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .filter(deposant_id__in=get_scope(user).collectivite_ids, etat__in=[Etat.BROUILLON, Etat.COMPLEMENT_DEMANDE])
        .select_related("deposant")
        .order_by("-updated_at", "-pk")
    )
    return [dossier for dossier in candidates if can_edit_dossier(user, dossier) and pieces_open(dossier)]


def portrait_attach(*, portrait: PortraitPdf, dossier: Dossier, by):
    """Attach the ready PDF to the dossier as an annex (once: the same file is not attached twice)."""
    from instruction.services.dossiers import current_pieces, generated_annexe_add

    if portrait.statut != StatutProduction.PRET or not portrait.fichier:
        raise ValidationError("Le portrait est encore en production : joignez-le quand il est prêt.")
    if current_pieces(dossier).filter(sha256=portrait.sha256).exists():
        raise ValidationError("Ce portrait est déjà joint à cette lettre d'intention.")
    with portrait.fichier.open("rb") as handle:
        content = handle.read()
    name = f"diagnostic-{portrait.download_name}"
    return generated_annexe_add(dossier=dossier, name=name, content=content, by=by)
