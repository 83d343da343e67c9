"""Exactly-once production of a generated file (a PDF) by a Celery worker, for any « job » row.

Domain-free: the semester bilans (`acces_soins`), the portraits de territoire (`portraits`) and the zonage
consultation files (`zonage`) share this protocol; each app keeps its own job model, snapshot and template.

A job model has the fields of `ProductionJob` (new models inherit it; `acces_soins.BilanSemestriel` predates it and
declares the same field names): statut, progress, erreur, attempt, lease_expires_at, started_at, finished_at,
fichier, sha256, page_count.

Protocol:
1. claim: one conditional UPDATE moves the job from « en attente » — or from a stale « en cours » whose lease has
   expired (its worker died) — to « en cours », increments `attempt` and sets a lease (`lease()`, the
   PRODUCTION_LEASE_SECONDS setting). Whoever does not get the row does nothing.
2. every later write (progress, snapshot, final state) is conditional on `attempt` still being ours: an attempt that
   lost its lease cannot overwrite the one that took over. Each step renews the lease, and so does a thread while the
   PDF renders (`Production.heartbeat`): a live attempt is never taken over, a killed one is, soon.
3. the file is stored under a unique name, then the row moves to « prêt » conditionally; if that UPDATE finds
   nothing, the file is deleted. A « prêt » job is never claimed again.
4. resumption (`Production.to_resume`, `resume`): a beat task and every worker at start queue again the jobs whose
   production stopped — pending for more than RESUME_PENDING_AFTER (their message was lost: broker down or
   flushed), or « en cours » with an expired lease (their worker died). The claim keeps each one produced once.
"""

import hashlib
import io
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator
from django.db import OperationalError, connection, models
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 4 * 60
TIME_LIMIT = 5 * 60
# A pending job older than this, with no attempt, lost its message (broker down or flushed): resumed.
RESUME_PENDING_AFTER = timedelta(minutes=5)
TRANSIENT_ERRORS = (OperationalError, ConnectionError, TimeoutError)
MAX_RETRIES = 5

# The options every production task declares (retries, limits, late acknowledgement).
TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
    "soft_time_limit": SOFT_TIME_LIMIT,
    "time_limit": TIME_LIMIT,
}


def lease() -> timedelta:
    """How long an attempt holds a job without news: renewed at each step and every third of it while the file
    renders (`Production.heartbeat`), so a live attempt is never taken over and a killed one is, soon."""
    return timedelta(seconds=settings.PRODUCTION_LEASE_SECONDS)


class StatutProduction(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En cours"
    PRET = "pret", "Prêt"
    ECHEC = "echec", "Échec"


FINISHED = frozenset({StatutProduction.PRET, StatutProduction.ECHEC})


class ProductionJob(models.Model):
    """The fields of a job produced by a worker (abstract): status, progress, lease, file."""

    statut = models.CharField(
        "statut", max_length=12, choices=StatutProduction.choices, default=StatutProduction.EN_ATTENTE
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0, validators=[MaxValueValidator(100)])
    erreur = models.TextField("erreur", blank=True)
    attempt = models.PositiveIntegerField(
        "tentative", default=0, help_text="Incrémentée à chaque prise en charge par un worker."
    )
    lease_expires_at = models.DateTimeField("prise en charge valable jusqu'à", null=True, blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField("nombre de pages", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.statut in FINISHED


class Busy(Exception):
    """Another live attempt holds the job: try again after `retry_in` seconds."""

    def __init__(self, retry_in: float):
        super().__init__(f"job held by another attempt for {retry_in:.0f} s")
        self.retry_in = retry_in


def pdf_page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


@dataclass(frozen=True)
class Production:
    """The protocol bound to one job model. `noun` completes the French error messages (« du bilan »)."""

    model: type[models.Model]
    noun: str

    def claim(self, pk: int) -> int | None:
        """Take the job for one attempt; return the attempt number, or None if someone else has it."""
        now = timezone.now()
        claimable = Q(statut=StatutProduction.EN_ATTENTE) | Q(
            statut=StatutProduction.EN_COURS, lease_expires_at__lt=now
        )
        updated = self.model.objects.filter(claimable, pk=pk).update(
            statut=StatutProduction.EN_COURS,
            attempt=F("attempt") + 1,
            lease_expires_at=now + lease(),
            started_at=now,
            progress=5,
            erreur="",
        )
        if not updated:
            return None
        return self.model.objects.filter(pk=pk).values_list("attempt", flat=True).get()

    def ours(self, pk: int, attempt: int):
        return self.model.objects.filter(pk=pk, attempt=attempt, statut=StatutProduction.EN_COURS)

    def progress(self, pk: int, attempt: int, progress: int, **fields) -> bool:
        """Record progress (and any other field) while the attempt is still ours, and renew its lease."""
        fields["lease_expires_at"] = timezone.now() + lease()
        return bool(self.ours(pk, attempt).update(progress=progress, **fields))

    @contextmanager
    def heartbeat(self, pk: int, attempt: int) -> Iterator[None]:
        """Renew the attempt's lease from a thread while a long step (the PDF) runs in this one."""
        stop = threading.Event()

        def beat():
            try:
                while not stop.wait(lease().total_seconds() / 3):
                    self.ours(pk, attempt).update(lease_expires_at=timezone.now() + lease())
            finally:
                connection.close()  # the thread's own connection

        thread = threading.Thread(target=beat, name=f"{self.model._meta.model_name}-{pk}-bail", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def to_resume(self, *, all_unfinished: bool = False) -> list[int]:
        """The jobs whose production stopped: pending for more than `RESUME_PENDING_AFTER` (their message was
        lost), or « en cours » with an expired lease (their worker died). `all_unfinished` (a worker that starts)
        takes every unfinished job: one still held by a live attempt waits for its lease (`Busy`)."""
        now = timezone.now()
        unfinished = self.model.objects.filter(statut__in=[StatutProduction.EN_ATTENTE, StatutProduction.EN_COURS])
        if not all_unfinished:
            unfinished = unfinished.filter(
                Q(statut=StatutProduction.EN_ATTENTE, created_at__lt=now - RESUME_PENDING_AFTER)
                | Q(statut=StatutProduction.EN_COURS, lease_expires_at__lt=now)
            )
        return list(unfinished.order_by("pk").values_list("pk", flat=True))

    def fail(self, pk: int, attempt: int, message: str) -> None:
        self.ours(pk, attempt).update(
            statut=StatutProduction.ECHEC, erreur=message, finished_at=timezone.now(), lease_expires_at=None
        )

    def finish(self, job, attempt: int, *, path: str, content: bytes, file_field: str = "fichier", **fields) -> bool:
        """Store the file under a unique name and mark the job ready, only if the attempt is still ours."""
        storage = getattr(job, file_field).storage
        name = storage.save(path, ContentFile(content))
        finished = self.ours(job.pk, attempt).update(
            statut=StatutProduction.PRET,
            progress=100,
            sha256=hashlib.sha256(content).hexdigest(),
            page_count=pdf_page_count(content),
            finished_at=timezone.now(),
            lease_expires_at=None,
            **{file_field: name},
            **fields,
        )
        if not finished:
            storage.delete(name)  # another attempt took over: keep exactly one file
        return bool(finished)

    def run(self, pk: int, build: Callable, *, final_attempt: bool = True):
        """Produce the job if it can be claimed: `build(job, attempt)` returns the ready job or None.

        Returns None when there was nothing to do (already produced, failed, or taken over). Raises Busy while
        another live attempt holds it, and re-raises transient errors (after releasing the claim) unless this is
        the final attempt."""
        attempt = self.claim(pk)
        if attempt is None:
            current = self.model.objects.filter(pk=pk).values("statut", "lease_expires_at").first()
            if current is None or current["statut"] in FINISHED:
                return None
            remaining = (current["lease_expires_at"] or timezone.now()) - timezone.now()
            raise Busy(max(remaining.total_seconds(), 1))
        job = self.model.objects.get(pk=pk)
        try:
            return build(job, attempt)
        except TRANSIENT_ERRORS as exc:
            if final_attempt:
                self.fail(
                    pk, attempt, f"La production {self.noun} a échoué après plusieurs essais ({type(exc).__name__})."
                )
                return None
            # Give the claim back so that the retry (or any redelivery) can take it at once.
            self.ours(pk, attempt).update(statut=StatutProduction.EN_ATTENTE, lease_expires_at=None, progress=0)
            raise
        except SoftTimeLimitExceeded:
            self.fail(pk, attempt, f"La production {self.noun} a dépassé le délai autorisé.")
            return None
        except Exception as exc:  # noqa: BLE001 - any other error is final and shown to the user in French
            logger.exception("Production of %s %s failed", self.model.__name__, pk)
            self.fail(pk, attempt, f"La production {self.noun} a échoué : {type(exc).__name__}.")
            return None


def run_task(task, production: Production, pk: int, build: Callable) -> str:
    """The body of a production task: run once, wait for a live attempt held elsewhere. Returns the SHA-256."""
    try:
        job = production.run(pk, build, final_attempt=task.request.retries >= task.max_retries)
    except Busy as busy:
        if task.request.is_eager:
            return ""  # eager mode (demo, tests) has no other worker to wait for
        # Another worker holds a live lease (or held it before dying): look again when it expires.
        raise task.retry(countdown=busy.retry_in, max_retries=None) from None
    return job.sha256 if job else ""


def resume(production: Production, task, *, all_unfinished: bool = False) -> list[int]:
    """The body of a resume task: queue `task` again for every job whose production stopped."""
    ids = production.to_resume(all_unfinished=all_unfinished)
    for pk in ids:
        task.delay(pk)
    return ids
