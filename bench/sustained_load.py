"""Sustained load (issue 17 §5): virtual users on gunicorn (2 workers) + PostgreSQL + Redis + a Celery worker,
then the dossiers are counted in the database (none lost, none duplicated) and the latencies reported.

By hand, at full size (50 users, 3 minutes), on a throwaway PostgreSQL and Redis:

    scripts/with-services.sh .venv/bin/python bench/sustained_load.py --users 50 --duration 180

The users mix: collectivités that open a lettre d'intention, fill it, upload the signed PDF and file it (60 %);
délégation agents who list the lettres, open them, write to the déposant and take them into instruction (30 %);
the public API, anonymous, paced under its throttle (10 %). `tests/reliability/test_load.py` runs the same code
at a small size in `make test`. Standard library threads and `requests` only (no load-testing package).
"""

import argparse
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "charge-soutenue-2026"
DOSSIER_LINK = re.compile(r"/cls/lettres/([0-9a-f-]{36})/")


# --- The world the users work in ----------------------------------------------------------------------------------


def seed_world(*, collectivites: int, agents: int) -> dict:
    """Users with their organisations: one collectivité per filing user (its own EPCI and commune in 37), agents of
    the délégation of 37. Idempotent enough for a fresh database; returns the e-mails by role."""
    from cls.models import Thematique
    from cls.reference import seed
    from comptes.enums import OrganisationType, Role
    from comptes.models import Membership, Organisation, User
    from territoires.models import EPCI, Commune, Departement, Region

    seed(Thematique)
    region, _ = Region.objects.get_or_create(code="24", defaults={"nom": "Centre-Val de Loire"})
    dep37, _ = Departement.objects.get_or_create(code="37", defaults={"nom": "Indre-et-Loire", "region": region})
    delegation, _ = Organisation.objects.get_or_create(type=OrganisationType.DELEGATION, nom="Délégation 37 (charge)")
    delegation.departements.add(dep37)
    world = {"collectivites": [], "agents": []}

    def member(email, organisation):
        user, created = User.objects.get_or_create(email=email)
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": Role.GESTIONNAIRE})
        return email

    for number in range(collectivites):
        siren = f"2{number:08d}"
        epci, _ = EPCI.objects.get_or_create(
            siren=siren, defaults={"nom": f"CC de charge {number}", "population": 20_000}
        )
        Commune.objects.get_or_create(
            code_insee=f"37{900 + number % 100:03d}",
            defaults={"nom": f"Commune de charge {number}", "departement": dep37, "epci": epci, "population": 2_000},
        )
        organisation, _ = Organisation.objects.get_or_create(
            type=OrganisationType.COLLECTIVITE, nom=f"CC de charge {number}", defaults={"epci": epci}
        )
        world["collectivites"].append((member(f"collectivite{number}@charge.test", organisation), epci.pk))
    for number in range(agents):
        world["agents"].append(member(f"agent{number}@charge.test", delegation))
    world["communes"] = list(Commune.objects.filter(departement=dep37).values_list("code_insee", flat=True)[:20])
    world["thematiques"] = list(Thematique.objects.values_list("pk", flat=True)[:2])
    return world


# --- Recording ---------------------------------------------------------------------------------------------------


@dataclass
class Record:
    timings: dict = field(default_factory=lambda: defaultdict(list))
    errors: list = field(default_factory=list)
    created: list = field(default_factory=list)
    filed: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, session, method, url, label, expect=(200, 302), **kwargs):
        start = time.perf_counter()
        try:
            response = session.request(method, url, timeout=60, allow_redirects=False, **kwargs)
        except Exception as error:  # noqa: BLE001 - a failed request is an error of the run, reported
            with self.lock:
                self.errors.append((label, repr(error)))
            return None
        elapsed = time.perf_counter() - start
        with self.lock:
            self.timings[label].append(elapsed)
            if response.status_code not in expect:
                self.errors.append((label, f"{response.status_code} {url}"))
        return response


def percentile(values, rank):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * rank))] if values else 0.0


def pdf_bytes() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# --- The users ---------------------------------------------------------------------------------------------------


def login(record, base, email):
    import requests

    session = requests.Session()
    record.request(session, "GET", f"{base}/comptes/connexion/", "connexion")
    token = session.cookies.get("csrftoken", "")
    answer = record.request(
        session,
        "POST",
        f"{base}/comptes/connexion/",
        "connexion",
        data={"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD},
    )
    if answer is None or answer.status_code != 302:
        record.errors.append(("connexion", f"login refused for {email}"))
    return session


def collectivite_user(record, base, email, epci_id, world, deadline, pdf):
    session = login(record, base, email)
    while time.monotonic() < deadline:
        page = record.request(session, "GET", f"{base}/cls/lettres/", "liste déposant")
        if page is None:
            continue
        jeton = re.search(r'name="jeton" value="([0-9a-f-]+)"', page.text)
        token = session.cookies.get("csrftoken", "")
        created = record.request(
            session,
            "POST",
            f"{base}/cls/lettres/nouvelle/",
            "création",
            data={"csrfmiddlewaretoken": token, "jeton": jeton.group(1) if jeton else ""},
        )
        match = created is not None and DOSSIER_LINK.search(created.headers.get("Location", ""))
        if not match:
            continue
        public_id = match.group(1)
        with record.lock:
            record.created.append(public_id)
        edit = f"{base}/cls/lettres/{public_id}/brouillon/"
        record.request(session, "GET", edit, "brouillon")
        fields = {
            "csrfmiddlewaretoken": token,
            "epcis": [str(epci_id)],
            "contact_nom": "Camille Martin",
            "contact_email": "camille@example.fr",
            "elu_nom": "Dominique Bernard",
            "elu_fonction": "Vice-présidente santé",
            "motivations": "Fédérer les acteurs de santé du territoire. " * 20,
            "thematiques": [str(pk) for pk in world["thematiques"]],
        }
        record.request(session, "POST", edit, "enregistrement auto", data={**fields, "action": "autosave"})
        record.request(
            session,
            "POST",
            edit,
            "téléversement",
            expect=(200,),
            data={"csrfmiddlewaretoken": token, "action": "televerser"},
            files={"lettre_signee": ("lettre-signee.pdf", pdf, "application/pdf")},
        )
        filed = record.request(session, "POST", edit, "dépôt", expect=(302,), data={**fields, "action": "deposer"})
        if filed is not None and filed.status_code == 302 and "/brouillon/" not in filed.headers.get("Location", ""):
            with record.lock:
                record.filed.append(public_id)
            record.request(session, "GET", f"{base}/cls/lettres/{public_id}/", "page du dossier")


def agent_user(record, base, email, deadline):
    session = login(record, base, email)
    while time.monotonic() < deadline:
        listing = record.request(session, "GET", f"{base}/cls/instruction/", "liste instruction")
        ids = DOSSIER_LINK.findall(listing.text) if listing is not None else []
        if not ids:
            time.sleep(1)
            continue
        public_id = random.choice(ids)  # noqa: S311 - load pattern, not security
        page = record.request(session, "GET", f"{base}/cls/lettres/{public_id}/", "dossier (agent)")
        token = session.cookies.get("csrftoken", "")
        record.request(
            session,
            "POST",
            f"{base}/instruction/dossiers/{public_id}/message/",
            "message",
            expect=(302,),
            data={"csrfmiddlewaretoken": token, "body": "Bien reçu, nous revenons vers vous."},
        )
        if page is not None and 'name="etat_vu" value="deposee"' in page.text:
            record.request(
                session,
                "POST",
                f"{base}/instruction/dossiers/{public_id}/decision/",
                "décision",
                expect=(302, 400),  # 400: another agent took it first (a French reason, nothing recorded)
                data={"csrfmiddlewaretoken": token, "to_etat": "en_instruction", "etat_vu": "deposee", "reason": ""},
            )


def api_user(record, base, world, deadline, pace):
    import requests

    session = requests.Session()
    while time.monotonic() < deadline:
        code = random.choice(world["communes"])  # noqa: S311
        record.request(session, "GET", f"{base}/api/v1/zonage/communes/{code}/", "API zonage commune", expect=(200,))
        record.request(session, "GET", f"{base}/api/v1/zonage/arretes/", "API arrêtés", expect=(200,))
        time.sleep(pace)


def drive(*, base: str, world: dict, users: int, duration: float) -> Record:
    """Run `users` virtual users for `duration` seconds against `base`."""
    record, pdf = Record(), pdf_bytes()
    deadline = time.monotonic() + duration
    api_users = max(1, users // 10)
    agents = max(1, (users * 3) // 10)
    filers = users - agents - api_users
    threads = []
    for email, epci_id in world["collectivites"][:filers]:
        threads.append(
            threading.Thread(target=collectivite_user, args=(record, base, email, epci_id, world, deadline, pdf))
        )
    for email in world["agents"][:agents]:
        threads.append(threading.Thread(target=agent_user, args=(record, base, email, deadline)))
    for _ in range(api_users):
        # Anonymous callers share one address: 2 calls every `pace` s each stays under 120 per minute in total.
        pace = 2 * 60 / 100 * api_users
        threads.append(threading.Thread(target=api_user, args=(record, base, world, deadline, pace)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return record


def count_in_database(record: Record, *, emails: list[str]) -> dict:
    """What the database holds of the run: created and filed dossiers, receipts, transitions, outbox."""
    from django.db.models import Count

    from instruction.enums import CategoriePiece, Etat, StatutNotification
    from instruction.models import Dossier, Notification, Piece, Transition

    dossiers = Dossier.objects.filter(created_by__email__in=emails)
    stored = {str(public_id) for public_id in dossiers.values_list("public_id", flat=True)}
    filed = dossiers.exclude(etat=Etat.BROUILLON)
    receipts = Piece.objects.filter(dossier__in=filed, categorie=CategoriePiece.ACCUSE)
    filings = Transition.objects.filter(dossier__in=filed, to_etat=Etat.DEPOSEE)
    references = filed.values("reference").annotate(n=Count("pk")).filter(n__gt=1)
    return {
        "created_seen": len(record.created),
        "created_stored": len(stored),
        "lost": len(set(record.created) - stored),
        "duplicated": len(record.created) - len(set(record.created)) + len(stored - set(record.created)),
        "filed_seen": len(record.filed),
        "filed_stored": filed.count(),
        "filed_lost": len(set(record.filed) - {str(p) for p in filed.values_list("public_id", flat=True)}),
        "receipts": receipts.count(),
        "filings": filings.count(),
        "duplicate_references": references.count(),
        "notifications_waiting": Notification.objects.filter(dossier__in=dossiers)
        .exclude(statut=StatutNotification.ENVOYEE)
        .count(),
    }


def report(record: Record, counts: dict, duration: float) -> str:
    every = [value for values in record.timings.values() for value in values]
    lines = [
        f"{len(every)} requêtes en {duration:.0f} s ({len(every) / duration:.1f}/s), {len(record.errors)} erreur(s)",
        f"{'':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}",
    ]
    rows = [*sorted(record.timings.items()), ("tout", every)]
    for label, values in rows:
        p50, p95, p99 = (percentile(values, rank) * 1000 for rank in (0.5, 0.95, 0.99))
        lines.append(
            f"{label:24} {len(values):>6} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f} {max(values or [0]) * 1000:>8.0f}"
        )
    lines.append("Base de données : " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    lines.extend(f"  erreur : {label} — {detail}" for label, detail in record.errors[:20])
    return "\n".join(lines)


def wait_outbox_empty(emails: list[str], timeout: float = 120):
    from instruction.enums import StatutNotification
    from instruction.models import Notification

    deadline = time.monotonic() + timeout
    pending = Notification.objects.filter(dossier__created_by__email__in=emails).exclude(
        statut=StatutNotification.ENVOYEE
    )
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(1)


def run(*, world: dict, users: int, duration: float, env: dict, folder: Path) -> tuple[Record, dict, float]:
    """Serve the portal (gunicorn, 2 workers × 4 threads) with a Celery worker, drive the users, wait for the outbox
    to empty, count in the database. Returns the record, the counts and the measured duration."""
    from tests.reliability.services import celery_worker, free_port, gunicorn, wait_http, wait_worker_ready

    port = free_port()
    server = gunicorn(env, folder / "gunicorn.log", port=port, workers=2, threads=4)
    worker = celery_worker(env, folder / "worker.log", concurrency=2)
    try:
        wait_http(port)
        wait_worker_ready(worker)
        started = time.monotonic()
        record = drive(base=f"http://127.0.0.1:{port}", world=world, users=users, duration=duration)
        elapsed = time.monotonic() - started
        emails = [email for email, _ in world["collectivites"]]
        wait_outbox_empty(emails)
        return record, count_in_database(record, emails=emails), elapsed
    finally:
        server.stop()
        worker.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=180)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("CELERY_BROKER_URL"):
        print("Ignoré : lancez-le par scripts/with-services.sh (PostgreSQL et Redis jetables).")
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    from tests.reliability.services import process_env

    call_command("migrate", verbosity=0)
    world = seed_world(collectivites=args.users, agents=args.users)
    folder = Path(tempfile.mkdtemp(prefix="charge-"))
    env = process_env(
        broker_url=os.environ["CELERY_BROKER_URL"],
        media=folder,
        mails=folder,
        database_url=os.environ["DATABASE_URL"],
        DATABASE_CONN_MAX_AGE=60,
    )
    record, counts, elapsed = run(world=world, users=args.users, duration=args.duration, env=env, folder=folder)
    print(f"Charge : {args.users} utilisateurs, {args.duration:.0f} s, gunicorn 2 workers × 4 threads ({folder})")
    print(report(record, counts, elapsed))
    failed = record.errors or counts["lost"] or counts["duplicated"] or counts["filed_lost"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
