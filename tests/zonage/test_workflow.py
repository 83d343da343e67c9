import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.zonage.factories import ArreteFactory, classer
from zonage.enums import ArreteStatut as S
from zonage.services import arrete_create, arrete_transition
from zonage.services.workflow import add_months, crsa_echeance, refusal_reason

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


D = datetime.date
SAISINE = D(2025, 1, 15)


def through_crsa(arrete, by, *, saisine=SAISINE):
    """URPS concertation from 1 to 10 January 2025, then the CRSA referred to on `saisine`."""
    arrete_transition(arrete=arrete, vers=S.CONCERTATION, by=by)
    arrete.date_debut_concertation_urps, arrete.date_fin_concertation_urps = D(2025, 1, 1), D(2025, 1, 10)
    arrete.date_saisine_crsa = saisine
    arrete_transition(arrete=arrete, vers=S.SAISINE_CRSA, by=by)


def test_concertation_records_its_start_but_never_a_crsa_referral(projet, siege_agent):
    arrete_transition(arrete=projet, vers=S.CONCERTATION, by=siege_agent)
    assert projet.date_debut_concertation_urps == timezone.localdate()
    assert projet.date_saisine_crsa is None  # entered by hand, later
    with pytest.raises(ValidationError, match="La CRSA doit d'abord être saisie"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)


@pytest.mark.parametrize(
    ("fin", "saisine", "reason"),
    [
        (None, D(2025, 1, 15), "dates de début et de fin de la concertation"),
        (D(2025, 1, 10), None, "Renseignez la date de saisine"),
        (D(2025, 1, 10), D(2025, 1, 9), "ne peut pas précéder la fin de la concertation"),
        (D(2099, 1, 10), D(2099, 1, 15), "se termine le 10 janvier 2099"),
    ],
)
def test_crsa_referral_needs_a_closed_concertation_and_a_date(projet, siege_agent, fin, saisine, reason):
    arrete_transition(arrete=projet, vers=S.CONCERTATION, by=siege_agent)
    projet.date_debut_concertation_urps, projet.date_fin_concertation_urps = D(2025, 1, 1), fin
    projet.date_saisine_crsa = saisine
    with pytest.raises(ValidationError, match=reason):
        arrete_transition(arrete=projet, vers=S.SAISINE_CRSA, by=siege_agent)
    assert projet.statut == S.CONCERTATION


def test_crsa_referral_on_the_last_day_of_concertation_is_accepted(projet, siege_agent):
    through_crsa(projet, siege_agent, saisine=D(2025, 1, 10))
    assert projet.statut == S.SAISINE_CRSA


@pytest.mark.parametrize(("today", "allowed"), [(D(2025, 3, 15), False), (D(2025, 3, 16), True)])
def test_the_crsa_two_months_run_from_the_referral_entered_by_hand(projet, siege_agent, today, allowed):
    """Referral on 15 January: the CRSA may answer until 15 March included; publication from the 16th."""
    through_crsa(projet, siege_agent)
    projet.date_signature = projet.date_effet = D(2025, 3, 14)
    assert crsa_echeance(projet) == D(2025, 3, 15)
    reason = refusal_reason(projet, S.PUBLIE, on=today)
    assert (reason is None) == allowed
    if not allowed:
        assert "attendez la fin du délai, le 15 mars 2025" in reason


def test_publication_waits_for_dates_then_the_crsa_opinion(projet, siege_agent):
    through_crsa(projet, siege_agent, saisine=timezone.localdate())
    with pytest.raises(ValidationError, match="date de signature"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    projet.date_signature = projet.date_effet = timezone.localdate()
    with pytest.raises(ValidationError, match="deux mois à compter de sa saisine"):
        arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    projet.date_avis_crsa = timezone.localdate()
    arrete_transition(arrete=projet, vers=S.PUBLIE, by=siege_agent)
    assert projet.statut == S.PUBLIE
    assert [t.vers for t in projet.transitions.all()] == [S.CONCERTATION, S.SAISINE_CRSA, S.PUBLIE]


def test_procedure_dates_must_follow_each_other(projet):
    projet.date_debut_concertation_urps, projet.date_fin_concertation_urps = D(2025, 2, 1), D(2025, 1, 31)
    projet.date_saisine_crsa, projet.date_avis_crsa = D(2025, 2, 10), D(2025, 2, 9)
    with pytest.raises(ValidationError) as excinfo:
        projet.full_clean()
    assert set(excinfo.value.message_dict) == {"date_fin_concertation_urps", "date_avis_crsa"}
    projet.date_fin_concertation_urps, projet.date_avis_crsa = D(2025, 2, 1), D(2025, 2, 10)  # same days: fine
    projet.full_clean()


def test_publishing_a_new_version_replaces_the_previous_one(projet, siege_agent, zonage_territory):
    old = ArreteFactory(publie=True, date_effet=datetime.date(2020, 1, 1), date_signature=datetime.date(2019, 12, 1))
    new = arrete_create(
        by=siege_agent, profession=old.profession, region=old.region, reference="V2", titre="V2", methodologie="2024-01"
    )
    assert new.precedent == old
    classer(new, zonage_territory["tvs_a"], "ZAC")
    through_crsa(new, siege_agent)
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
        (S.PROJET, S.SAISINE_CRSA, "concertation des URPS, puis à l'avis de la CRSA"),
        (S.SAISINE_CRSA, S.CONCERTATION, "impossible"),
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


def test_siege_enters_the_procedure_dates_and_the_vintages_in_the_form(client, siege_agent, projet, zonage_territory):
    from django.urls import reverse

    from territoires.models import CommuneTvs, PopulationCommune

    PopulationCommune.objects.create(commune=zonage_territory["loches"], millesime="2021", population=1, source="t")
    CommuneTvs.objects.create(commune=zonage_territory["loches"], tvs=zonage_territory["tvs_a"], version="DREES 2022")
    client.force_login(siege_agent)
    url = reverse("zonage:arrete_edit", args=[projet.public_id])
    form = client.get(url).content.decode()
    assert '<option value="2021">2021</option>' in form
    assert '<option value="DREES 2022">DREES 2022</option>' in form
    data = {
        "reference": projet.reference,
        "titre": projet.titre,
        "methodologie": "2021-10",
        "millesime_population": "2021",
        "version_tvs": "DREES 2022",
        "date_debut_concertation_urps": "2025-01-01",
        "date_fin_concertation_urps": "2025-01-10",
        "date_saisine_crsa": "2025-01-09",  # before the end of the concertation: refused
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Cette date précède la fin de la concertation des URPS (10 janvier 2025)." in response.content.decode()
    assert client.post(url, {**data, "date_saisine_crsa": "2025-01-15"}).status_code == 302
    projet.refresh_from_db()
    assert (projet.date_saisine_crsa, projet.millesime_population, projet.version_tvs) == (
        D(2025, 1, 15),
        "2021",
        "DREES 2022",
    )
    assert client.post(url, {**data, "millesime_population": "1999"}).status_code == 200  # not imported
