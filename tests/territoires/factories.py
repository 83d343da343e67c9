import factory

from territoires.enums import EpciType
from territoires.models import EPCI, Commune, Departement, Region, TerritoireVieSante


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "24"
    nom = "Centre-Val de Loire"
    type_nom = factory.LazyAttribute(lambda region: {"24": 2, "53": 0, "32": 4}.get(region.code))


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = "37"
    nom = "Indre-et-Loire"
    region = factory.SubFactory(RegionFactory)
    # INSEE TNCC of the Centre-Val de Loire départements: « du Cher », « d'Eure-et-Loir », « de l'Indre »…
    type_nom = factory.LazyAttribute(
        lambda departement: {"18": 2, "28": 1, "36": 5, "37": 1, "41": 2, "45": 2}.get(departement.code)
    )


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EPCI
        django_get_or_create = ["siren"]

    siren = factory.Sequence(lambda n: f"2000{n:05d}")
    nom = factory.Sequence(lambda n: f"CC de test {n}")
    type = EpciType.CC
    population = 10_000


class TvsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritoireVieSante

    code = factory.Sequence(lambda n: f"T{n:05d}")
    nom = factory.Sequence(lambda n: f"TVS {n}")
    source = "drees"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code_insee"]

    departement = factory.SubFactory(DepartementFactory)
    code_insee = factory.LazyAttributeSequence(lambda o, n: f"{o.departement.code}{n % 1000:03d}")
    nom = factory.Sequence(lambda n: f"Commune {n}")
    population = 1_000
    codes_postaux = factory.LazyAttribute(lambda o: [f"{o.departement.code}000"])
    millesime = "2026"
