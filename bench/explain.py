"""The EXPLAIN (ANALYZE) of the heaviest queries of the measured pages, for the bench report (issue 16 §2).

Each page of the run is opened once in this process (Django's test client, with the run's sessions) and its
queries are timed; the slowest distinct SELECT statements are explained on the same database with
`EXPLAIN (ANALYZE, BUFFERS)`. PostgreSQL only (another database gets a sentence saying so).
"""

import re

DECLARE = re.compile(r"^DECLARE\s+\S+\s+.*?\bFOR\s+", re.S | re.I)  # a server-side cursor (`.iterator()`)


def _statement(sql: str) -> str | None:
    sql = DECLARE.sub("", sql.strip())
    return sql if sql[:6].upper() == "SELECT" else None


def heaviest(pages, sessions: dict, count: int = 5) -> list[tuple[float, str, str]]:
    """(seconds, page label, SQL) of the `count` slowest distinct SELECTs run by the pages, slowest first."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    slowest: dict[str, tuple[float, str]] = {}
    for label, persona, path in pages:
        client = Client(HTTP_HOST="localhost")  # a host of ALLOWED_HOSTS
        if sessions.get(persona):
            client.cookies["sessionid"] = sessions[persona]
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        for query in captured.captured_queries:
            sql = _statement(query["sql"])
            seconds = float(query["time"])
            if sql and seconds > slowest.get(sql, (-1.0, ""))[0]:
                slowest[sql] = (seconds, label)
    ranked = sorted(slowest.items(), key=lambda item: item[1][0], reverse=True)[:count]
    return [(seconds, label, sql) for sql, (seconds, label) in ranked]


def report(pages, sessions: dict, count: int = 5) -> list[str]:
    """Markdown lines: each of the heaviest queries with its page, its time in the page and its plan."""
    from django.db import connection

    lines = ["", f"## Les {count} requêtes les plus lourdes des pages mesurées : EXPLAIN (ANALYZE)", ""]
    if connection.vendor != "postgresql":
        return [*lines, f"Non mesuré : base {connection.vendor} (EXPLAIN ANALYZE de PostgreSQL seulement)."]
    found = heaviest(pages, sessions, count)
    with connection.cursor() as cursor:
        for index, (seconds, label, sql) in enumerate(found, 1):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            lines += [
                f"### {index}. {label} — {f'{seconds * 1000:.1f}'.replace('.', ',')} ms dans la page",
                "",
                "```sql",
                sql if len(sql) <= 3000 else sql[:3000] + " …",
                "```",
                "",
                "```text",
                plan,
                "```",
                "",
            ]
    return lines
