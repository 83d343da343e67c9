"""The CLS rules come from the register, for the CLS's region on the date that matters: Bretagne's values for a
Bretagne territory, nothing for Centre-Val de Loire until its siège adopts a value. Boundaries both ways."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cls.services.regles import base_legale, duree_errors, regles_cls, simulation_ingenierie
from cls.services.territoire import apercu
from referentiel.models import Parametre, Source
from referentiel.services import parametre_adopter
from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 3, 1)


@pytest.fixture
def bretagne(db):
    region = RegionFactory(code="53", nom="Bretagne")
    return DepartementFactory(code="35", nom="Ille-et-Vilaine", region=region)


def commune_of(departement, population, n=0):
    return CommuneFactory(code_insee=f"{departement.code}{900 + n:03d}", departement=departement, population=population)


def adopt(code, *, valeur=None, operateur=None, valide_du=datetime.date(2025, 1, 1)):
    """The CVL siège adopts Bretagne's row (or another value) with its own decision as source."""
    reference = Parametre.objects.get(domaine="cls", code=code, region_code="53")
    return parametre_adopter(
        reference=reference,
        region_code="24",
        valeur=reference.valeur if valeur is None else valeur,
        operateur=reference.operateur if operateur is None else operateur,
        valide_du=valide_du,
        source={
            "titre": f"Décision du directeur général de l'ARS Centre-Val de Loire ({code}, test)",
            "auteur": "ARS Centre-Val de Loire",
            "nature": "document_ars",
            "date": valide_du,
            "url": "",
        },
    )


# --- Centre-Val de Loire: nothing published, nothing applied -----------------------------------------------------


def test_cvl_has_no_threshold_no_etp_no_amount_only_bretagne_as_reference(territory):
    shown = apercu(communes=[territory["loches"].pk], on=ON)
    assert shown.region_code == "24"
    assert shown.population == 6_300
    assert shown.seuil.parametre is None
    assert [row.region_code for row in shown.seuil.references] == ["53"]
    assert shown.sous_seuil is False  # 6 300 < 50 000, but Bretagne's threshold is not the CVL rule
    simulation = shown.simulation
    assert not simulation.calculee
    assert (simulation.etp, simulation.montant_max) == (None, None)
    assert "Aucun montant n'est calculé" in simulation.motif
    assert [regle.parametre for regle in simulation.regles] == [None] * 4
    assert all(regle.references[0].region_code == "53" for regle in simulation.regles)


def test_an_empty_territory_checks_nothing(territory):
    shown = apercu(on=ON)
    assert (shown.vide, shown.sous_seuil, shown.population) == (True, False, 0)


# --- Bretagne: the published rules apply, with their operators ---------------------------------------------------


@pytest.mark.parametrize(("population", "sous"), [(49_999, True), (50_000, False), (50_001, False)])
def test_bretagne_population_threshold_is_inclusive(bretagne, population, sous):
    shown = apercu(communes=[commune_of(bretagne, population).pk], on=ON)
    assert shown.region_code == "53"
    assert shown.seuil.parametre.valeur_affichee == "≥\u00a050\u202f000\u00a0habitants"
    assert shown.sous_seuil is sous


@pytest.mark.parametrize(
    ("operateur", "population", "etp", "ambiguite"),
    [
        ("gt", 149_999, 1, ""),
        ("gt", 150_000, 1, "150\u202f000 habitants : le cadre ne tranche pas — 1\u00a0ETP selon la lecture retenue"),
        ("gt", 150_001, 2, ""),
        ("ge", 149_999, 1, ""),
        ("ge", 150_000, 2, "150\u202f000 habitants : le cadre ne tranche pas — 2\u00a0ETP selon la lecture retenue"),
        ("ge", 150_001, 2, ""),
    ],
)
def test_etp_band_reads_the_operator_and_shows_the_ambiguity(bretagne, operateur, population, etp, ambiguite):
    Parametre.objects.filter(domaine="cls", code="seuil_etp", region_code="53").update(operateur=operateur)
    simulation = apercu(communes=[commune_of(bretagne, population).pk], on=ON).simulation
    assert simulation.calculee
    assert simulation.etp == etp
    assert simulation.montant_max == Decimal(etp) * 25_000
    if ambiguite:
        assert simulation.ambiguite == ambiguite + " (à confirmer)"
    else:
        assert simulation.ambiguite == ""


def test_no_ambiguity_shown_once_the_bound_is_confirmed(bretagne):
    Parametre.objects.filter(domaine="cls", code="seuil_etp", region_code="53").update(a_confirmer=False)
    simulation = simulation_ingenierie(population=150_000, regles=regles_cls(region="53", on=ON))
    assert (simulation.etp, simulation.ambiguite) == (1, "")


def test_bretagne_rules_start_in_2019(bretagne):
    simulation = simulation_ingenierie(population=80_000, regles=regles_cls(region="53", on=datetime.date(2018, 6, 1)))
    assert not simulation.calculee


def test_the_cap_has_no_period():
    plafond = Parametre.objects.get(domaine="cls", code="plafond_par_etp", region_code="53")
    assert plafond.valeur_affichee == "≤\u00a025\u202f000\u00a0€ par ETP"
    for row in Parametre.objects.filter(domaine="cls"):
        assert "par an" not in f"{row.libelle} {row.unite} {row.texte}", row


# --- Adoption by the CVL siège ---------------------------------------------------------------------------------------


def test_adopting_the_threshold_makes_it_apply_in_cvl_but_computes_no_amount_alone(territory):
    adopt("seuil_population")
    shown = apercu(communes=[territory["loches"].pk], on=ON)
    assert shown.seuil.parametre.region_code == "24"
    assert shown.seuil.parametre.source.auteur == "ARS Centre-Val de Loire"
    assert shown.sous_seuil is True
    assert not shown.simulation.calculee  # the ETP rules are still not adopted


def test_adopting_every_ingenierie_rule_computes_the_amount_with_the_adopted_operator(territory):
    for code in ("seuil_etp", "etp_sous_seuil", "etp_au_dessus", "plafond_par_etp"):
        adopt(code, operateur="ge" if code == "seuil_etp" else None)
    regles = regles_cls(region="24", on=ON)
    exactly = simulation_ingenierie(population=150_000, regles=regles)
    assert (exactly.etp, exactly.montant_max) == (2, 50_000)
    assert exactly.ambiguite == ""  # an adopted value is the region's decision: not « à confirmer »
    assert simulation_ingenierie(population=149_999, regles=regles).etp == 1


def test_the_date_that_matters_decides(territory):
    adopt("seuil_population", valide_du=datetime.date(2027, 1, 1))
    assert apercu(communes=[territory["loches"].pk], on=datetime.date(2026, 12, 31)).seuil.parametre is None
    assert apercu(communes=[territory["loches"].pk], on=datetime.date(2027, 1, 1)).sous_seuil is True


# --- Duration -------------------------------------------------------------------------------------------------------


def test_duration_rules_by_region():
    assert duree_errors(regles_cls(region="24", on=ON), duree_annees=7) == []  # nothing published: no check
    paca = regles_cls(region="93", on=ON)
    assert paca.get("duree").valeur_affichee == "5\u00a0ans"
    assert paca.get("duree").a_confirmer
    assert duree_errors(paca, duree_annees=5) == []
    assert duree_errors(paca, duree_annees=4) == [
        "La durée d'un contrat local de santé est de 5\u00a0ans dans la région."
    ]
    assert duree_errors(paca, duree_annees=None)  # the end date alone does not say 5 years
    hdf = regles_cls(region="32", on=ON)
    assert hdf.get("duree").texte.startswith("aligné sur la fin du PRS")
    assert duree_errors(hdf, duree_annees=None) == []


@pytest.mark.parametrize(("duree", "ok"), [(2, False), (3, True), (5, True), (6, False)])
def test_duration_bounds_both_sides(duree, ok):
    source = Source.objects.create(
        code="test-cvl-duree", titre="Décision (test)", nature="document_ars", region_code="24"
    )
    for code, valeur, operateur in (("duree_min", 3, "ge"), ("duree_max", 5, "le")):
        Parametre.objects.create(
            domaine="cls",
            code=code,
            libelle=f"Durée {code[-3:]}imale d'un CLS",
            valeur=valeur,
            unite="ans",
            operateur=operateur,
            region_code="24",
            valide_du=datetime.date(2020, 1, 1),
            source=source,
        )
    assert (duree_errors(regles_cls(region="24", on=ON), duree_annees=duree) == []) is ok


def test_paca_contract_signature_checks_the_regional_duration(dd_agent, collectivite):
    from cls.enums import Etape
    from cls.models import ContratLocalSante
    from cls.services.contrats import contrat_sign

    paca = DepartementFactory(code="13", nom="Bouches-du-Rhône", region=RegionFactory(code="93", nom="PACA"))
    contrat = ContratLocalSante.objects.create(
        nom="CLS de test", porteur=collectivite, departement=paca, etape=Etape.ELABORATION
    )
    contrat.checks.create(code="axes_definis", by=dd_agent)
    contrat.checks.create(code="programme_actions", by=dd_agent)
    with pytest.raises(ValidationError, match="5.*ans dans la région"):
        contrat_sign(contrat=contrat, date_signature=ON, duree_annees=3, axes=["A"], by=dd_agent)
    contrat_sign(contrat=contrat, date_signature=ON, duree_annees=5, axes=["A"], by=dd_agent)
    assert contrat.date_fin == datetime.date(2031, 2, 28)
    assert str(contrat.signataires.get(type="ars")) == "ARS PACA"


# --- Legal basis -----------------------------------------------------------------------------------------------------


def test_legal_basis_is_national_and_ordered():
    articles = base_legale(ON)
    assert [article.texte for article in articles] == [
        "article L1434-2 du code de la santé publique",
        "article L1434-10 du code de la santé publique",
    ]
    assert {article.region_code for article in articles} == {""}
    assert {article.source.code for article in articles} == {"csp-l1434-2", "csp-l1434-10"}
