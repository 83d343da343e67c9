import factory

from comptes.enums import OrganisationType, Role
from comptes.models import Membership, Organisation, User
from tests.territoires.factories import DepartementFactory, RegionFactory

PASSWORD = "mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["type", "nom"]
        skip_postgeneration_save = True

    type = OrganisationType.COLLECTIVITE
    nom = factory.Sequence(lambda n: f"Organisation {n}")

    class Params:
        siege = factory.Trait(
            type=OrganisationType.ARS_SIEGE, nom="ARS — siège", region=factory.SubFactory(RegionFactory)
        )
        comite = factory.Trait(type=OrganisationType.COMITE, nom="Comité d'évaluation")
        porteur = factory.Trait(type=OrganisationType.PORTEUR)

    @factory.post_generation
    def departements(self, create, extracted, **kwargs):
        if create and extracted:
            self.departements.set(extracted)


def delegation(code: str = "37", nom: str = "Indre-et-Loire") -> Organisation:
    departement = DepartementFactory(code=code, nom=nom)
    return OrganisationFactory(type=OrganisationType.DELEGATION, nom=f"Délégation {nom}", departements=[departement])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.GESTIONNAIRE
