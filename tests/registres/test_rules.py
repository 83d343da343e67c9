"""The rules of each register: the zone at the date is computed from the arrêté in force that day, the TVS of a
movement, the funding ledger of the aid contracts, the scope, the required territory, the dates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financements.enums import Programme
from financements.models import Cofinancement, Engagement
from registres.enums import Financeur, TypeMouvement
from registres.models import ContratAide, Dac, DispositifFusionne
from tests.financements.factories import make_enveloppe
from tests.registres.factories import EFFET_V2, contrat, maitre, mouvement, save

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("signature", "zone", "arrete"),
    [
        (EFFET_V2 - datetime.timedelta(days=1), "ZAC", "ARS-TEST-V1"),  # the day before the new arrêté takes effect
        (EFFET_V2, "ZIP", "ARS-TEST-V2"),  # the day it takes effect
        (datetime.date(2021, 6, 1), None, None),  # before any arrêté
    ],
)
def test_zone_at_signature_is_the_arretes_in_force_that_day(dd_agent, territory, arretes, signature, zone, arrete):
    entree = contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", signature=signature)
    assert (entree.zone.code if entree.zone else None) == zone
    assert (entree.arrete_zonage.reference if entree.arrete_zonage else None) == arrete


def test_zone_follows_the_date_of_each_register(dd_agent, territory, arretes):
    """Maîtres de stage: the day of the agreement; movements: the day of the movement; a later change of the date
    recomputes the zone."""
    stage = maitre(by=dd_agent, commune=territory["loches"], debut=EFFET_V2 - datetime.timedelta(days=1))
    assert stage.zone.code == "ZAC"
    depart = mouvement(by=dd_agent, commune=territory["loches"], date=EFFET_V2, type_mouvement=TypeMouvement.DEPART)
    assert depart.zone.code == "ZIP"
    from registres.declarations import get_registre
    from registres.services.entrees import entree_save

    stage.date_debut = EFFET_V2
    entree_save(registre=get_registre("maitres-de-stage"), entree=stage, by=dd_agent)
    stage.refresh_from_db()
    assert stage.zone.code == "ZIP"


def test_the_zone_says_whether_it_opens_the_aid(dd_agent, territory, arretes):
    caim_zac = contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", signature=datetime.date(2023, 5, 1))
    caim_zip = contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", signature=datetime.date(2025, 5, 1))
    cesp_zac = contrat(by=dd_agent, commune=territory["loches"], aide="CESP", signature=datetime.date(2023, 5, 1))
    assert (caim_zac.zone_ouvre_aide, caim_zip.zone_ouvre_aide, cesp_zac.zone_ouvre_aide) == (False, True, True)


def test_movement_takes_the_tvs_and_the_departement_of_its_commune(dd_agent, territory, tvs):
    entree = mouvement(by=dd_agent, commune=territory["chinon"], date=datetime.date(2026, 1, 5))
    assert (entree.tvs, entree.departement) == (tvs["chinon"], territory["dep37"])


def test_a_delegation_writes_only_in_its_departements(dd_agent, territory):
    with pytest.raises(ValidationError) as error:
        maitre(by=dd_agent, commune=territory["orleans"])
    assert error.value.message_dict == {"departement": ["Ce département n'est pas dans votre périmètre."]}


def test_a_reader_writes_nothing(dd_reader, territory):
    with pytest.raises(ValidationError):
        maitre(by=dd_reader, commune=territory["loches"])


def test_commune_is_required_where_the_register_says_so_and_dates_are_ordered(dd_agent, territory):
    with pytest.raises(ValidationError) as error:
        save("maitres-de-stage", by=dd_agent, nom="X", universite="Tours")
    assert "commune" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        maitre(by=dd_agent, commune=territory["loches"], date_fin=datetime.date(2023, 1, 1))
    assert error.value.messages == ["La date de fin précède la date de début."]


def test_perimeter_registers_take_the_departement_and_their_child_rows(client, dd_agent, territory):
    client.force_login(dd_agent)
    response = client.post(
        "/registres/dac/nouveau/",
        {
            "departement": territory["dep37"].pk,
            "communes": f"{territory['epci37'].siren}, 37072",
            "date_debut": "2021-07-01",
            "statut": "actif",
            "source": "Arrêté de test",
            "nom": "DAC de test",
            "porteur": "Association",
            "dispositifs_fusionnes-TOTAL_FORMS": "2",
            "dispositifs_fusionnes-INITIAL_FORMS": "0",
            "dispositifs_fusionnes-0-type": "pta",
            "dispositifs_fusionnes-0-nom": "PTA du Lochois",
            "dispositifs_fusionnes-0-date_fusion": "2021-07-01",
            "dispositifs_fusionnes-1-type": "maia",
            "dispositifs_fusionnes-1-nom": "MAIA 37",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    dac = Dac.objects.get()
    assert {commune.code_insee for commune in dac.communes.all()} == {"37132", "37072"}  # the EPCI, then Chinon
    assert sorted(DispositifFusionne.objects.values_list("nom", flat=True)) == ["MAIA 37", "PTA du Lochois"]
    page = client.get(f"/registres/dac/{dac.public_id}/").content.decode()
    assert "PTA du Lochois" in page
    assert "Plateforme territoriale d&#x27;appui (PTA)" in page


def test_ars_funded_contract_is_committed_on_its_envelope(dd_agent, siege_agent, territory):
    enveloppe = make_enveloppe(
        by=siege_agent, montant="100000", libelle="Aides 2026", programmes=[Programme.CONTRAT_AIDE]
    )
    entree = contrat(
        by=dd_agent,
        commune=territory["loches"],
        aide="CAIM",
        financeur=Financeur.ARS,
        montant=Decimal("25000"),
        enveloppe=enveloppe,
    )
    engagement = Engagement.objects.get()
    assert (engagement.beneficiaire, engagement.enveloppe, engagement.montant) == (
        entree.beneficiaire,
        enveloppe,
        Decimal("25000"),
    )
    assert entree.beneficiaire.programme == Programme.CONTRAT_AIDE
    assert entree.beneficiaire.libelle == entree.libelle  # never the beneficiary's name
    from registres.declarations import get_registre
    from registres.services.entrees import entree_save

    entree.montant = Decimal("30000")
    entree_save(registre=get_registre("contrats-aide"), entree=entree, by=dd_agent)
    assert Engagement.objects.get().montant == Decimal("25000")  # prefilled once, the ledger owns it


def test_over_commitment_refuses_the_contract_with_the_ledgers_figures(client, dd_agent, siege_agent, territory):
    from zonage.models import Aide

    enveloppe = make_enveloppe(
        by=siege_agent, montant="1000", libelle="Aides 2026", programmes=[Programme.CONTRAT_AIDE]
    )
    client.force_login(dd_agent)
    response = client.post(
        "/registres/contrats-aide/nouveau/",
        {
            "commune": "37132",
            "statut": "actif",
            "source": "Convention",
            "aide": Aide.objects.get(code="CAIM").pk,
            "date_signature": "2026-02-01",
            "montant": "5000",
            "financeur": "ars",
            "enveloppe": enveloppe.pk,
        },
    )
    assert response.status_code == 400
    assert "disponible 1" in response.content.decode()
    assert not ContratAide.objects.exists()


def test_collectivite_funding_is_a_cofinancing_line_kept_equal(dd_agent, territory):
    entree = contrat(
        by=dd_agent,
        commune=territory["loches"],
        aide="L1511-8",
        financeur=Financeur.DEPARTEMENT,
        financeur_nom="Conseil départemental d'Indre-et-Loire",
        montant=Decimal("10000"),
    )
    line = Cofinancement.objects.get()
    assert (line.beneficiaire, line.montant, line.organisation, line.annee) == (
        entree.beneficiaire,
        Decimal("10000"),
        "Conseil départemental d'Indre-et-Loire",
        2024,
    )
    from registres.declarations import get_registre
    from registres.services.entrees import entree_save

    entree.montant = Decimal("12000")
    entree_save(registre=get_registre("contrats-aide"), entree=entree, by=dd_agent)
    assert Cofinancement.objects.get().montant == Decimal("12000")


def test_assurance_maladie_contracts_stay_out_of_the_ledger(dd_agent, territory):
    entree = contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", montant=Decimal("50000"))
    assert entree.beneficiaire is None
    with pytest.raises(ValidationError):  # an envelope is for ARS funding only
        contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", enveloppe=make_enveloppe(by=dd_agent))


def test_ledger_links_back_to_the_contract(dd_agent, territory):
    from financements.links import owner_url

    entree = contrat(
        by=dd_agent, commune=territory["loches"], aide="L1511-8", financeur=Financeur.COMMUNE, montant=Decimal("5000")
    )
    assert owner_url(entree.beneficiaire) == f"/registres/contrats-aide/{entree.public_id}/"
