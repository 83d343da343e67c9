"""`make bench`: latency of the most used pages next to a bare page, and the zonage API next to a bare DRF endpoint,
served by gunicorn (2 workers) on the bench database, in one run. Prints a table, writes bench/results/latest.md
with the EXPLAIN (ANALYZE) of the 5 heaviest queries of the pages (bench/explain.py), asserts nothing (issue 16).

    DATABASE_URL=postgres://… (built by `make bench-data`) python bench/run.py [--requests 40] [--concurrency 4]

The bare page (bench/urls.py) has the portal's layout and a 50-row table; it is measured as each persona (same
session, header and navigation) and anonymously; the goal is a page's p95 ≤ 3 × the p95 of the bare page of its
persona. The API's goal is ≥ 50 % of the bare endpoint's throughput, both under the bench's throttle settings
(bench/settings.py: same classes, rates never reached); the zonage API's cold first pass over the codes is shown
too. Pages are opened as an agent of the siège or of a délégation (a session created here), on objects picked from
the database.
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
from bench.francais import decimal, entier, pourcentage  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "latest.md"
PAGE_GOAL, API_GOAL = 3.0, 0.5
# Pages measured beyond the list of the most used pages, whose goal they do not carry: the portrait de
# territoire draws a whole perimeter (up to a département of 890 communes, its neighbours, every block).
FOR_INFORMATION = ("Portrait de territoire",)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PERSONAS = {  # persona: (organisation type, label in the table)
    "siege": ("ars_siege", "siège"),
    "dd": ("delegation", "délégation"),
    "comite": ("comite", "comité d'évaluation"),
    "collectivite": ("collectivite", "collectivité"),
    "porteur": ("porteur", "porteur CPTS"),
}


def _user(persona: str):
    """The first user of this persona, or None if the data set has none."""
    from comptes.enums import OrganisationType
    from comptes.models import Membership

    memberships = Membership.objects.active().select_related("user", "organisation")
    membership = memberships.filter(organisation__type=OrganisationType(PERSONAS[persona][0])).order_by("pk").first()
    return membership.user if membership else None


def _session(user) -> str | None:
    """A session key for the user, or None without a user."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    if user is None:
        return None
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _pages(users: dict) -> list[tuple[str, str, str]]:
    """(label, persona, path) of the pages to measure: the issue's most used pages (home per role, dossier list
    and detail, CLS list and detail, fiche list, zonage arrêté detail and map, CPTS and MSP lists and details,
    indicator battery, comité space, ledger), and the portrait de territoire. A page whose persona or object the
    data set lacks is left out. The detail pages open an object their persona sees (at national scale, the first row
    may be another region's)."""
    from django.urls import reverse

    from cls.models import ContratLocalSante
    from cpts.models import Cpts, Msp
    from instruction.enums import Etat
    from instruction.models import Dossier
    from territoires.models import EPCI, Departement
    from zonage.models import ArreteZonage

    siege, dd = users.get("siege"), users.get("dd")

    def first(model, user):
        return model.objects.visible_to(user).order_by("pk").first() if user else None

    contrat, cpts, msp, arrete = (first(model, siege) for model in (ContratLocalSante, Cpts, Msp, ArreteZonage))
    # a filed dossier, as the délégation opens them from its list
    dossier = Dossier.objects.visible_to(dd).exclude(etat=Etat.BROUILLON).order_by("pk").first() if dd else None
    pages = [(f"Accueil ({PERSONAS[persona][1]})", persona, reverse("home")) for persona in PERSONAS]
    pages += [
        ("Liste des CLS", "siege", reverse("cls:contrat_list")),
        ("Fiches actions", "siege", reverse("cls:fiche_list")),
        ("Instruction CLS (délégation)", "dd", reverse("cls:instruction_list")),
        ("Instruction CPTS (délégation)", "dd", reverse("cpts:instruction_list")),
        ("Liste des CPTS", "siege", reverse("cpts:index")),
        ("Liste des MSP", "siege", reverse("cpts:msp_list")),
        ("Arrêtés de zonage", "siege", reverse("zonage:arrete_list")),
        ("Carte du zonage", "siege", reverse("zonage:carte")),
        ("Communes", "siege", reverse("territoires:commune_list")),
        ("Batterie d'indicateurs", "siege", reverse("indicateurs:dashboard")),
        ("Comités de pilotage", "siege", reverse("acces_soins:comite_list")),
        ("Bilans semestriels (comité d'évaluation)", "comite", reverse("acces_soins:bilan_list")),
        ("Grand livre des financements", "siege", reverse("financements:index")),
        ("Engagements", "siege", reverse("financements:engagement_list")),
    ]
    if dossier:
        pages.append(("Détail d'un dossier (délégation)", "dd", dossier.get_absolute_url()))
    if contrat:
        pages.append(("Détail d'un CLS", "siege", reverse("cls:contrat_detail", args=[contrat.public_id])))
    if cpts:
        pages.append(("Détail d'une CPTS", "siege", reverse("cpts:detail", args=[cpts.public_id])))
    if msp:
        pages.append(("Détail d'une MSP", "siege", reverse("cpts:msp_detail", args=[msp.public_id])))
        pages.append(("Formulaire d'une MSP", "siege", reverse("cpts:msp_edit", args=[msp.public_id])))
    if arrete:
        pages.append(("Détail d'un arrêté", "siege", reverse("zonage:arrete_detail", args=[arrete.public_id])))
    # The portrait de territoire: with the ARS's blocks, for the siège, of the largest EPCI and département of its
    # région; public, of the largest département of France.
    portrait = reverse("portraits:portrait")
    if contrat:
        region = contrat.departement.region_id
        if epci := _largest(EPCI, "communes", communes__departement__region=region):
            pages.append(("Portrait de territoire (siège, EPCI)", "siege", f"{portrait}?epci={epci.siren}"))
        if departement := _largest(Departement, "communes", region=region):
            label = "Portrait de territoire (siège, département)"
            pages.append((label, "siege", f"{portrait}?departement={departement.code}"))
    if departement := _largest(Departement, "communes"):
        label = "Portrait de territoire (public, plus grand département)"
        pages.append((label, None, f"{portrait}?departement={departement.code}"))
    return [(label, persona, path) for label, persona, path in pages if persona is None or users.get(persona)]


def _largest(model, relation: str, **filters):
    """The row of `model` matching `filters` with the most `relation` rows (its communes)."""
    from django.db.models import Count

    return model.objects.filter(**filters).annotate(n=Count(relation)).order_by("-n", "pk").first()


async def _latencies(client, path: str, cookie: str | None, requests: int, concurrency: int):
    cookies = {"sessionid": cookie} if cookie else {}
    for _ in range(2 * concurrency):  # untimed: every worker has served this page once (templates, caches)
        await client.get(path, cookies=cookies)
    timings, sizes, statuses = [], [], set()
    queue = list(range(requests))

    async def worker():
        while queue:
            queue.pop()
            started = time.perf_counter()
            response = await client.get(path, cookies=cookies)
            timings.append(time.perf_counter() - started)
            sizes.append(len(response.content))
            statuses.add(response.status_code)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, max(sizes), statuses


async def _throughput(client, paths: list[str], seconds: float, concurrency: int) -> tuple[float, set]:
    done, statuses, deadline = 0, set(), time.perf_counter() + seconds

    async def worker():
        nonlocal done
        while time.perf_counter() < deadline:
            response = await client.get(random.choice(paths))
            statuses.add(response.status_code)
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.perf_counter() - started), statuses


def _prepare() -> tuple[dict, list[str], list]:
    """The database reads (sessions, random commune codes, pages), before the event loop (the ORM is sync)."""
    from territoires.models import Commune

    users = {persona: _user(persona) for persona in PERSONAS}
    sessions = {persona: _session(user) for persona, user in users.items()}
    codes = list(Commune.objects.order_by("?").values_list("code_insee", flat=True)[:200])
    return sessions, codes, _pages(users)


async def _measure(base: str, options, sessions: dict, codes: list[str], pages: list) -> list[str]:
    import httpx

    lines = [
        f"| Page | Statut | Octets | p50 (ms) | p95 (ms) | p95 / témoin de la persona | Objectif ≤ {PAGE_GOAL:g} × |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.get("/bench/page-temoin/")  # warm both workers
        # The bare page is measured as each persona (same session, header and navigation as the pages compared
        # with it) and anonymously, for information.
        bare95 = {}
        personas = [(None, "anonyme")] + [(p, label) for p, (_, label) in PERSONAS.items() if sessions.get(p)]
        for persona, label in personas:
            b50, b95, size, status = await _latencies(
                client, "/bench/page-temoin/", sessions.get(persona), options.requests, options.concurrency
            )
            bare95[persona] = b95
            lines.append(
                f"| Page témoin (50 lignes, {label}) | {sorted(status)} | {size} | {b50 * 1000:.0f} "
                f"| {b95 * 1000:.0f} | — | — |"
            )
            print(lines[-1], flush=True)
        for label, persona, path in pages:
            p50, p95, size, status = await _latencies(
                client, path, sessions.get(persona), options.requests, options.concurrency
            )
            ratio = p95 / (bare95.get(persona) or bare95[None])
            verdict = "atteint" if ratio <= PAGE_GOAL else "**non atteint**"
            if label.startswith(FOR_INFORMATION):
                verdict = "pour information"
            lines.append(
                f"| {label} `{path}` | {sorted(status)} | {size} | {p50 * 1000:.0f} | {p95 * 1000:.0f} "
                f"| {ratio:.1f} | {verdict} |".replace(".", ",")
            )
            print(lines[-1], flush=True)
        # The zonage API caches each commune's answer (zonage.api.cache): a first, untimed-as-goal pass over the
        # codes measures the cold answers (one per code), then both endpoints run for the same duration.
        paths = [f"/api/v1/zonage/communes/{code}/" for code in codes]
        started = time.perf_counter()
        cold_statuses = set()
        for start in range(0, len(paths), options.concurrency):
            responses = await asyncio.gather(*(client.get(path) for path in paths[start : start + options.concurrency]))
            cold_statuses |= {response.status_code for response in responses}
        cold = len(paths) / (time.perf_counter() - started)
        api, api_status = await _throughput(client, paths, options.seconds, options.concurrency)
        bare, bare_status = await _throughput(
            client, [f"/bench/api-temoin/{code}/" for code in codes], options.seconds, options.concurrency
        )
    ratio = api / bare if bare else 0
    lines += [
        "",
        f"| API | Statuts | Requêtes/s | Ratio | Objectif ≥ {pourcentage(API_GOAL)} |",
        "|---|---|---:|---:|---|",
        f"| Témoin DRF (mêmes classes et taux de limitation) | {sorted(bare_status)} | {decimal(bare)} "
        f"| {pourcentage(1)} | — |",
        f"| `/api/v1/zonage/communes/{{code}}/` | {sorted(api_status)} | {decimal(api)} | {pourcentage(ratio)} "
        f"| {'atteint' if ratio >= API_GOAL else '**non atteint**'} |",
        f"| `/api/v1/zonage/communes/{{code}}/`, premier appel de chaque code (cache froid, {len(paths)} codes) "
        f"| {sorted(cold_statuses)} | {decimal(cold)} | {pourcentage(cold / bare if bare else 0)} | — |",
    ]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10, help="duration of each API throughput run")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    from bench.explain import report

    prepared = _prepare()
    sessions, _, pages = prepared
    explained = report(pages, sessions)  # before the load: the plans of a quiet database
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(options.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        started = time.perf_counter()
        lines = asyncio.run(_measure(f"http://127.0.0.1:{port}", options, *prepared))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    from territoires.models import Commune

    communes = entier(Commune.objects.count())
    header = [
        "# Résultats de `make bench`",
        "",
        f"Base {connection.vendor} ({communes} communes), gunicorn {options.workers} workers, "
        f"{options.requests} requêtes par page, {options.concurrency} clients simultanés ; "
        f"mesuré en {elapsed:.0f} s le {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "L'objectif vaut pour les pages les plus utilisées que nomme l'issue 16 ; le portrait de territoire, qui "
        "dessine tout un périmètre (jusqu'à un département de 890 communes, ses voisines et tous ses blocs), est "
        "mesuré pour information.",
        "",
    ]
    text = "\n".join(header + lines + explained) + "\n"
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Écrit dans {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
