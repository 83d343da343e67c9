"""Faults on the real stack (issue 17 §4): a Celery worker SIGKILLed mid-bilan, Redis down while a lettre is
filed, PostgreSQL restarted during a request. Each test starts its own Redis, workers, server or database
cluster and stops them by process id; the pytest database is PostgreSQL (`make test`)."""

import email
import threading
import time
from pathlib import Path

import pytest
import requests
from django.urls import reverse
from django.utils.html import strip_tags

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from instruction.enums import CategoriePiece, Etat, StatutNotification
from instruction.kinds import get_kind
from instruction.models import Dossier, Notification, Piece
from tests.reliability.conftest import draft_post_data
from tests.reliability.services import (
    PostgresServer,
    RedisServer,
    broker,
    celery_worker,
    free_port,
    gunicorn,
    process_env,
    pytest_database_url,
    require_postgresql,
    wait_for,
    wait_http,
    wait_worker_ready,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def folders(tmp_path, settings):
    media, mails, logs = tmp_path / "media", tmp_path / "mails", tmp_path / "logs"
    for folder in (media, mails, logs):
        folder.mkdir()
    settings.MEDIA_ROOT = media
    return media, mails, logs


def sent_mails(folder: Path) -> list[email.message.Message]:
    """Every e-mail the file backend of the worker processes wrote (one file per connection, several per file)."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip()))
    return messages


def subject(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


# --- A worker SIGKILLed while it renders a bilan ------------------------------------------------------------------


def status_text(client, bilan) -> str:
    response = client.get(reverse("acces_soins:bilan_status", args=[bilan.public_id]))
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


def test_worker_killed_mid_bilan_a_restarted_worker_produces_it_exactly_once(
    folders, client, siege_agent, expert, territory
):
    """Real `celery worker` processes (prefork) on a Redis of their own: the first renders slowly and is SIGKILLed
    with its pool mid-rendering; its message stays unacknowledged. A new worker resumes the bilan at start
    (`resume_bilans`), waits for the dead attempt's lease (renewed while it lived), takes over and produces the
    PDF once; the page shows « En cours » throughout, then « Prêt »."""
    from tests.acces_soins.factories import ensure_plan_seed

    require_postgresql()
    ensure_plan_seed()
    media, mails, logs = folders
    marker = logs / "rendu-commence"
    with RedisServer() as redis, broker(redis.url):
        env = process_env(broker_url=redis.url, media=media, mails=mails, BILAN_LEASE_SECONDS=6)
        first = celery_worker({**env, "BILAN_RENDER_DELAY": 600, "BILAN_RENDER_MARKER": marker}, logs / "w1.log")
        second = None
        try:
            wait_worker_ready(first)
            client.force_login(siege_agent)
            response = client.post(
                reverse("acces_soins:bilan_request"), {"perimetre": "region:24", "semestre": "2026-S1"}
            )
            assert response.status_code == 302
            bilan = BilanSemestriel.objects.get()
            wait_for(marker.exists, timeout=120, what="the rendering to start")
            assert "Statut : En cours" in status_text(client, bilan)
            time.sleep(3)  # longer than a third of the lease: the live attempt renewed it, nobody took it over
            assert BilanSemestriel.objects.get().attempt == 1
            first.kill()  # SIGKILL: the worker and its pool process, mid-rendering
            assert not first.alive()
            dead = BilanSemestriel.objects.get()
            assert (dead.statut, dead.attempt) == (StatutBilan.EN_COURS, 1)
            assert "Statut : En cours" in status_text(client, bilan)

            second = celery_worker(env, logs / "w2.log")
            wait_worker_ready(second)
            done = wait_for(
                lambda: BilanSemestriel.objects.filter(statut__in=[StatutBilan.PRET, StatutBilan.ECHEC]).first(),
                timeout=180,
                what="the restarted worker to produce the bilan",
            )
            assert done.statut == StatutBilan.PRET, (done.erreur, second.output()[-3000:])
            assert done.attempt == 2
            assert "Statut : Prêt" in status_text(client, bilan)
            pdfs = list((media / "acces_soins" / "bilans").rglob("*.pdf"))
            assert [path.name for path in pdfs] == [Path(done.fichier.name).name]
            ready = wait_for(
                lambda: [m for m in sent_mails(mails) if "prêt" in subject(m)] if len(sent_mails(mails)) >= 2 else None,
                timeout=60,
                what="the « bilan prêt » e-mails",
            )
            time.sleep(2)  # a duplicate would arrive now
            ready = [m for m in sent_mails(mails) if "prêt" in subject(m)]
            assert sorted(m["To"] for m in ready) == ["comite@test.fr", "siege@test.ars.fr"]  # once each
        finally:
            first.kill()
            if second:
                second.stop()


# --- Redis down while a lettre d'intention is filed ---------------------------------------------------------------


def test_filing_while_redis_is_down_succeeds_and_the_emails_leave_once_it_is_back(folders, client, draft_of, dd_agent):
    """The broker is killed; filing still succeeds (number, receipt, notifications recorded in the outbox). Once
    Redis is back, the worker reconnects and the beat sweep sends each e-mail once; sweeping again, or a late
    delivery of the original task, sends nothing twice."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from instruction.tasks import send_notification, sweep_notifications

    require_postgresql()
    media, mails, logs = folders
    every_two_seconds, _ = IntervalSchedule.objects.get_or_create(every=2, period="seconds")
    PeriodicTask.objects.update_or_create(
        name="Notifications en attente (balayage de la file d'envoi)",
        defaults={"task": "instruction.tasks.sweep_notifications", "interval": every_two_seconds, "enabled": True},
    )
    user, lettre = draft_of("cls")
    dossier = lettre.dossier
    with RedisServer() as redis, broker(redis.url):
        env = process_env(broker_url=redis.url, media=media, mails=mails, OUTBOX_SWEEP_DELAY=0)
        worker = celery_worker(env, logs / "worker.log", beat=True)
        try:
            wait_worker_ready(worker)
            redis.stop()
            client.force_login(user)
            started = time.monotonic()
            response = client.post(get_kind("cls").url("edit", dossier), draft_post_data(lettre, action="deposer"))
            assert response.status_code == 302, response.content[:2000]
            assert time.monotonic() - started < 30
            dossier.refresh_from_db()
            assert dossier.etat == Etat.DEPOSEE
            assert dossier.reference
            assert Piece.objects.filter(dossier=dossier, categorie=CategoriePiece.ACCUSE).count() == 1
            waiting = list(Notification.objects.filter(dossier=dossier))
            assert waiting
            assert {n.statut for n in waiting} == {StatutNotification.A_ENVOYER}
            time.sleep(4)
            assert sent_mails(mails) == []  # nothing can leave while the broker is down

            redis.start()  # same port, empty: the task sent at filing is lost for good
            wait_for(
                lambda: not Notification.objects.filter(dossier=dossier).exclude(statut=StatutNotification.ENVOYEE),
                timeout=180,
                what="the sweep to send the notifications",
            )
            subjects = [subject(m) for m in sent_mails(mails)]
            assert subjects.count(f"[Santé Territoires] Dossier {dossier.reference} déposé") == 1

            # Nothing twice: another sweep and a late delivery of each original task.
            sweep_notifications.delay().get(timeout=60)
            for notification in waiting:
                assert send_notification.delay(notification.pk).get(timeout=60) is False
            assert [subject(m) for m in sent_mails(mails)] == subjects
        finally:
            worker.stop()


# --- PostgreSQL restarted during a request -----------------------------------------------------------------------


def test_postgresql_restarted_during_a_request_fails_cleanly_and_the_next_request_works(folders, client, draft_of):
    """gunicorn (persistent connections, `CONN_HEALTH_CHECKS`) on a throwaway copy of the test database. A draft
    is saved while the test holds a lock on its dossier row, so the request waits inside its transaction; the
    cluster restarts: the request gets the French error page and wrote nothing. The next requests work."""
    import psycopg2

    require_postgresql()
    media, mails, logs = folders
    user, lettre = draft_of("cls")
    client.force_login(user)
    session = client.cookies["sessionid"].value
    url = get_kind("cls").url("edit", lettre.dossier)
    before = lettre.contact_nom
    with PostgresServer() as postgres:
        postgres.copy_database_from(pytest_database_url())
        port = free_port()
        env = process_env(
            broker_url="memory://", media=media, mails=mails, database_url=postgres.url, DATABASE_CONN_MAX_AGE=60
        )
        server = gunicorn(env, logs / "gunicorn.log", port=port, workers=1)
        try:
            wait_http(port)
            http = requests.Session()
            http.cookies.set("sessionid", session)
            base = f"http://127.0.0.1:{port}"
            page = http.get(base + url, timeout=30)
            assert page.status_code == 200, page.text[:500]
            token = http.cookies.get("csrftoken")

            postgres.restart()  # the worker's persistent connection is now dead
            assert http.get(base + url, timeout=30).status_code == 200  # health check: reconnected

            locker = psycopg2.connect(postgres.url)
            cursor = locker.cursor()
            cursor.execute(
                "SELECT id FROM instruction_dossier WHERE public_id = %s FOR UPDATE", [str(lettre.dossier.public_id)]
            )
            answers = []
            data = draft_post_data(lettre, csrfmiddlewaretoken=token, action="", contact_nom="Écrit pendant la panne")
            headers = {"Referer": base + url}
            thread = threading.Thread(
                target=lambda: answers.append(http.post(base + url, data=data, headers=headers, timeout=60))
            )
            thread.start()
            probe = psycopg2.connect(postgres.url)
            probe.autocommit = True

            def waiting_on_lock():
                with probe.cursor() as check:
                    check.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    return check.fetchone()[0] > 0

            wait_for(waiting_on_lock, timeout=30, what="the request to wait on the row lock")
            probe.close()
            postgres.restart()  # cuts the waiting request inside its transaction
            thread.join(60)
            locker.close()
            answer = answers[0]
            assert answer.status_code == 500
            assert "Erreur 500" in answer.text
            assert "Rien de ce que vous avez déjà enregistré n'est perdu" in answer.text
            with psycopg2.connect(postgres.url) as check, check.cursor() as cursor:
                cursor.execute(
                    "SELECT contact_nom FROM cls_lettreintention WHERE dossier_id = "
                    "(SELECT id FROM instruction_dossier WHERE public_id = %s)",
                    [str(lettre.dossier.public_id)],
                )
                assert cursor.fetchone()[0] == before  # no partial write
            again = http.post(base + url, data=data, headers=headers, timeout=30, allow_redirects=False)
            assert again.status_code == 302
            assert "Écrit pendant la panne" in http.get(base + url, timeout=30).text
        finally:
            server.stop()
    assert Dossier.objects.filter(pk=lettre.dossier.pk).exists()
