import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.zonage.factories import ArreteFactory, classer
from zonage.enums import ArreteStatut as S
from zonage.services import arrete_create, arrete_transition
from zonage.services.workflow import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def projet(zonage_territory):
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "ZIP")
    return arrete


def test_project_cannot_be_published_directly(projet, siege_agent):
    with pytest.raises(ValidationError, match="concertation"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)


def test_empty_annex_cannot_go_to_concertation(zonage_territory, siege_agent):
    with pytest.raises(ValidationError, match="L'annexe est vide"):
        arrete_transition(arrete=ArreteFactory(), vers=S.CONCERTATION, by=siege_agent)


def test_publication_waits_for_crsa_and_dates(projet, siege_agent):
    arrete_transition(arrete=projet, vers=S.CONCERTATION, by=siege_agent)
    assert projet.date_saisine_crsa is not None
    with pytest.raises(ValidationError, match="date de signature"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    projet.date_signature = projet.date_effet = datetime.date.today()
    with pytest.raises(ValidationError, match="deux mois"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    projet.date_avis_crsa = datetime.date.today()
    arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    assert projet.statut == S.PUBLIE
    assert [t.vers for t in projet.transitions.all()] == [S.CONCERTATION, S.PUBLIE]


def test_publishing_a_new_version_replaces_the_previous_one(projet, siege_agent, zonage_territory):
    old = ArreteFactory(publie=True, date_effet=datetime.date(2020, 1, 1), date_signature=datetime.date(2019, 12, 1))
    new = arrete_create(
        by=siege_agent, profession=old.profession, region=old.region, reference="V2", titre="V2", methodologie="2024-01"
    )
    assert new.precedent == old
    classer(new, zonage_territory["tvs_a"], "ZAC")
    arrete_transition(arrete=new, vers=S.CONCERTATION, by=siege_agent)
    new.date_saisine_crsa = datetime.date(2025, 1, 1)
    new.date_signature, new.date_effet = datetime.date(2025, 6, 1), datetime.date(2025, 7, 1)
    arrete_transition(arrete=new, vers=S.PUBLIE, by=siege_agent)
    old.refresh_from_db()
    assert old.statut == S.REMPLACE
    assert old.date_fin == datetime.date(2025, 6, 30)
    assert old.history.count() >= 2


@pytest.mark.parametrize(
    ("statut", "vers", "reason"),
    [
        (S.PUBLIE, S.PROJET, "ne peut pas revenir en projet"),
        (S.PUBLIE, S.REMPLACE, "remplacé automatiquement"),
        (S.REMPLACE, S.PUBLIE, "ne change plus de statut"),
        (S.PROJET, S.REMPLACE, "que s'il est publié"),
    ],
)
def test_refused_transitions_give_a_french_reason(zonage_territory, siege_agent, statut, vers, reason):
    arrete = ArreteFactory(statut=statut)
    with pytest.raises(ValidationError, match=reason):
        arrete_transition(arrete=arrete, vers=vers, by=siege_agent)


def test_abrogation_sets_end_date(zonage_territory, siege_agent):
    arrete = ArreteFactory(publie=True)
    arrete_transition(arrete=arrete, vers=S.ABROGE, by=siege_agent, motif="Annulé")
    assert arrete.date_fin == timezone.localdate()


def test_add_months():
    assert add_months(datetime.date(2025, 12, 31), 2) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 1, 15), 2) == datetime.date(2024, 3, 15)


def test_transition_refusal_is_shown_to_the_manager(client, siege_agent, projet):
    from django.urls import reverse

    client.force_login(siege_agent)
    response = client.post(
        reverse("zonage:arrete_transition", args=[projet.public_id]), {"vers": "publie"}, follow=True
    )
    assert (
        "Un projet doit d&#x27;abord" in response.content.decode()
        or "Un projet doit d'abord" in response.content.decode()
    )
