"""Query budgets that do not grow with the data (issue 16 §2).

Every page of the table (tests/performance/pages.py) is opened by its persona on a small generated world
(`bench.dataset` at a tiny scale) and then on one ten times larger, in the same test run. Each page must run at
most `BUDGET` queries at both sizes and no more on the larger one; an HTML page must hold no <select> of more than
`MAX_OPTIONS` options (large choices are autocompletes) and a form page must weigh at most `MAX_FORM_BYTES`.
"""

import os
import re
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.performance.pages import (
    BUDGET,
    KNOWN_OVER_BUDGET,
    MAX_FORM_BYTES,
    MAX_OPTIONS,
    PAGES,
    POST_ONLY,
    SKIPPED_PREFIXES,
    Case,
    NotAPage,
)
from tests.performance.urls import url_patterns
from tests.performance.world import World

# Marked for the database even though the tests only read `measures`: pytest-django sets the test database up only
# for a session that holds a test marked so (run alone, the module would otherwise reach the real database).
pytestmark = pytest.mark.django_db

SIZES = (1, 10)
SELECT = re.compile(rb"<select\b.*?</select>", re.S)
OPTION = re.compile(rb"<option\b")
FORM = re.compile(rb"<form\b[^>]*method=.post", re.I)
# Transaction control (ATOMIC_REQUESTS, the services' atomic blocks, this harness's): not data queries.
TRANSACTION = re.compile(r"^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b")


@dataclass
class Measure:
    status: int
    queries: int
    size: int
    largest_select: int
    is_form: bool
    sql: list[str]
    error: str = ""


def _measure(client: Client, url: str) -> Measure:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    sql = [query["sql"] for query in captured.captured_queries if not TRANSACTION.match(query["sql"])]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    is_html = response.get("Content-Type", "").startswith("text/html")
    selects = [len(OPTION.findall(select)) for select in SELECT.findall(body)] if is_html else []
    return Measure(
        status=response.status_code,
        queries=len(sql),
        size=len(body),
        largest_select=max(selects, default=0),
        is_form=is_html and bool(FORM.search(body)),
        sql=sql,
    )


def cases():
    for name, entry in sorted(PAGES.items()):
        if isinstance(entry, NotAPage):
            continue
        for case in entry:
            key = f"{name}[{case.label}]"
            known = KNOWN_OVER_BUDGET.get(key)
            # strict: the day the page is fixed, its test fails until its line is removed from the list
            marks = [pytest.mark.xfail(strict=True, reason=f"over budget: {known} — issue #16")] if known else []
            yield pytest.param(name, case, id=key, marks=marks)


def _url(world: World, name: str, case: Case) -> str:
    kwargs = {key: world.resolve(value) for key, value in case.kw.items()}
    url = reverse(name, kwargs=kwargs)
    query = re.sub(r"\{([\w.]+)\}", lambda match: str(world.resolve(match.group(1))), case.query)
    return f"{url}?{query}" if query else url


def _open_all(factor: int) -> dict[str, Measure]:
    """Build the world of this size and open every page; everything is rolled back afterwards."""
    results = {}
    with transaction.atomic():
        world = World(factor)
        clients = {}
        for param in cases():
            name, case = param.values
            try:
                if case.persona not in clients:
                    client = Client(raise_request_exception=False)
                    user = world.user(case.persona)
                    if user is not None:
                        client.force_login(user)
                    clients[case.persona] = client
                with transaction.atomic():  # a failing page must not break the others
                    results[param.id] = _measure(clients[case.persona], _url(world, name, case))
            except Exception as error:  # noqa: BLE001 — any failure is reported by the page's own test
                results[param.id] = Measure(0, 0, 0, 0, False, [], error=f"{type(error).__name__}: {error}")
        transaction.set_rollback(True)
    return results


@pytest.fixture(scope="module")
def measures(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        found = {factor: _open_all(factor) for factor in SIZES}
    report = os.environ.get("QUERY_BUDGET_REPORT")
    if report:  # a table of every page at both sizes, to read the budgets at a glance
        with open(report, "w", encoding="utf-8") as handle:
            handle.write("page\tstatus\tqueries ×1\tqueries ×10\tbytes ×10\tlargest select\n")
            for key, large in found[SIZES[-1]].items():
                small = found[SIZES[0]][key]
                handle.write(
                    f"{key}\t{small.status}/{large.status}\t{small.queries}\t{large.queries}\t{large.size}"
                    f"\t{large.largest_select}\n"
                )
    return found


def _explain(measure: Measure) -> str:
    return "\n".join(f"  {index:>2}. {sql[:300]}" for index, sql in enumerate(measure.sql, 1))


@pytest.mark.parametrize(("name", "case"), list(cases()))
def test_query_budget(request, measures, name, case):
    key = request.node.callspec.id
    small, large = measures[SIZES[0]][key], measures[SIZES[-1]][key]
    assert not small.error, small.error
    assert not large.error, large.error
    assert small.status == 200, f"{key}: HTTP {small.status}"
    assert large.status == 200, f"{key}: HTTP {large.status}"
    assert large.queries <= small.queries, (
        f"{key}: {small.queries} queries at ×{SIZES[0]}, {large.queries} at ×{SIZES[-1]} (grows with the rows)\n"
        + _explain(large)
    )
    assert large.queries <= BUDGET, f"{key}: {large.queries} queries (budget {BUDGET})\n" + _explain(large)
    assert large.largest_select <= MAX_OPTIONS, f"{key}: a <select> of {large.largest_select} options"
    if large.is_form:
        assert large.size <= MAX_FORM_BYTES, f"{key}: form page of {large.size} bytes"


def test_known_over_budget_are_cases():
    """Every entry of KNOWN_OVER_BUDGET names a case of the table (a renamed case must not hide a page)."""
    ids = {param.id for param in cases()}
    assert not sorted(set(KNOWN_OVER_BUDGET) - ids)


def test_every_url_pattern_is_budgeted():
    """A new URL pattern must be added to the table (a page case, or why it is not a page)."""
    names = {pattern.name for pattern in url_patterns() if not pattern.name.startswith(SKIPPED_PREFIXES)}
    missing = sorted(names - set(PAGES))
    stale = sorted(set(PAGES) - names)
    assert not missing, f"URL patterns without a query budget in tests/performance/pages.py: {missing}"
    assert not stale, f"Entries of tests/performance/pages.py that match no URL pattern: {stale}"


POST_ONLY_NAMES = sorted(name for name, entry in PAGES.items() if entry is POST_ONLY)


@pytest.mark.parametrize("name", POST_ONLY_NAMES)
def test_post_only_views_refuse_get(client, siege_agent, name):
    """What the table calls an action is one: a GET answers 405 (before any lookup, whatever the arguments)."""
    client.force_login(siege_agent)
    pattern = next(pattern for pattern in url_patterns() if pattern.name == name)
    assert client.get(pattern.sample_url()).status_code == 405
