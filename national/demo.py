"""The second demo région: Bretagne (53), FICTITIOUS programmes on real geography. Deterministic, idempotent.

Run after `ouvrir_region 53` (its siège, délégations and identity) on the geography of `import_territoires --region
53`. It adds the demo accounts of the multi-région deployment (the Bretagne siège and délégation, the ministry),
a few CLS, CPTS and MSP, an FIR envelope, a médecin zonage arrêté (by commune) and indicator values. Nothing here is
an official figure or classification; every name ends with « (fictif) »."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from comptes.demo import DEMO_PASSWORD
from comptes.enums import OrganisationType, Role
from comptes.models import IdentiteRegionale, Membership, Organisation, User
from territoires.models import EPCI, Commune, Departement, Region

REGION_CODE = "53"
FICTIF = "(fictif)"
NATIONAL_ORGANISATION = "Ministère chargé de la santé — DGOS (fictif)"
# (email, first name, last name, organisation key, role)
ACCOUNTS = [
    ("siege-bretagne@demo.ars.fr", "Gwenaëlle", "Siège-Bretagne", "siege", Role.GESTIONNAIRE),
    ("dd35@demo.ars.fr", "Yann", "Ille-et-Vilaine", "dd35", Role.GESTIONNAIRE),
    ("national@demo.sante.gouv.fr", "Morgane", "DGOS", "national", Role.LECTURE),
]
CLS_STAGES = ["mise_en_oeuvre", "signe", "evaluation"]  # all three signed and in force
ZONAGE_REFERENCE = f"ARS-BZH-ZONAGE-MG-2023 {FICTIF}"
ZONAGE_TARGETS = [("ZIP", 0.09), ("ZAC", 0.31), ("ZV", 0.62)]  # fictitious cumulative shares


def _organisations(region: Region) -> dict[str, Organisation]:
    siege = Organisation.objects.get(type=OrganisationType.ARS_SIEGE, region=region)
    dd35 = Organisation.objects.filter(type=OrganisationType.DELEGATION, departements__code="35").first()
    national, _ = Organisation.objects.get_or_create(type=OrganisationType.NATIONAL, nom=NATIONAL_ORGANISATION)
    return {"siege": siege, "dd35": dd35, "national": national}


def _accounts(region: Region, password: str) -> User:
    organisations = _organisations(region)
    for email, first_name, last_name, key, role in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user, organisation=organisations[key], defaults={"role": role, "is_active": True}
        )
    return User.objects.get(email=ACCOUNTS[0][0])


def _identite(region: Region) -> None:
    identite = IdentiteRegionale.objects.get(region=region)
    identite.email_contact = "contact-bretagne@demo.ars.fr"
    identite.email_expediteur = "ne-pas-repondre-bretagne@demo.ars.fr"
    identite.source = "Démonstration : adresses FICTIVES ; les coordonnées réelles de l'agence sont à confirmer."
    identite.a_confirmer = True
    identite.save()


def _top_epcis(departement: Departement, count: int):
    return list(
        EPCI.objects.filter(communes__departement=departement)
        .annotate(pop=Sum("communes__population"))
        .order_by("-pop", "nom")
        .distinct()[:count]
    )


def _cls(region: Region, user: User, today: datetime.date) -> int:
    from cls.demo import _history
    from cls.models import ContratLocalSante
    from cls.services.contrats import contrat_perimetre_set, end_date
    from territoires.services import communes_of, population_of

    created = 0
    departements = list(Departement.objects.filter(region=region).order_by("code"))
    for index, (departement, stage) in enumerate(zip(departements, CLS_STAGES, strict=False)):
        for epci in _top_epcis(departement, 1):
            nom = f"CLS {epci.nom} {FICTIF}"
            if ContratLocalSante.objects.filter(nom=nom).exists():
                continue
            porteur, _ = Organisation.objects.get_or_create(
                type=OrganisationType.COLLECTIVITE, nom=f"{epci.nom} (collectivité fictive)", defaults={"epci": epci}
            )
            perimetre = communes_of(epcis=[epci])
            start = datetime.date(today.year - 1 - index % 2, 3 + index, 15)
            contrat = ContratLocalSante.objects.create(
                nom=nom,
                porteur=porteur,
                departement=departement,
                population=population_of(perimetre),
                etape=stage,
                date_signature=start,
                duree_annees=5,
                date_fin=end_date(start, 5),
                is_fictif=True,
            )
            contrat_perimetre_set(contrat=contrat, communes=perimetre)
            _history(contrat, stage, user, start, today)
            created += 1
    return created


def _cpts(region: Region, user: User, today: datetime.date) -> int:
    from cpts.models import Cpts, Mission
    from cpts.services.registre import aci_sign, cpts_advance, cpts_create

    created = 0
    departements = list(Departement.objects.filter(region=region).order_by("-code"))[:2]
    for index, departement in enumerate(departements):
        for epci in _top_epcis(departement, 2)[1:]:
            nom = f"CPTS {epci.nom} {FICTIF}"
            if Cpts.objects.filter(nom=nom).exists():
                continue
            porteur, _ = Organisation.objects.get_or_create(type=OrganisationType.PORTEUR, nom=f"Association {nom}")
            porteur.departements.add(departement)
            communes = list(Commune.objects.filter(epci=epci, departement=departement))
            start = datetime.date(today.year - 3, 1 + index, 10)
            cpts = cpts_create(nom=nom, porteur=porteur, departement=departement, by=user, communes=communes, on=start)
            for offset, etape in enumerate(("lettre_intention", "lettre_validee", "projet_depose", "projet_valide")):
                cpts_advance(
                    cpts=cpts, to_etape=etape, date=start + datetime.timedelta(days=30 * (offset + 1)), by=user
                )
            aci_sign(
                cpts=cpts,
                date=start + datetime.timedelta(days=180),
                by=user,
                optionnelles=list(Mission.objects.filter(code="qualite")),
            )
            created += 1
    return created


def _msp(region: Region) -> int:
    from cpts.enums import Profession, StatutMsp
    from cpts.models import Msp, ProfessionnelMsp, SiteMsp

    created = 0
    for departement in Departement.objects.filter(region=region).order_by("code"):
        commune = Commune.objects.filter(departement=departement).order_by("-population", "code_insee")[1:2].first()
        if commune is None:
            continue
        nom = f"MSP de {commune.nom} {FICTIF}"
        if Msp.objects.filter(nom=nom).exists():
            continue
        msp = Msp.objects.create(nom=nom, departement=departement, statut=StatutMsp.EN_FONCTIONNEMENT)
        SiteMsp.objects.create(msp=msp, commune=commune, adresse="1 place de la Mairie (adresse fictive)")
        ProfessionnelMsp.objects.create(msp=msp, profession=Profession.MEDECIN_GENERALISTE, nombre=3)
        ProfessionnelMsp.objects.create(msp=msp, profession=Profession.INFIRMIER, nombre=2)
        created += 1
    return created


def _financements(region: Region, user: User, today: datetime.date) -> int:
    from financements import services
    from financements.enums import Programme
    from financements.models import Enveloppe

    libelle = f"Plans d'action CLS et CPTS {today.year} {FICTIF}"
    if Enveloppe.objects.filter(region=region, libelle=libelle).exists():
        return 0
    departements = list(Departement.objects.filter(region=region))
    enveloppe = services.enveloppe_create(
        financeur="ars_fir",
        annee=today.year,
        libelle=libelle,
        montant=Decimal("1800000"),
        region=region,
        departements=departements,
        by=user,
    )
    for index, departement in enumerate(departements[:3]):
        beneficiaire = services.beneficiaire_create(
            programme=Programme.CLS_INGENIERIE,
            libelle=f"Ingénierie CLS {departement.nom} {FICTIF}",
            departement=departement,
        )
        services.engagement_add(
            enveloppe=enveloppe,
            beneficiaire=beneficiaire,
            montant=Decimal(40000 + 15000 * index),
            date_decision=datetime.date(today.year, 1, 15),
            by=user,
        )
    return 1


def _zonage(region: Region, user: User) -> int:
    from zonage.demo import _arrete, _assign, _classify, _history, _key
    from zonage.enums import ArreteStatut
    from zonage.models import Profession

    medecin = Profession.objects.get(code="medecin-generaliste")
    arrete = _arrete(
        region,
        medecin,
        ZONAGE_REFERENCE,
        "Arrêté FICTIF de démonstration — zonage des médecins généralistes (Bretagne)",
        "2021-10",
        datetime.date(2023, 3, 20),
        datetime.date(2023, 4, 1),
        ArreteStatut.PUBLIE,
    )
    communes = Commune.objects.filter(departement__region=region).only("pk", "code_insee", "population")
    ranked = sorted(((c, c.population or 0) for c in communes), key=lambda item: _key(item[0].code_insee))
    rows = _assign(ranked, ZONAGE_TARGETS, "HC")
    _classify(arrete, rows, "commune")
    _history(arrete, [ArreteStatut.CONCERTATION, ArreteStatut.PUBLIE], user)
    return len(rows)


@transaction.atomic
def load_demo_bretagne(*, password: str = DEMO_PASSWORD) -> dict[str, int]:
    from indicateurs.demo import create_demo_indicateurs

    region = Region.objects.get(code=REGION_CODE)
    today = timezone.localdate()
    user = _accounts(region, password)
    _identite(region)
    return {
        "CLS": _cls(region, user, today),
        "CPTS": _cpts(region, user, today),
        "MSP": _msp(region),
        "enveloppes": _financements(region, user, today),
        "communes classées": _zonage(region, user),
        "valeurs d'indicateurs": create_demo_indicateurs(REGION_CODE),
    }
