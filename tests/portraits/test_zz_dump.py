import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dump(client, siege_agent, portrait_data):
    from cls.models import ContratLocalSante
    from cpts.models import Cpts as CPTS
    client.force_login(siege_agent)
    url = reverse("portraits:portrait")
    cls_id = ContratLocalSante.objects.first().public_id
    cpts_id = CPTS.objects.first().public_id
    out = []
    for q in [{"epci": "200071587"}, {"commune": "37072"}, {"departement": "37"}, {"communes": "37072,45234"}, {"cls": str(cls_id)}, {"cpts": str(cpts_id)}]:
        client.get(url, q)
        with CaptureQueriesContext(connection) as queries:
            r = client.get(url, q)
        out.append(f"=== {q} {r.status_code} {len(queries)} {len(r.content)}")
        out += [x["sql"][:300] for x in queries]
    open("/tmp/portrait-q/dump.txt", "w").write("\n".join(out))
