import datetime

import factory

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel, ComiteDePilotage, Decision, Plan


def seeded_plan() -> Plan:
    """The plan seeded by the data migration (region 24)."""
    return Plan.objects.get(region_code="24")


class ComiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComiteDePilotage

    plan = factory.LazyFunction(seeded_plan)
    semestre = "2026-S1"
    date = datetime.date(2026, 6, 15)
    participants = "Directeur général de l'ARS\nDélégués départementaux\nUnion régionale des professionnels de santé"
    ordre_du_jour = "Point d'étape des mesures\nZonage médecins"
    releve_decisions = "Le comité valide le point d'étape."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    comite = factory.SubFactory(ComiteFactory)
    numero = factory.Sequence(lambda n: n + 1)
    texte = "Étendre les consultations avancées au Cher."

    @factory.post_generation
    def mesures(self, create, extracted, **kwargs):
        if create and extracted:
            self.mesures.set(extracted)


class BilanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanSemestriel

    perimetre_type = "region"
    perimetre_code = "24"
    perimetre_libelle = "Région Centre-Val de Loire"
    semestre = "2026-S1"
    version = factory.Sequence(lambda n: n + 1)
    statut = StatutBilan.EN_ATTENTE
