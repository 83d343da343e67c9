"""Organisations, accounts and memberships: every region's ARS siège, délégations and comité, the partners, the
collectivités (one per EPCI picked) and the CPTS/MSP porteurs. Every person is fictitious (@bench.invalid)."""

from django.contrib.auth.hashers import make_password

from bench.dataset.context import DOMAIN, Context
from comptes.enums import OrganisationType, Role
from comptes.models import Membership, Organisation, User

PASSWORD = "bench-sante-territoires"
ROLES = [Role.GESTIONNAIRE, Role.SAISIE, Role.LECTURE]
FIRST_NAMES = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Maxime", "Charlie", "Morgan", "Lou", "Noa"]


def persona_email(key: str, index: int = 1) -> str:
    """The e-mail of a generated account: persona_email("siege-24") → siege-24-1@bench.invalid."""
    return f"{key}-{index}@{DOMAIN}"


class People:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.organisations: list[dict] = []
        self.departements_of: list[tuple[int, int]] = []
        self.users: list[dict] = []
        self.memberships: list[tuple[int, int, str]] = []
        self.commune_links: list[tuple[int, int]] = []
        # one hash for every account (fixed salt: the same seed writes the same rows)
        self.password = make_password(PASSWORD, salt="benchdataset")

    def organisation(self, key: str, type_: str, nom: str, *, region_id=None, epci_id=None, departements=()):
        (pk,) = self.ctx.writer.ids(Organisation, 1)
        self.organisations.append(
            {"id": pk, "type": type_, "nom": nom, "region_id": region_id, "epci_id": epci_id, "is_active": True}
        )
        self.departements_of.extend((pk, departement_id) for departement_id in departements)
        self.ctx.orgs[key] = pk
        return pk

    def accounts(self, key: str, organisation_id: int, count: int, *, roles=ROLES) -> list[int]:
        ids = self.ctx.writer.ids(User, count)
        for index, pk in enumerate(ids):
            self.users.append(
                {
                    "id": pk,
                    "email": persona_email(key, index + 1),
                    "first_name": FIRST_NAMES[(pk + index) % len(FIRST_NAMES)],
                    "last_name": f"Fictif {key}-{index + 1}",
                    "password": self.password,
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "date_joined": self.ctx.writer.now,
                }
            )
            self.memberships.append((pk, organisation_id, roles[index % len(roles)]))
        self.ctx.users[key].extend(ids)
        return ids

    def write(self) -> None:
        writer = self.ctx.writer
        writer.insert(Organisation, self.organisations)
        writer.link(Organisation._meta.get_field("departements"), self.departements_of)
        writer.link(Organisation._meta.get_field("communes"), self.commune_links)
        writer.insert(User, self.users)
        membership_ids = writer.ids(Membership, len(self.memberships))
        writer.insert(
            Membership,
            (
                {"id": pk, "user_id": user, "organisation_id": org, "role": role, "is_active": True}
                for pk, (user, org, role) in zip(membership_ids, self.memberships, strict=True)
            ),
        )


def create_people(ctx: Context) -> None:
    config, people = ctx.config, People(ctx)
    per_office = config.users_per_office
    for region in ctx.regions:
        deps = [d.id for d in region.departements]
        siege = people.organisation(
            f"siege-{region.code}",
            OrganisationType.ARS_SIEGE,
            f"ARS {region.nom} — siège (fictif)",
            region_id=region.id,
        )
        people.accounts(f"siege-{region.code}", siege, per_office)
        comite = people.organisation(
            f"comite-{region.code}",
            OrganisationType.COMITE,
            f"Comité d'évaluation — {region.nom} (fictif)",
            region_id=region.id,
        )
        people.accounts(f"comite-{region.code}", comite, max(1, per_office // 2 + 1), roles=[Role.LECTURE])
        urps = people.organisation(
            f"urps-{region.code}",
            OrganisationType.PARTENAIRE,
            f"URPS médecins libéraux — {region.nom} (fictive)",
            region_id=region.id,
            departements=deps,
        )
        people.accounts(f"urps-{region.code}", urps, 1)
        for departement in region.departements:
            dd = people.organisation(
                f"dd-{departement.code}",
                OrganisationType.DELEGATION,
                f"ARS — délégation départementale {departement.nom} (fictive)",
                region_id=region.id,
                departements=[departement.id],
            )
            people.accounts(f"dd-{departement.code}", dd, per_office)
            cpam = people.organisation(
                f"cpam-{departement.code}",
                OrganisationType.PARTENAIRE,
                f"CPAM {departement.nom} (fictive)",
                departements=[departement.id],
            )
            people.accounts(f"cpam-{departement.code}", cpam, 1)
    # Collectivités: EPCI picked evenly over the regions (the largest EPCI first inside each région slice).
    for epci in ctx.spread(ctx.epcis, config.collectivites):
        key = f"collectivite-{epci.siren}"
        org = people.organisation(
            key,
            OrganisationType.COLLECTIVITE,
            f"{epci.nom} ({epci.siren}) — collectivité fictive",
            epci_id=epci.id,
            departements=epci.departement_ids,
        )
        people.accounts(key, org, 2)
        ctx.collectivites.append((org, epci))
    # Beyond one per EPCI: communes (the largest of each département first, in turn over the départements).
    missing = config.collectivites - len(ctx.collectivites)
    if missing > 0:
        ranked = [
            sorted(ctx.communes_by_departement[d], key=lambda c: (-c.population, c.code)) for d in ctx.departements
        ]
        picked = [row[rank] for rank in range(max(map(len, ranked), default=0)) for row in ranked if rank < len(row)]
        for commune in picked[:missing]:
            key = f"commune-{commune.code}"
            org = people.organisation(
                key,
                OrganisationType.COLLECTIVITE,
                f"Commune de {commune.nom} ({commune.code}) — collectivité fictive",
                departements=[commune.departement_id],
            )
            people.commune_links.append((org, commune.id))
            people.accounts(key, org, 1)
    people.write()


def create_porteur(people_rows: People, key: str, nom: str, departement_id: int) -> int:
    org = people_rows.organisation(key, OrganisationType.PORTEUR, nom, departements=[departement_id])
    people_rows.accounts(key, org, 1)
    return org
