"""The demo registers: fictitious entries in two départements (37 and 45), marked so, loaded once."""

import pytest

from registres.declarations import registres
from registres.demo import SIEGE, SOURCE, load_demo_registres
from registres.models import ContratAide, MouvementMedecin
from tests.territoires.factories import CommuneFactory, TvsFactory

pytestmark = pytest.mark.django_db


def test_demo_registers_are_fictitious_in_two_departements(siege_agent, territory):
    for departement in (territory["dep37"], territory["dep45"]):
        tvs = TvsFactory(nom=f"TVS fictif {departement.code}")
        for number in range(15):
            CommuneFactory(
                code_insee=f"{departement.code}9{number:02d}",
                departement=departement,
                epci=territory["epci37" if departement.code == "37" else "epci45"],
                tvs=tvs,
                population=1_000 * (15 - number),
            )
    siege_agent.email = SIEGE
    siege_agent.save()

    created = load_demo_registres()

    assert {key.rsplit(" ", 1)[-1] for key in created} == {"37", "45"}
    for registre in registres():
        entries = registre.model.objects.all()
        assert entries.exists(), registre.code
        assert not entries.filter(is_fictif=False).exists(), registre.code
        assert set(entries.values_list("source", flat=True)) == {SOURCE}, registre.code
    for model in (MouvementMedecin, ContratAide):
        assert set(model.objects.values_list("departement__code", flat=True)) == {"37", "45"}
    assert load_demo_registres() == {}  # idempotent
