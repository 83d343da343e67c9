import factory

from tests.territoires.factories import RegionFactory
from zonage.enums import ArreteStatut
from zonage.models import ArreteZonage, Classement, Profession, ZoneCategorie

MEDECIN = "medecin-generaliste"
INFIRMIER = "infirmier"


def profession(code: str = MEDECIN) -> Profession:
    return Profession.objects.get(code=code)


def zone(code: str, profession_code: str = MEDECIN) -> ZoneCategorie:
    return ZoneCategorie.objects.get(profession__code=profession_code, code=code)


class ArreteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArreteZonage

    profession = factory.LazyFunction(profession)
    region = factory.SubFactory(RegionFactory)
    reference = factory.Sequence(lambda n: f"ARS-CVL-2026-{n:03d}")
    titre = "Arrêté de zonage de test"
    methodologie = "2021-10"
    statut = ArreteStatut.PROJET

    class Params:
        publie = factory.Trait(
            statut=ArreteStatut.PUBLIE,
            date_signature=factory.Faker("date_between", start_date="-3y", end_date="-2y"),
            date_effet=factory.Faker("date_between", start_date="-2y", end_date="-1y"),
        )


def classer(arrete, territory, zone_code: str, apl=None) -> Classement:
    """Classify a TVS or a commune in an arrêté."""
    from territoires.models import Commune

    field = "commune" if isinstance(territory, Commune) else "tvs"
    return Classement.objects.create(
        arrete=arrete, zone=zone(zone_code, arrete.profession.code), apl=apl, **{field: territory}
    )
