import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cls.enums import Etape
from cls.models import ContratLocalSante, FinancementIngenierie
from referentiel.models import Parametre, Source
from tests.territoires.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = pytest.mark.django_db


def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError):
        call_command("demo_cls")


@pytest.fixture
def demo(settings, territory, siege_agent):
    settings.IS_DEMO = True
    departements = [DepartementFactory(code=code, nom=f"Département {code}") for code in ("18", "28", "36", "41")]
    departements += [territory["dep37"], territory["dep45"]]
    for n in range(12):  # two EPCI in each of the six départements
        departement = departements[n % 6]
        epci = EpciFactory(nom=f"CC fictive {n}", population=20_000 + n)
        CommuneFactory(code_insee=f"{departement.code}5{n:02d}", nom=f"Commune {n}", departement=departement, epci=epci)
    straddling = EpciFactory(nom="CC à cheval", population=12_000)
    CommuneFactory(code_insee="37600", departement=territory["dep37"], epci=straddling, population=4_000)
    CommuneFactory(code_insee="45600", departement=territory["dep45"], epci=straddling, population=8_000)
    siege_agent.is_superuser = True
    siege_agent.save()
    call_command("demo_cls")
    return ContratLocalSante.objects.all()


def test_demo_is_fictitious_and_idempotent(demo):
    count = demo.count()
    assert count >= 2
    assert not ContratLocalSante.objects.filter(is_fictif=False).exists()
    assert all("(fictif)" in nom for nom in ContratLocalSante.objects.values_list("nom", flat=True))
    call_command("demo_cls")
    assert ContratLocalSante.objects.count() == count


def test_demo_invents_no_rule_and_copies_no_other_region(demo):
    """No ETP by Bretagne's population band, no 25 000 € per ETP: recorded amounts are fictitious decisions."""
    financements = FinancementIngenierie.objects.all()
    assert financements.exists()
    for financement in financements:
        assert financement.montant != financement.etp * 25_000
    assert not Parametre.objects.filter(region_code="24", domaine="cls").exists()
    assert not Source.objects.filter(nature="demonstration").exists()


def test_demo_shows_lineage_several_departements_and_signatories(demo):
    successor = demo.get(predecessor__isnull=False)
    assert successor.predecessor.etape == Etape.RENOUVELE
    assert successor.rang == 2
    spanning = demo.get(nom="CLS CC à cheval (fictif)")
    assert set(spanning.departements.values_list("code", flat=True)) == {"37", "45"}
    assert spanning.departement.code in ("37", "45")  # the one holding most of its communes (a tie here)
    first = demo.filter(signataires__type="epci").distinct().get()
    assert first.signataires.filter(type="epci").exists()  # up to three: the other EPCI of its département
    assert first.signataires.filter(type="petr").exists()
    assert first.signataires.filter(type="conseil_departemental").exists()
    # stages are dated: the log explains every current stage
    for contrat in demo:
        assert contrat.etapes.order_by("date", "at", "pk").last().to_etape == contrat.etape


def test_demo_contract_pages_render_the_no_rule_state(client, demo, siege_agent):
    client.force_login(siege_agent)
    for contrat in demo:
        response = client.get(reverse("cls:contrat_detail", args=[contrat.public_id]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Pas de règle régionale publiée" in page
        assert "Aucun montant n&#x27;est calculé" in page
        assert "ETP finançable" not in page
