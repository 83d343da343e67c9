"""The commune search (`Commune.objects.search`, behind the commune autocomplete and the commune list) is served by a
trigram index on PostgreSQL, whatever the term: « LIKE '%term%' » cannot use a B-tree (issue 16 §2)."""

import pytest
from django.db import connection

from territoires.models import Commune
from tests.reliability.services import require_postgresql

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    """The plan of the query when neither a table scan nor a walk along another index (the list order's, which the
    planner rightly prefers for a common term such as « saint », stopping at the 20th row) is allowed: the test table
    is tiny, the question is whether an index can answer the pattern itself. On the national data set the planner
    picks the trigram index for rare terms on its own (0.1 ms for « aigurande », « 37132 » or no match at all)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("term", ["aigurande", "Saint-Étienne", "37132", "zzzq"])
def test_the_commune_search_is_served_by_the_trigram_index(territory, term):
    require_postgresql()
    plan = _plan(Commune.objects.search(term).order_by("-population", "nom").values("code_insee")[:20])
    assert "commune_search_trgm_idx" in plan, plan


def test_the_search_still_finds_by_name_without_accents_code_and_postal_code(territory):
    assert list(Commune.objects.search("loches").values_list("code_insee", flat=True)) == ["37132"]
    assert list(Commune.objects.search("ORLÉANS").values_list("code_insee", flat=True)) == ["45234"]
    assert list(Commune.objects.search("45234").values_list("code_insee", flat=True)) == ["45234"]
    assert not Commune.objects.search("zzzq").exists()
