"""The region paths of territoires.regions on the fixture world's objects: each object's path gives the region it was
built in, the ORM lookup agrees with the walk on the instance, and filtering by one region never returns the other's
rows."""

import pytest

from territoires import regions

pytestmark = pytest.mark.django_db

NATIONAL = {"indicateur"}  # the seeded indicator battery is national (region null)


def _expected(key: str) -> str | None:
    if key in NATIONAL:
        return None
    if "rb" in key.split("_") or key in ("enveloppe_b", "participation_cpam_b") or "RGB-" in key:
        return "53"
    return "24"


def _programme_objects(world):
    labels = {model._meta.label for model in regions.programme_models()}
    for key, obj in world.objects.items():
        if hasattr(obj, "_meta") and obj._meta.label in labels:
            yield key, obj


def test_the_world_has_objects_of_both_regions(world):
    expected = {_expected(key) for key, _ in _programme_objects(world)}
    assert {"24", "53"} <= expected


def test_each_world_object_is_in_the_region_it_was_built_in(world):
    wrong = {}
    for key, obj in _programme_objects(world):
        expected = _expected(key)
        if regions.region_code_of(obj) != expected:
            wrong[key] = (regions.region_code_of(obj), expected)
            continue
        if expected is None:
            continue
        rows = type(obj)._default_manager.filter(pk=obj.pk)
        other = "24" if expected == "53" else "53"
        if not regions.in_regions(rows, [expected]).exists() or regions.in_regions(rows, [other]).exists():
            wrong[key] = ("lookup disagrees", expected)
    assert not wrong


@pytest.mark.parametrize("model", regions.programme_models(), ids=lambda model: model._meta.label)
def test_the_lookup_and_the_walk_agree_on_every_row(world, model):
    lookup = regions.region_code_lookup(model)
    rows = model._default_manager.all()[:200]
    by_orm = dict(model._default_manager.filter(pk__in=[row.pk for row in rows]).values_list("pk", lookup))
    for row in rows:
        assert regions.region_code_of(row) == by_orm[row.pk], (model._meta.label, row.pk)
    assert not regions.in_regions(model._default_manager.all(), ["24"]).filter(**{lookup: "53"}).exists()


def test_most_programme_models_have_rows_in_the_world(world):
    """The world covers the programme models: the ones it does not build are listed, so a new one is noticed."""
    empty = {model._meta.label for model in regions.programme_models() if not model._default_manager.exists()}
    assert empty <= {
        "comptes.IdentiteRegionale",  # the header falls back to the region's name: tested in tests/national
        "cls.Avenant",
        "cls.GateCheck",
        "cls.LigneBudget",
        "cls.RevueAnnuelle",
        "cls.AxeStrategique",
        "cls.Signataire",
        "cls.EtapeTransition",
        "cpts.AvenantCpts",
        "cpts.AtteinteMission",
        "cpts.RappelMission",
        "cpts.ProfessionnelCentre",
        "cpts.ProfessionnelMsp",
        "cpts.FinancementMsp",
        "cpts.CritereMsp",
        "cpts.SiteMsp",
        "registres.MaitreStage",
        "registres.OffreLogement",
        "registres.SiteTelemedecine",
        "registres.ProtocoleCooperation",
        "registres.ConsultationAvancee",
        "registres.OrganisationSoins",
        "registres.DispositifFusionne",
        "registres.Ght",
        "registres.EtablissementGht",
        "registres.ProjetTerritorial",
        "registres.EtapeProjet",
        "registres.EffectifMedecins",
        "registres.ContratAide",
        "indicateurs.Valeur",
        "indicateurs.Baseline",
        "indicateurs.Cible",
        "indicateurs.Avis",
        "acces_soins.Jalon",
        "acces_soins.DeclinaisonMesure",
        "acces_soins.SuiviDecision",
        "acces_soins.RappelCampagne",
        "acces_soins.Erratum",
        "acces_soins.LigneContribution",
        "acces_soins.TransitionContribution",
        "zonage.Commentaire",
        "zonage.AnnexeImport",
        "zonage.ArreteTransition",
        "financements.Paiement",
        "financements.Cofinancement",
        "instruction.Lecture",
        "instruction.Notification",
        "instruction.Piece",
    }
