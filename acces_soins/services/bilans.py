"""Semester bilans: the frozen snapshot, the request and the exactly-once production.

Production protocol (shared by the Celery task and the `bilan_semestriel` command):
1. claim: one conditional UPDATE moves the bilan from « en attente » — or from a stale « en cours »
   whose lease has expired (its worker died) — to « en cours », increments `attempt` and sets a
   lease longer than the task's hard time limit. Whoever does not get the row does nothing.
2. every later write (progress, snapshot, final state) is conditional on `attempt` still being
   ours: an attempt that lost its lease cannot overwrite the one that took over.
3. the PDF is stored under a unique name, then the row moves to « prêt » conditionally; if that
   UPDATE finds nothing, the file is deleted. A « prêt » bilan is never claimed again.
"""

import hashlib
import io
import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from pypdf import PdfReader

from acces_soins import sections
from acces_soins.enums import OrigineBilan, StatutBilan
from acces_soins.models import BilanSemestriel, bilan_file_path
from acces_soins.periods import Perimetre, Semestre

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 4 * 60
TIME_LIMIT = 5 * 60
# A pending bilan older than this, with no attempt, lost its message (broker down or flushed): resumed.
RESUME_PENDING_AFTER = timedelta(minutes=5)


def lease() -> timedelta:
    """How long an attempt holds the bilan without news: renewed at each step and every third of it while
    the PDF renders (`_heartbeat`), so a live attempt is never taken over and a killed one is, soon."""
    from django.conf import settings

    return timedelta(seconds=settings.BILAN_LEASE_SECONDS)


SNAPSHOT_SCHEMA = 1
TRANSIENT_ERRORS = (OperationalError, ConnectionError, TimeoutError)


class BilanBusy(Exception):
    """Another live attempt holds the bilan: try again after `retry_in` seconds."""

    def __init__(self, retry_in: float):
        super().__init__(f"bilan held by another attempt for {retry_in:.0f} s")
        self.retry_in = retry_in


# --- Snapshot (pure read) --------------------------------------------------------------------


def snapshot_bilan(perimetre: Perimetre, semestre: Semestre) -> dict:
    """Every figure the bilan prints, as JSON-ready data. Reads only; the PDF renders only this dict."""
    from acces_soins.selectors import previous_ready_bilan

    perimetre, semestre = Perimetre.parse(perimetre), Semestre.parse(semestre)
    section_rows = sections.gather(perimetre, semestre)
    previous = previous_ready_bilan(perimetre, semestre)
    previous_values = {}
    if previous is not None:
        previous_values = {row["code"]: row["valeur"] for row in previous.snapshot.get("chiffres_cles", [])}
    chiffres = []
    for section in section_rows:
        for figure in (section["donnees"] or {}).get("chiffres_cles", []):
            before = previous_values.get(figure["code"])
            delta = None
            if isinstance(before, int | float) and isinstance(figure["valeur"], int | float):
                delta = round(figure["valeur"] - before, 3)
            chiffres.append({**figure, "precedent": before, "delta": delta})
    territoire = next((s["donnees"] for s in section_rows if s["nom"] == "territoire" and s["donnees"]), {})
    return {
        "schema": SNAPSHOT_SCHEMA,
        # Frozen with the figures: a PDF rebuilt later names the same ARS and keeps its demo mark.
        "operateur": perimetre.ars_nom(),
        "donnees_fictives": settings.IS_DEMO,
        "perimetre": {
            "cle": str(perimetre),
            "type": perimetre.kind,
            "code": perimetre.code,
            "libelle": perimetre.label(),
        },
        "semestre": {
            "code": str(semestre),
            "libelle": semestre.label,
            "debut": semestre.start.isoformat(),
            "fin": semestre.end.isoformat(),
        },
        "date_instantane": timezone.now().isoformat(timespec="seconds"),
        "versions": {"cog": territoire.get("millesime"), "population": territoire.get("millesime")},
        "precedent": {"semestre": previous.semestre, "version": previous.version} if previous else None,
        "chiffres_cles": chiffres,
        "sections": section_rows,
    }


# --- Request ---------------------------------------------------------------------------------


def bilan_request(
    *,
    perimetre: Perimetre,
    semestre: Semestre,
    requested_by=None,
    origine: str = OrigineBilan.DEMANDE,
    enqueue: bool = True,
) -> BilanSemestriel:
    """Record a bilan request (next version for this perimeter and semester) and queue its production
    once the row is committed. Refused while another version of the same bilan is in production."""
    perimetre, semestre = Perimetre.parse(perimetre), Semestre.parse(semestre)
    try:
        perimetre.resolve()
    except ObjectDoesNotExist as exc:
        raise ValidationError(f"Périmètre inconnu : {perimetre}.") from exc
    for _ in range(3):
        try:
            with transaction.atomic():
                bilan = _create_bilan(perimetre, semestre, requested_by, origine)
        except IntegrityError:
            continue  # a concurrent request took the same version number: compute it again
        if enqueue:
            from acces_soins.tasks import produce_bilan
            from config.celery import send_after_commit

            send_after_commit(produce_bilan, bilan.pk)
        return bilan
    raise ValidationError("Le bilan n'a pas pu être enregistré ; réessayez.")


def _create_bilan(perimetre, semestre, requested_by, origine) -> BilanSemestriel:
    existing = BilanSemestriel.objects.for_perimetre(perimetre).filter(semestre=str(semestre))
    if existing.filter(statut__in=[StatutBilan.EN_ATTENTE, StatutBilan.EN_COURS]).exists():
        raise ValidationError("Un bilan de ce périmètre et de ce semestre est déjà en production.")
    version = (existing.aggregate(last=Max("version"))["last"] or 0) + 1
    bilan = BilanSemestriel(
        perimetre_type=perimetre.kind,
        perimetre_code=perimetre.code,
        perimetre_libelle=perimetre.label(),
        semestre=str(semestre),
        version=version,
        origine=origine,
        requested_by=requested_by,
    )
    bilan.full_clean(validate_constraints=False)  # the database checks the unique constraints
    bilan.save()
    return bilan


# --- Production (exactly once) ---------------------------------------------------------------


def bilan_claim(bilan_id: int) -> int | None:
    """Take the bilan for one attempt; return the attempt number, or None if someone else has it."""
    now = timezone.now()
    claimable = Q(statut=StatutBilan.EN_ATTENTE) | Q(statut=StatutBilan.EN_COURS, lease_expires_at__lt=now)
    updated = BilanSemestriel.objects.filter(claimable, pk=bilan_id).update(
        statut=StatutBilan.EN_COURS,
        attempt=F("attempt") + 1,
        lease_expires_at=now + lease(),
        started_at=now,
        progress=5,
        erreur="",
    )
    if not updated:
        return None
    return BilanSemestriel.objects.filter(pk=bilan_id).values_list("attempt", flat=True).get()


def _ours(bilan_id: int, attempt: int):
    return BilanSemestriel.objects.filter(pk=bilan_id, attempt=attempt, statut=StatutBilan.EN_COURS)


def _progress(bilan_id: int, attempt: int, progress: int, **fields) -> bool:
    fields["lease_expires_at"] = timezone.now() + lease()
    return bool(_ours(bilan_id, attempt).update(progress=progress, **fields))


@contextmanager
def _heartbeat(bilan_id: int, attempt: int):
    """Renew the attempt's lease from a thread while a long step (the PDF) runs in this one."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(lease().total_seconds() / 3):
                _ours(bilan_id, attempt).update(lease_expires_at=timezone.now() + lease())
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=beat, name=f"bilan-{bilan_id}-bail", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def bilan_produce(bilan_id: int, *, final_attempt: bool = True) -> BilanSemestriel | None:
    """Produce the bilan if it can be claimed. Returns the ready bilan, or None when there was nothing to
    do (already produced, failed, or taken over). Raises BilanBusy while another live attempt holds it,
    and re-raises transient errors (after releasing the claim) unless this is the final attempt."""
    attempt = bilan_claim(bilan_id)
    if attempt is None:
        current = BilanSemestriel.objects.filter(pk=bilan_id).values("statut", "lease_expires_at").first()
        if current is None or current["statut"] in (StatutBilan.PRET, StatutBilan.ECHEC):
            return None
        remaining = (current["lease_expires_at"] or timezone.now()) - timezone.now()
        raise BilanBusy(max(remaining.total_seconds(), 1))
    bilan = BilanSemestriel.objects.get(pk=bilan_id)
    try:
        return _produce(bilan, attempt)
    except TRANSIENT_ERRORS as exc:
        if final_attempt:
            _fail(
                bilan_id, attempt, f"La production du bilan a échoué après plusieurs essais ({exc.__class__.__name__})."
            )
            return None
        # Give the claim back so that the retry (or any redelivery) can take it at once.
        _ours(bilan_id, attempt).update(statut=StatutBilan.EN_ATTENTE, lease_expires_at=None, progress=0)
        raise
    except SoftTimeLimitExceeded:
        _fail(bilan_id, attempt, "La production du bilan a dépassé le délai autorisé.")
        return None
    except Exception as exc:  # noqa: BLE001 - any other error is final and shown to the user in French
        logger.exception("Bilan %s failed", bilan_id)
        _fail(bilan_id, attempt, f"La production du bilan a échoué : {exc.__class__.__name__}.")
        return None


def _produce(bilan: BilanSemestriel, attempt: int) -> BilanSemestriel | None:
    from acces_soins.rendering import render_bilan_pdf

    snapshot = snapshot_bilan(bilan.perimetre_obj, bilan.semestre_obj)
    snapshot["bilan"] = {
        "version": bilan.version,
        "genere_le": timezone.localtime().isoformat(timespec="seconds"),
        "origine": bilan.get_origine_display(),
    }
    if not _progress(bilan.pk, attempt, 40, snapshot=snapshot, snapshot_at=timezone.now()):
        return None
    with _heartbeat(bilan.pk, attempt):
        pdf = render_bilan_pdf(snapshot)
    if not _progress(bilan.pk, attempt, 80):
        return None
    storage = bilan.fichier.storage
    name = storage.save(bilan_file_path(bilan, "bilan.pdf"), ContentFile(pdf))
    finished = _ours(bilan.pk, attempt).update(
        statut=StatutBilan.PRET,
        progress=100,
        fichier=name,
        sha256=hashlib.sha256(pdf).hexdigest(),
        page_count=len(PdfReader(io.BytesIO(pdf)).pages),
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
    if not finished:
        storage.delete(name)  # another attempt took over: keep exactly one PDF
        return None
    bilan.refresh_from_db()
    bilan_notify(bilan=bilan)
    return bilan


def _fail(bilan_id: int, attempt: int, message: str) -> None:
    _ours(bilan_id, attempt).update(
        statut=StatutBilan.ECHEC, erreur=message, finished_at=timezone.now(), lease_expires_at=None
    )


def bilan_notify(*, bilan: BilanSemestriel) -> None:
    """E-mail the requester and the members of the comité that the bilan is ready (one message each)."""
    from django.urls import reverse

    from comptes.enums import OrganisationType
    from comptes.models import Membership
    from comptes.tasks import send_email
    from config.celery import send_after_commit

    recipients = set(
        Membership.objects.active()
        .filter(organisation__type=OrganisationType.COMITE)
        .values_list("user__email", flat=True)
    )
    if bilan.requested_by_id:
        recipients.add(bilan.requested_by.email)
    from config.emails import absolute_url

    subject = f"Bilan semestriel {bilan.semestre} prêt — {bilan.perimetre_libelle}"
    body = (
        f"Bonjour,\n\nLe bilan semestriel {bilan.semestre} ({bilan.perimetre_libelle}, version {bilan.version}) "
        f"est prêt : {bilan.page_count} pages.\n"
        f"Il est téléchargeable depuis le portail Santé Territoires, rubrique « Bilans semestriels » : "
        f"{absolute_url(reverse('acces_soins:bilan_detail', args=[bilan.public_id]))}\n\n"
        "Prochaine étape : aucune action n'est attendue de votre part ; le bilan reste disponible sur le portail "
        "pour le comité d'évaluation et l'ARS.\n\n"
        "Ce message est envoyé automatiquement.\n"
    )
    for email in sorted(recipients):
        send_after_commit(send_email, subject=subject, body=body, to=[email])


def bilans_request_scheduled(*, today=None) -> list[BilanSemestriel]:
    """On 1 January and 1 July: the regional bilan and one per département for the semester just ended.
    Idempotent: a perimeter that already has a scheduled bilan for that semester is skipped."""
    semestre = Semestre.last_ended_before(today or timezone.localdate())
    region = Perimetre.region(settings.REFERENCE_REGION)
    perimetres = [region] + [Perimetre.departement(code) for code in region.departement_codes()]
    created = []
    for perimetre in perimetres:
        already = BilanSemestriel.objects.for_perimetre(perimetre).filter(semestre=str(semestre))
        if already.filter(origine=OrigineBilan.CALENDRIER).exists():
            continue
        try:
            created.append(bilan_request(perimetre=perimetre, semestre=semestre, origine=OrigineBilan.CALENDRIER))
        except ValidationError as exc:
            logger.warning("Scheduled bilan %s %s not requested: %s", perimetre, semestre, exc.messages)
    return created


def bilans_to_resume(*, all_unfinished: bool = False) -> list[int]:
    """The bilans whose production stopped: pending for more than `RESUME_PENDING_AFTER` (their message was
    lost), or « en cours » with an expired lease (their worker died). `all_unfinished` (a worker that starts)
    takes every unfinished bilan: one still held by a live attempt waits for its lease (`BilanBusy`)."""
    now = timezone.now()
    unfinished = BilanSemestriel.objects.filter(statut__in=[StatutBilan.EN_ATTENTE, StatutBilan.EN_COURS])
    if not all_unfinished:
        unfinished = unfinished.filter(
            Q(statut=StatutBilan.EN_ATTENTE, created_at__lt=now - RESUME_PENDING_AFTER)
            | Q(statut=StatutBilan.EN_COURS, lease_expires_at__lt=now)
        )
    return list(unfinished.order_by("pk").values_list("pk", flat=True))
