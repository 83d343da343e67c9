"""The national synthesis as a PDF produced once by the worker (`config.production`), as the bilans and portraits."""

from django.db import transaction
from django.utils import timezone

from config import production
from config.pdf import render_pdf
from config.production import StatutProduction
from national.models import SyntheseNationale, synthese_file_path

PRODUCTION = production.Production(SyntheseNationale, noun="de la synthèse nationale")
OPERATEUR = "Ministère chargé de la santé — Direction générale de l'offre de soins"


@transaction.atomic
def synthese_request(*, by) -> SyntheseNationale:
    """Today's synthesis: the one already requested today (not failed), or a new one queued once committed."""
    today = timezone.localdate()
    existing = (
        SyntheseNationale.objects.filter(jour=today).exclude(statut=StatutProduction.ECHEC).order_by("-pk").first()
    )
    if existing is not None:
        return existing
    synthese = SyntheseNationale.objects.create(jour=today, requested_by=by)
    from config.celery import send_after_commit
    from national.tasks import produce_synthese

    send_after_commit(produce_synthese, synthese.pk)
    return synthese


def synthese_build(synthese: SyntheseNationale, attempt: int) -> SyntheseNationale | None:
    from national.services import snapshot

    frozen = snapshot(on=synthese.jour)
    if not PRODUCTION.progress(synthese.pk, attempt, 40, snapshot=frozen):
        return None
    with PRODUCTION.heartbeat(synthese.pk, attempt):
        pdf = render_pdf(
            "national/pdf.html",
            {"snapshot": frozen, "jour": synthese.jour, "operateur": OPERATEUR, "generated_at": timezone.localtime()},
        )
    if not PRODUCTION.progress(synthese.pk, attempt, 80):
        return None
    if not PRODUCTION.finish(synthese, attempt, path=synthese_file_path(synthese, "synthese.pdf"), content=pdf):
        return None
    synthese.refresh_from_db()
    return synthese
