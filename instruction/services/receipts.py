from django.utils import timezone

from comptes.selectors import ars_nom
from config.pdf import render_pdf
from instruction.enums import CategoriePiece
from instruction.models import Dossier, Piece


def receipt_context(dossier: Dossier) -> dict:
    pieces = [
        piece for piece in dossier.pieces.all() if piece.categorie in (CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE)
    ]
    return {
        "operateur": ars_nom(departement_code=dossier.departement.code if dossier.departement_id else None),
        "dossier": dossier,
        "kind": dossier.kind_spec,
        "lines": dossier.kind_spec.receipt_lines(dossier),
        "pieces": pieces,
        "generated_at": timezone.localtime(),
    }


def receipt_build(*, dossier: Dossier, by) -> Piece:
    """Render the accusé de dépôt PDF and keep it with the dossier."""
    from instruction.services.dossiers import store_generated_file

    content = render_pdf("instruction/pdf/accuse_depot.html", receipt_context(dossier))
    return store_generated_file(
        dossier=dossier,
        name=f"accuse-de-depot-{dossier.reference}.pdf",
        content=content,
        categorie=CategoriePiece.ACCUSE,
        by=by,
    )
