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
    content_update,
    current_pieces,
    dossier_answer,
    dossier_create,
    dossier_submit,
    dossier_transition,
    draft_uploads_add,
    editable_fields,
    last_complement,
    message_post,
    piece_add,
    piece_delete,
    referent_assign,
    required_missing,
)
from instruction.services.versions import corrections

__all__ = [
    "annotation_add",
    "content_update",
    "corrections",
    "current_pieces",
    "editable_fields",
    "last_complement",
    "required_missing",
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
