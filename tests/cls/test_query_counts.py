import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruction.services import referent_assign
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _file(n, collectivite, porteur_manager, territory, dd_agent):
    for _ in range(n):
        lettre = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
        referent_assign(dossier=lettre.dossier, referent=dd_agent, by=dd_agent)


@pytest.mark.parametrize(
    ("user_fixture", "url_name"),
    [("dd_agent", "cls:instruction_list"), ("porteur_manager", "cls:lettre_list"), ("dd_agent", "cls:contrat_list")],
)
def test_list_query_count_is_constant(
    request, client, collectivite, porteur_manager, territory, dd_agent, user_fixture, url_name
):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse(url_name)
    _file(2, collectivite, porteur_manager, territory, dd_agent)
    few = _count(client, url)
    _file(10, collectivite, porteur_manager, territory, dd_agent)
    many = _count(client, url)
    assert few == many
