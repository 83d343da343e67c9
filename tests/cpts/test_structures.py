"""Centres de santé and équipes de soins primaires as their own registers; the pre-ACI contracts of the CVL plan.

Hand-made sets: the count « centres de santé en fonctionnement au <date>, dont pluri-professionnels » (the CVL plan's
« 53 centres de santé dont 7 pluri-professionnels au 1er juillet 2017 ») with boundaries on the opening and closing
days; FINESS numbers; pages, API and access per persona; query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpts.enums import StatutMsp, TypeCentreSante
from cpts.models import CentreSante, ContratAnterieurAci, EquipeSoinsPrimaires
from cpts.services.structures import centre_save
from cpts.services.suivi import centres_de_sante_counts, contrats_anterieurs_aci
from tests.cpts.factories import make_centre, make_esp

pytestmark = pytest.mark.django_db
D = datetime.date
JULY_2017 = D(2017, 7, 1)


@pytest.fixture
def centre(territory, cpts_org):
    return make_centre(commune=territory["loches"], porteur=cpts_org, date_ouverture=D(2010, 1, 1))


@pytest.fixture
def esp(territory, cpts_org):
    return make_esp(commune=territory["loches"], porteur=cpts_org)


def test_centres_counted_at_a_date_on_a_hand_made_set(territory):
    """On 01/07/2017: a centre opened that day counts, one opened the next day does not; one closed that day no
    longer counts, one closed the next day still does; no opening date: reported apart; another region: never."""
    from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory

    loches, chinon, orleans = territory["loches"], territory["chinon"], territory["orleans"]
    polyvalent, medical = TypeCentreSante.POLYVALENT, TypeCentreSante.MEDICAL
    make_centre(commune=loches, nom="A", sous_type=polyvalent, date_ouverture=D(2010, 1, 1))
    make_centre(commune=loches, nom="B", sous_type=medical, date_ouverture=JULY_2017)
    make_centre(commune=chinon, nom="C", sous_type=TypeCentreSante.DENTAIRE, date_ouverture=D(2017, 7, 2))
    make_centre(commune=chinon, nom="D", sous_type=polyvalent, date_ouverture=D(2000, 1, 1), date_fermeture=JULY_2017)
    make_centre(
        commune=chinon,
        nom="E",
        sous_type=TypeCentreSante.INFIRMIER,
        date_ouverture=D(2015, 1, 1),
        date_fermeture=D(2017, 7, 2),
    )
    make_centre(commune=loches, nom="F", sous_type=polyvalent)  # opening date unknown
    make_centre(commune=orleans, nom="G", sous_type=polyvalent, date_ouverture=D(2016, 5, 1))
    bretagne = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=RegionFactory(code="53", nom="Bretagne"))
    rennes = CommuneFactory(code_insee="35238", nom="Rennes", departement=bretagne, population=220_000)
    make_centre(commune=rennes, nom="H", sous_type=polyvalent, date_ouverture=D(2000, 1, 1))

    region = territory["dep37"].region
    assert centres_de_sante_counts(region=region, on=JULY_2017) == {
        "total": 4,
        "pluriprofessionnels": 2,
        "sans_date": 1,
    }
    assert centres_de_sante_counts(departement=territory["dep37"], on=JULY_2017) == {
        "total": 3,
        "pluriprofessionnels": 1,
        "sans_date": 1,
    }
    assert centres_de_sante_counts(region=region, on=D(2017, 6, 30)) == {
        "total": 4,  # A, D (closes the next day), E, G — B opens the next day
        "pluriprofessionnels": 3,
        "sans_date": 1,
    }
    assert centres_de_sante_counts(region=region, on=D(2017, 7, 2))["total"] == 4  # A, B, C, G


def test_the_cvl_plan_figure_is_reproducible_from_the_register(territory):
    """53 centres dont 7 pluri-professionnels au 1er juillet 2017: the same query gives it back when the register
    holds them (built here, not seeded: real structures are not demo data)."""
    for index in range(53):
        sous_type = TypeCentreSante.POLYVALENT if index < 7 else TypeCentreSante.MEDICAL
        make_centre(commune=territory["loches"], nom=f"C{index}", sous_type=sous_type, date_ouverture=D(2016, 1, 1))
    make_centre(commune=territory["loches"], nom="Ouvert après", date_ouverture=D(2017, 9, 1))
    counts = centres_de_sante_counts(region=territory["dep37"].region, on=JULY_2017)
    assert (counts["total"], counts["pluriprofessionnels"]) == (53, 7)


@pytest.mark.parametrize(
    ("finess", "error"),
    [
        ("370001234", None),
        (" 370001234 ", None),  # trimmed
        ("37000123", "9 caractères"),
        ("37000123X", "9 caractères"),
        ("450001234", "commence par « 37 »"),  # a Loiret number for a centre of Indre-et-Loire
        ("", None),  # not known yet
    ],
)
def test_finess_is_validated(territory, dd_agent, finess, error):
    data = {
        "nom": "Centre",
        "sous_type": TypeCentreSante.MEDICAL,
        "gestionnaire_type": "mutuelle",
        "departement": territory["dep37"],
        "commune": territory["loches"],
        "statut": StatutMsp.EN_FONCTIONNEMENT,
        "finess": finess,
    }
    if error is None:
        assert centre_save(centre=None, data=data, equipe={}, by=dd_agent).finess == finess.strip()
    else:
        with pytest.raises(ValidationError, match=error):
            centre_save(centre=None, data=data, equipe={}, by=dd_agent)


def test_finess_is_unique_and_corsican_codes_are_accepted(territory, dd_agent):
    from tests.territoires.factories import CommuneFactory, DepartementFactory

    corse = DepartementFactory(code="2A", nom="Corse-du-Sud", region=territory["dep37"].region)
    ajaccio = CommuneFactory(code_insee="2A004", nom="Ajaccio", departement=corse, population=70_000)
    data = {"nom": "C", "sous_type": "medical", "gestionnaire_type": "autre", "statut": "projet"}
    centre_save(
        centre=None,
        data={**data, "departement": corse, "commune": ajaccio, "finess": "2A0001234"},
        equipe={},
        by=dd_agent,
    )
    with pytest.raises(ValidationError):
        centre_save(
            centre=None,
            data={**data, "departement": corse, "commune": ajaccio, "finess": "2A0001234"},
            equipe={},
            by=dd_agent,
        )


def test_a_centre_is_not_an_msp(client, siege_agent, centre):
    """No team minimum, no SISA: the fiche says the MSP rules do not apply; it is not in the MSP register."""
    client.force_login(siege_agent)
    page = client.get(reverse("cpts:centre_detail", args=[centre.public_id])).content.decode()
    assert "ne s'appliquent pas aux centres de santé" in page
    assert "Équipe minimale" not in page
    assert centre.nom not in client.get(reverse("cpts:msp_list")).content.decode()
    assert client.get(reverse("api:msp-list")).json()["count"] == 0


def test_centre_create_and_edit(client, territory, dd_agent, dd45_agent):
    client.force_login(dd_agent)
    assert client.get(reverse("cpts:centre_create")).status_code == 200
    data = {
        "nom": "Centre de santé de Loches",
        "sous_type": "polyvalent",
        "gestionnaire_type": "collectivite",
        "gestionnaire_nom": "Commune de Loches",
        "finess": "370009999",
        "departement": territory["dep37"].pk,
        "commune": territory["loches"].pk,
        "statut": "en_fonctionnement",
        "date_ouverture": "2019-09-02",
        "nb_medecin_generaliste": "3",
        "nb_infirmier": "1",
    }
    assert client.post(reverse("cpts:centre_create"), {**data, "sous_type": ""}).status_code == 200  # required
    response = client.post(reverse("cpts:centre_create"), data)
    centre = CentreSante.objects.get()
    assert response.url == reverse("cpts:centre_detail", args=[centre.public_id])
    assert {row.profession: row.nombre for row in centre.professionnels.all()} == {
        "medecin_generaliste": 3,
        "infirmier": 1,
    }
    edit = reverse("cpts:centre_edit", args=[centre.public_id])
    client.post(edit, {**data, "nom": "Centre de santé du Lochois", "nb_infirmier": "0"})
    centre.refresh_from_db()
    assert (centre.nom, centre.professionnels.count(), centre.history.count()) == ("Centre de santé du Lochois", 1, 2)
    response = client.post(edit, {**data, "commune": territory["orleans"].pk})
    assert response.status_code == 200  # Orléans is not in the 37
    client.force_login(dd45_agent)
    assert client.get(edit).status_code == 404


def test_esp_create_and_edit(client, territory, dd_agent):
    client.force_login(dd_agent)
    data = {
        "nom": "ESP du Lochois",
        "departement": territory["dep37"].pk,
        "commune": territory["loches"].pk,
        "statut": "en_fonctionnement",
        "date_constitution": "2022-05-01",
        "nb_medecins_generalistes": "2",
        "nb_autres_professionnels": "5",
    }
    response = client.post(reverse("cpts:esp_create"), data)
    esp = EquipeSoinsPrimaires.objects.get()
    assert response.url == reverse("cpts:esp_detail", args=[esp.public_id])
    client.post(reverse("cpts:esp_edit", args=[esp.public_id]), {**data, "date_fin": "2021-01-01"})
    esp.refresh_from_db()
    assert esp.date_fin is None  # a team cannot end before it was formed (constraint)
    page = client.get(reverse("cpts:esp_detail", args=[esp.public_id])).content.decode()
    assert "2\xa0médecins généralistes, 5\xa0autres professionnels de santé" in page


def test_pre_aci_contracts_are_the_sources_records(client, siege_agent):
    """The CVL plan's two 2017 contracts, seeded as reference records with their source, nothing added."""
    contrats = list(contrats_anterieurs_aci(region=siege_agent and _region("24"), annee=2017))
    assert [(c.nom, c.date_libelle, c.region_code, c.departement, c.is_fictif) for c in contrats] == [
        ("CPTS du pôle de santé pluridisciplinaire du Sud Lochois", "mars 2017", "24", None, False),
        ("CPTS d'Amboise", "novembre 2017", "24", None, False),
    ]
    assert {c.source.code for c in contrats} == {"cvl-plan-acces-soins-2017"}
    assert all("Sud Lochois en mars 2017" in c.source_precision for c in contrats)
    assert contrats_anterieurs_aci(region=_region("53")).count() == 0
    assert contrats_anterieurs_aci(annee=2018).count() == 0
    client.force_login(siege_agent)
    page = client.get(reverse("cpts:contrat_anterieur_list")).content.decode()
    assert "CPTS d&#x27;Amboise" in page
    assert "novembre 2017" in page
    assert "non précisé par la source" in page


def _region(code):
    from territoires.models import Region

    return Region(code=code)


def test_a_pre_aci_contract_shows_on_its_cpts(client, siege_agent, signed):
    contrat = ContratAnterieurAci.objects.get(nom="CPTS d'Amboise")
    contrat.cpts = signed
    contrat.save()
    client.force_login(siege_agent)
    page = client.get(reverse("cpts:detail", args=[signed.public_id])).content.decode()
    assert "Contrat ARS antérieur à l'ACI" in page
    assert "novembre 2017" in page


# -- access per persona -------------------------------------------------------------------------------------------

LIST = {
    "siege_agent": 200,
    "dd_agent": 200,
    "porteur_manager": 403,
    "porteur_reader": 403,
    "other_porteur": 403,
    "cpts_porteur": 200,
    "expert": 200,
    "partner_agent": 403,
    "outsider": 403,
}
DETAIL = {"siege_agent": 200, "dd_agent": 200, "cpts_porteur": 200, "expert": 200}  # else 404
EDIT = {"siege_agent": 200, "dd_agent": 200, "cpts_porteur": 403, "expert": 403}  # else 404
CREATE = {"siege_agent": 200, "dd_agent": 200}  # else 403


def test_anonymous(client, centre, esp):
    for url in (
        reverse("cpts:centre_list"),
        reverse("cpts:centre_detail", args=[centre.public_id]),
        reverse("cpts:centre_create"),
        reverse("cpts:centre_edit", args=[centre.public_id]),
        reverse("cpts:esp_list"),
        reverse("cpts:esp_detail", args=[esp.public_id]),
        reverse("cpts:esp_create"),
        reverse("cpts:esp_edit", args=[esp.public_id]),
        reverse("cpts:contrat_anterieur_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response.url
    assert client.post(reverse("cpts:centre_financements", args=[centre.public_id])).status_code == 302
    for url in (reverse("api:centre-sante-list"), reverse("api:esp-list")):
        response = client.get(url)
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json")


def test_pages_per_persona(persona, centre, esp):
    name, client = persona
    for kind, structure in (("centre", centre), ("esp", esp)):
        assert client.get(reverse(f"cpts:{kind}_list")).status_code == LIST[name], kind
        assert client.get(reverse(f"cpts:{kind}_detail", args=[structure.public_id])).status_code == DETAIL.get(
            name, 404
        ), kind
        assert client.get(reverse(f"cpts:{kind}_edit", args=[structure.public_id])).status_code == EDIT.get(
            name, 404
        ), kind
        assert client.get(reverse(f"cpts:{kind}_create")).status_code == CREATE.get(name, 403), kind
    assert client.get(reverse("cpts:contrat_anterieur_list")).status_code == LIST[name]
    api = {"centre-sante-list": centre, "esp-list": esp}
    for route, structure in api.items():
        response = client.get(reverse(f"api:{route}"))
        if name in DETAIL:
            assert [row["public_id"] for row in response.json()["results"]] == [str(structure.public_id)]
        elif LIST[name] == 200:
            assert response.json()["count"] == 0
        else:
            assert response.status_code in (200, 403)
            assert response.status_code == 403 or response.json()["count"] == 0


def test_ledger_button_per_persona(persona, centre):
    name, client = persona
    response = client.post(reverse("cpts:centre_financements", args=[centre.public_id]))
    expected = {"siege_agent": 302, "dd_agent": 302, "cpts_porteur": 403, "expert": 403}.get(name, 404)
    assert response.status_code == expected
    if expected == 302:
        centre.refresh_from_db()
        from financements.links import owner_url

        assert owner_url(centre.beneficiaire) == reverse("cpts:centre_detail", args=[centre.public_id])


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_counts(client, territory, siege_agent, django_assert_num_queries, count):
    for index in range(count):
        make_centre(commune=territory["loches"], nom=f"Centre {index:02d}", date_ouverture=D(2015, 1, 1))
        make_esp(commune=territory["chinon"], nom=f"ESP {index:02d}")
    client.force_login(siege_agent)
    client.get(reverse("cpts:centre_list"))  # warm the session
    # Same for 2 and 20 rows; the centres page adds the count « en fonctionnement au … » (one aggregate), the
    # siège's scope reads the départements of its région (one query), with its regional identity (the header's).
    with django_assert_num_queries(9):
        assert client.get(reverse("cpts:centre_list")).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(reverse("cpts:esp_list")).status_code == 200
    with django_assert_num_queries(8):  # + the prefetched teams
        assert client.get(reverse("api:centre-sante-list")).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(reverse("api:esp-list")).status_code == 200
    with django_assert_num_queries(7):  # a page (the header's regional identity comes with the scope)
        assert client.get(reverse("cpts:contrat_anterieur_list")).status_code == 200
