from decimal import Decimal

import factory

from indicateurs.enums import Mode, PerimetreKind, Periodicite, Provenance, Sens, Unite
from indicateurs.models import Avis, Baseline, Cible, Indicateur, Perimetre, Valeur
from tests.comptes.factories import UserFactory


class PerimetreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perimetre
        django_get_or_create = ["kind", "code"]
        skip_postgeneration_save = True

    kind = PerimetreKind.REGION
    code = "24"
    libelle = "Centre-Val de Loire"

    @factory.post_generation
    def derive_region(obj, create, extracted, **kwargs):
        """The seeded regional perimeter (migrated before any région exists) gets its région as import would."""
        if create and obj.region_id is None:
            obj.save()

    class Params:
        dep37 = factory.Trait(
            kind=PerimetreKind.DEPARTEMENT,
            code="37",
            libelle="Indre-et-Loire (37)",
            departement=factory.LazyFunction(lambda: _departement("37")),
        )
        dep45 = factory.Trait(
            kind=PerimetreKind.DEPARTEMENT,
            code="45",
            libelle="Loiret (45)",
            departement=factory.LazyFunction(lambda: _departement("45")),
        )


def _departement(code):
    from territoires.models import Departement

    return Departement.objects.get(code=code)


class IndicateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicateur
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T_IND_{n}")
    libelle = factory.Sequence(lambda n: f"Indicateur de test {n}")
    definition = "Définition de test."
    methode = "Méthode de test."
    unite = Unite.NOMBRE
    source = "Test"
    periodicite = Periodicite.SEMESTRIELLE
    sens = Sens.HAUSSE
    priorite = 1
    niveaux = factory.LazyFunction(lambda: ["region", "departement"])
    mode = Mode.SAISI


class ValeurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Valeur

    indicateur = factory.SubFactory(IndicateurFactory)
    perimetre = factory.SubFactory(PerimetreFactory)
    periode = "2026-S1"
    valeur = Decimal("10")
    provenance = Provenance.SAISIE


class BaselineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Baseline

    indicateur = factory.SubFactory(IndicateurFactory)
    perimetre = factory.SubFactory(PerimetreFactory)
    periode = "2024-S1"
    valeur = Decimal("0")


class CibleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cible

    indicateur = factory.SubFactory(IndicateurFactory)
    perimetre = factory.SubFactory(PerimetreFactory)
    periode = "2028-S1"
    valeur = Decimal("100")


class AvisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Avis

    indicateur = factory.SubFactory(IndicateurFactory)
    periode = "2026-S1"
    texte = "Avis de test."
    auteur = factory.SubFactory(UserFactory)
