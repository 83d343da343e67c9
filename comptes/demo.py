"""Demo organisations and accounts (fictitious people, real territories). Idempotent."""

from dataclasses import dataclass

from django.db import transaction

from comptes.enums import OrganisationType, Role
from comptes.models import Membership, Organisation, User
from territoires.models import EPCI, Departement, Region

REGION_CODE = "24"
DEMO_PASSWORD = "demo-sante-territoires"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    description: str
    is_staff: bool = False


# Collectivités are keyed by their real EPCI SIREN (COG 2026).
EPCI_LOCHES_SUD_TOURAINE = "200071587"
EPCI_CHINON_VIENNE_LOIRE = "200043081"

ORGANISATIONS = {
    "siege": (OrganisationType.ARS_SIEGE, "ARS Centre-Val de Loire — siège"),
    "dd37": (OrganisationType.DELEGATION, "ARS — délégation départementale d'Indre-et-Loire"),
    "dd45": (OrganisationType.DELEGATION, "ARS — délégation départementale du Loiret"),
    "collectivite": (OrganisationType.COLLECTIVITE, EPCI_LOCHES_SUD_TOURAINE),
    "collectivite2": (OrganisationType.COLLECTIVITE, EPCI_CHINON_VIENNE_LOIRE),
    "cpts": (OrganisationType.PORTEUR, "Association CPTS Touraine Sud (fictive)"),
    "comite": (OrganisationType.COMITE, "Comité d'évaluation du plan d'accès aux soins"),
    "cpam": (OrganisationType.PARTENAIRE, "CPAM d'Indre-et-Loire (fictive)"),
    "urps": (OrganisationType.PARTENAIRE, "URPS médecins libéraux Centre-Val de Loire (fictive)"),
}
REGION_DEPARTEMENTS = ["18", "28", "36", "37", "41", "45"]
OTHER_DELEGATIONS = {
    "18": "ARS — délégation départementale du Cher",
    "28": "ARS — délégation départementale d'Eure-et-Loir",
    "36": "ARS — délégation départementale de l'Indre",
    "41": "ARS — délégation départementale de Loir-et-Cher",
}

ACCOUNTS = [
    DemoAccount(
        "siege@demo.ars.fr",
        "Camille",
        "Siège",
        "siege",
        Role.GESTIONNAIRE,
        "ARS siège, gestionnaire (toute la région, administration)",
        is_staff=True,
    ),
    DemoAccount(
        "dd37@demo.ars.fr",
        "Dominique",
        "Indre-et-Loire",
        "dd37",
        Role.GESTIONNAIRE,
        "Délégation départementale d'Indre-et-Loire",
    ),
    DemoAccount("dd45@demo.ars.fr", "Loïc", "Loiret", "dd45", Role.GESTIONNAIRE, "Délégation départementale du Loiret"),
    DemoAccount(
        "collectivite@demo.fr",
        "Claire",
        "Collectivité",
        "collectivite",
        Role.GESTIONNAIRE,
        "Collectivité d'Indre-et-Loire (CC Loches Sud Touraine)",
    ),
    DemoAccount(
        "collectivite2@demo.fr",
        "Bastien",
        "Collectivité",
        "collectivite2",
        Role.SAISIE,
        "Autre collectivité (CC Chinon, Vienne et Loire)",
    ),
    DemoAccount("cpts@demo.fr", "Inès", "Porteuse", "cpts", Role.GESTIONNAIRE, "Porteur CPTS (association fictive)"),
    DemoAccount("comite@demo.fr", "Hugo", "Comité", "comite", Role.LECTURE, "Comité d'évaluation (lecture)"),
    DemoAccount(
        "cpam@demo.fr",
        "Nadia",
        "Assurance-Maladie",
        "cpam",
        Role.GESTIONNAIRE,
        "Partenaire : CPAM d'Indre-et-Loire (fictive), co-instruit les lettres CPTS du 37",
    ),
    DemoAccount(
        "urps@demo.fr",
        "Paul",
        "URPS",
        "urps",
        Role.GESTIONNAIRE,
        "Partenaire : URPS médecins libéraux (fictive), co-instruit les lettres CPTS de la région",
    ),
]


def _organisation(key: str, region: Region) -> Organisation:
    org_type, name_or_siren = ORGANISATIONS[key]
    if org_type == OrganisationType.COLLECTIVITE:
        epci = EPCI.objects.get(siren=name_or_siren)
        organisation, _ = Organisation.objects.update_or_create(
            type=org_type, nom=epci.nom, defaults={"epci": epci, "siren": epci.siren}
        )
        organisation.departements.set(Departement.objects.filter(communes__epci=epci).distinct())
        return organisation
    organisation, _ = Organisation.objects.update_or_create(
        type=org_type, nom=name_or_siren, defaults={"region": region}
    )
    if key == "urps":
        organisation.departements.set(Departement.objects.filter(code__in=REGION_DEPARTEMENTS))
    elif key in ("dd37", "cpts", "cpam"):
        organisation.departements.set(Departement.objects.filter(code="37"))
    elif key == "dd45":
        organisation.departements.set(Departement.objects.filter(code="45"))
    return organisation


@transaction.atomic
def create_demo_accounts(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    region = Region.objects.get(code=REGION_CODE)
    organisations = {key: _organisation(key, region) for key in ORGANISATIONS}
    for code, name in OTHER_DELEGATIONS.items():
        delegation, _ = Organisation.objects.update_or_create(
            type=OrganisationType.DELEGATION, nom=name, defaults={"region": region}
        )
        delegation.departements.set(Departement.objects.filter(code=code))
    for account in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": account.is_staff,
                "is_superuser": account.is_staff,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user,
            organisation=organisations[account.organisation],
            defaults={"role": account.role, "is_active": True},
        )
    return ACCOUNTS
