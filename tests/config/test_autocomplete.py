"""The autocomplete of large choice fields (config/autocomplete.py): login-protected, scoped endpoint, a light form
page whatever the number of communes, and a search that works without JavaScript."""

import re

import pytest
from django.urls import reverse

from cls.forms import SignataireForm
from comptes.enums import OrganisationType
from territoires.models import Commune
from tests.comptes.factories import OrganisationFactory
from tests.cpts.factories import make_msp

# What each persona gets when searching each source ("Loches" / "CPTS" / "Touraine" match one row of each).
SCOPED = {
    "porteurs-cpts": {"siege_agent", "dd_agent"},  # the agents who register CPTS
    "signataires-cls": {"siege_agent", "dd_agent"},  # the ARS, who records a contract's signatories
}


@pytest.fixture
def rows(territory, cpts_porteur, collectivite):
    return {"communes": "loch", "porteurs-cpts": "cpts de", "signataires-cls": "loches sud"}


@pytest.mark.parametrize("source", ["communes", "porteurs-cpts", "signataires-cls"])
def test_each_persona_sees_its_scope(persona, rows, source):
    name, client = persona
    response = client.get(reverse("autocomplete", args=[source]), {"q": rows[source]})
    assert response.status_code == 200
    results = response.json()["results"]
    expected = name in SCOPED.get(source, {name})  # the geography is public to any logged-in user
    assert bool(results) is expected, results


def test_anonymous_is_sent_to_login(client, territory):
    response = client.get(reverse("autocomplete", args=["communes"]), {"q": "loch"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("comptes:login"))


def test_unknown_source_and_short_text(client, siege_agent):
    client.force_login(siege_agent)
    assert client.get(reverse("autocomplete", args=["inconnue"]), {"q": "loch"}).status_code == 404
    assert client.get(reverse("autocomplete", args=["communes"]), {"q": "l"}).json() == {"results": []}
    assert client.post(reverse("autocomplete", args=["communes"]), {"q": "loch"}).status_code == 405


def test_htmx_fragment_filters_and_leaves_out_the_chosen(client, territory, siege_agent):
    client.force_login(siege_agent)
    url = reverse("autocomplete", args=["communes"])
    params = {"name": "commune", "commune_q": "o", "id": "id_commune", "multiple": "0"}
    page = client.get(url, {**params, "commune_q": "37"}, headers={"HX-Request": "true"}).content.decode()
    assert 'type="radio"' in page
    assert 'name="commune"' in page
    assert "Chinon (37, 37072)" in page
    assert "Loches (37, 37132)" in page
    in45 = client.get(url, {**params, "commune_q": "37", "departement": territory["dep45"].pk}).json()
    assert in45 == {"results": []}
    chosen = {**params, "commune_q": "37", "commune": territory["loches"].pk}
    page = client.get(url, chosen, headers={"HX-Request": "true"}).content.decode()
    assert "Loches" not in page
    assert "Chinon" in page
    empty = client.get(url, {**params, "commune_q": "zzz"}, headers={"HX-Request": "true"}).content.decode()
    assert "Aucun résultat pour « zzz »" in empty


def test_msp_edit_page_stays_light_with_many_communes(client, territory, dd_agent):
    dep37 = territory["dep37"]
    codes = [f"37{number:03d}" for number in range(200, 1000)] + [f"2A{number:03d}" for number in range(1000)]
    Commune.objects.bulk_create(
        Commune(
            code_insee=code,
            nom=f"Commune numéro {code} du département",
            departement=dep37,
            population=100,
            millesime="2026",
            search_text=f"commune numero {code}",
        )
        for code in codes
    )
    assert Commune.objects.count() > 1_800
    msp = make_msp(departement=dep37, commune=territory["loches"])
    client.force_login(dd_agent)
    response = client.get(reverse("cpts:msp_edit", args=[msp.public_id]))
    body = response.content
    assert response.status_code == 200
    assert len(body) < 200_000
    assert len(body) < 60_000  # the communes are not listed at all
    largest = max(
        len(re.findall(rb"<option\b", select)) for select in re.findall(rb"<select\b.*?</select>", body, re.S)
    )
    assert largest < 20
    page = body.decode()
    assert "Loches (37, 37132)" in page  # the current commune, checked
    assert re.search(r'<label class="fr-label" for="id_commune">\s*Rechercher', page)  # a labelled search input
    assert f'hx-get="{reverse("autocomplete", args=["communes"])}"' in page


def test_search_without_javascript_offers_the_matches(client, territory, dd_agent):
    msp = make_msp(departement=territory["dep37"], commune=territory["loches"])
    client.force_login(dd_agent)
    url = reverse("cpts:msp_edit", args=[msp.public_id])
    data = {"nom": msp.nom, "departement": territory["dep37"].pk, "statut": "en_fonctionnement"}
    response = client.post(
        url, {**data, "commune": territory["loches"].pk, "commune_q": "chin", "_autocomplete": "commune"}
    )
    assert response.status_code == 200  # not saved: the form comes back with the matches
    page = response.content.decode()
    assert "Cochez l&#x27;un des résultats de la recherche" in page
    assert re.search(rf'type="radio"\s+name="commune"\s+value="{territory["chinon"].pk}"', page)
    assert "Orléans" not in page  # the field's own queryset: communes of the agent's département
    response = client.post(url, {**data, "commune": territory["chinon"].pk, "commune_q": "chin"})
    assert response.status_code == 302
    assert msp.sites.get().commune == territory["chinon"]


def test_signataire_form_accepts_a_collectivite_chosen_by_autocomplete(collectivite, partner_org):
    other = OrganisationFactory(type=OrganisationType.PORTEUR, nom="Pas un signataire")
    form = SignataireForm({"type": "collectivite", "organisation": collectivite.pk})
    assert form.is_valid(), form.errors
    assert not SignataireForm({"type": "collectivite", "organisation": other.pk}).is_valid()
    html = str(SignataireForm({"type": "collectivite", "organisation": partner_org.pk})["organisation"])
    assert "Indre-et-Loire (test)" in html
    assert "<option" not in html
