"""Writes of the instruction machinery. Views call these; nothing else changes a dossier."""

from instruction.services.co_instruction import (
    avis_give,
    invitable_partners,
    missing_avis,
    participation_invite,
    participation_remove,
    partners_covering,
)
from instruction.services.dossiers import (
    annotation_add,
    dossier_answer,
    dossier_create,
    dossier_submit,
    dossier_transition,
    draft_uploads_add,
    message_post,
    piece_add,
    piece_delete,
    referent_assign,
)

__all__ = [
    "annotation_add",
    "avis_give",
    "invitable_partners",
    "missing_avis",
    "participation_invite",
    "participation_remove",
    "partners_covering",
    "dossier_answer",
    "dossier_create",
    "dossier_submit",
    "dossier_transition",
    "draft_uploads_add",
    "message_post",
    "piece_add",
    "piece_delete",
    "referent_assign",
]
