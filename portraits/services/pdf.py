"""The portrait as a PDF produced once by the worker (`config.production`): requested from the page, rendered from
the frozen snapshot (cover, page numbers, sources page), downloaded by its public identifier."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from config import production
from config.pdf import render_pdf
from config.production import StatutProduction
from portraits.models import PortraitPdf, portrait_file_path
from portraits.perimetres import Perimetre, resolve

PRODUCTION = production.Production(PortraitPdf, noun="du portrait")
# Anonymous requests in production at once, beyond which the portal asks to come back later (the worker's queue).
MAX_ANONYMES_EN_COURS = 20


@transaction.atomic
def portrait_request(*, perimetre: Perimetre, audience: str, regions: list[int], departements: list[int], by=None):
    """The PDF of this perimeter and audience for today: the one already requested today (not failed), or a new one
    queued once committed."""
    by = by if getattr(by, "is_authenticated", False) else None
    today = timezone.localdate()
    existing = (
        PortraitPdf.objects.filter(niveau=perimetre.kind, code=perimetre.code, audience=audience, jour=today)
        .exclude(statut=StatutProduction.ECHEC)
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    if (
        by is None
        and PortraitPdf.objects.filter(requested_by__isnull=True).en_production().count() >= MAX_ANONYMES_EN_COURS
    ):
        raise ValidationError("Trop de portraits sont en cours de production : réessayez dans quelques minutes.")
    portrait = PortraitPdf(
        niveau=perimetre.kind,
        code=perimetre.code,
        libelle=perimetre.libelle[:250],
        audience=audience,
        jour=today,
        regions=regions,
        departements=departements,
        requested_by=by,
    )
    portrait.full_clean()
    portrait.save()
    from config.celery import send_after_commit
    from portraits.tasks import produce_portrait

    send_after_commit(produce_portrait, portrait.pk)  # a dead broker leaves it to the resume task
    return portrait


def portrait_context(snapshot: dict) -> dict:
    from portraits.charts import charts

    return {
        "snapshot": snapshot,
        "charts": charts(snapshot),
        "operateur": snapshot["operateur"],
        "demo": snapshot["donnees_fictives"],
    }


def portrait_build(portrait: PortraitPdf, attempt: int) -> PortraitPdf | None:
    from portraits.perms import registres_du_portrait
    from portraits.services.snapshot import portrait_snapshot

    user = portrait.requested_by or AnonymousUser()
    perimetre = resolve({portrait.niveau: portrait.code}, user)
    registres = registres_du_portrait(user, portrait.audience)
    snapshot = portrait_snapshot(perimetre, audience=portrait.audience, registres=registres, pdf=True)
    if not PRODUCTION.progress(portrait.pk, attempt, 40, snapshot=snapshot):
        return None
    with PRODUCTION.heartbeat(portrait.pk, attempt):
        pdf = render_pdf("portraits/pdf.html", portrait_context(snapshot))
    if not PRODUCTION.progress(portrait.pk, attempt, 80):
        return None
    if not PRODUCTION.finish(portrait, attempt, path=portrait_file_path(portrait, "portrait.pdf"), content=pdf):
        return None
    portrait.refresh_from_db()
    return portrait
