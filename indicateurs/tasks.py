from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=9 * 60, time_limit=10 * 60)
def recalculer_indicateurs(recalcul_id: int) -> str | None:
    """Run one queued recomputation (idempotent: a recomputation already claimed is skipped)."""
    from indicateurs.services import recalcul_executer

    recalcul = recalcul_executer(recalcul_id=recalcul_id)
    return recalcul.status if recalcul else None


@shared_task(acks_late=True)
def recalculer_semestre_en_cours() -> int:
    """Beat entry point: queue a recomputation of the current semester."""
    from django.utils import timezone

    from indicateurs.semestre import Semestre
    from indicateurs.services import recalcul_demander

    return recalcul_demander(periode=Semestre.containing(timezone.localdate())).pk
