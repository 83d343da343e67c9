import datetime

import factory

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel, ComiteDePilotage, Decision, Plan


def seeded_plan() -> Plan:
    """The plan seeded by the data migration (region 24)."""
    return Plan.objects.get(region_code="24")


def ensure_plan_seed() -> Plan:
    """The plan as migrations 0002 and 0008 seed it, re-created when a transactional test flushed it."""
    import importlib

    from django.apps import apps

    from acces_soins.models import Priorite
    from indicateurs.referentiel_sources import ensure_sources

    first = importlib.import_module("acces_soins.migrations.0002_seed_plan_centre_val_de_loire")
    fidelite = importlib.import_module("acces_soins.migrations.0008_plan_fidelite_data")
    plan, _ = Plan.objects.get_or_create(
        region_code="24", nom=fidelite.PLAN_NOM, defaults={"date_debut": fidelite.PLAN_DATE}
    )
    for numero, titre, _mesures in first.PRIORITES:
        Priorite.objects.get_or_create(plan=plan, numero=numero, defaults={"titre": titre})
    document = ensure_sources(apps, fidelite.PLAN_DOC)[fidelite.PLAN_DOC]
    fidelite._plan_and_roles(apps, document)
    fidelite._mesures(apps, plan, document)  # creates the measures that are missing, as the plan says them
    return plan


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


# --- Feuilles de route territoriales ---------------------------------------------------------


def territoire_sante(code: str):
    """A seeded territoire de démocratie sanitaire, linked to the test département of the same code."""
    from acces_soins.feuilles.seed_links import ensure_seed
    from acces_soins.models import TerritoireSante

    ensure_seed()  # transactional tests flush the data seeded by migration 0005
    return TerritoireSante.objects.get(region_code="24", code=code)


def solution(ordre: int = 1, region_code: str = "32"):
    """A seeded solution: Hauts-de-France's catalogue, an inspiration for Centre-Val de Loire."""
    from acces_soins.feuilles.seed_links import ensure_seed
    from acces_soins.models import Solution

    ensure_seed()
    return Solution.objects.get(region_code=region_code, ordre=ordre)


class FeuilleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acces_soins.FeuilleDeRoute"
        django_get_or_create = ["territoire", "periode_debut"]

    territoire = factory.LazyFunction(lambda: territoire_sante("37"))
    periode_debut = datetime.date(2024, 1, 1)
    periode_fin = datetime.date(2027, 12, 31)
    statut = "adoptee"
    date_adoption = datetime.date(2024, 3, 12)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acces_soins.Action"

    feuille = factory.SubFactory(FeuilleFactory)
    numero = factory.Sequence(lambda n: n + 1)
    libelle = factory.Sequence(lambda n: f"Action de test {n}")
    theme = "prevention"
    pilote_nom = "Mme Martin"
    date_debut = datetime.date(2024, 1, 1)
    date_fin = datetime.date(2027, 6, 30)
    statut = "en_cours"


class JalonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acces_soins.Jalon"

    action = factory.SubFactory(ActionFactory)
    libelle = "Comité de lancement"
    date_prevue = datetime.date(2025, 6, 1)


def action_notes(action=None):
    """The semester notes of the roadmap actions (of one action when given)."""
    from django.contrib.contenttypes.models import ContentType

    from acces_soins.models import Action, NoteSemestrielle

    notes = NoteSemestrielle.objects.filter(content_type=ContentType.objects.get_for_model(Action))
    return notes.filter(object_id=action.pk) if action is not None else notes


def note_save(*, action, semestre, avancement, texte, statut, user):
    """Write an action's note of a semester through THE note service (it moves the action's status)."""
    from acces_soins.notes import KINDS, note_enregistrer

    return note_enregistrer(
        kind=KINDS["action"], object_id=action.pk, semestre=semestre, user=user, texte=texte, avancement=avancement,
        statut=statut,
    )  # fmt: skip


def action_note_create(*, action, semestre, avancement, texte, statut):
    from django.contrib.contenttypes.models import ContentType

    from acces_soins.models import NoteSemestrielle

    return NoteSemestrielle.objects.create(
        content_type=ContentType.objects.get_for_model(type(action)), object_id=action.pk, semestre=semestre,
        avancement=avancement, texte=texte, statut=statut,
    )  # fmt: skip
