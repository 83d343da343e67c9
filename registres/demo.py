"""FICTITIOUS registers for the demo, in two départements (37 Indre-et-Loire and 45 Loiret): real communes and
TVS, invented entries (`is_fictif=True`, names and sources say « fictif »), written through the same service as the
form and the import (zone at the date, TVS, funding ledger). The volumes are deliberately not the plan's figures
(393 maîtres de stage, 94 sites, 13 protocols). Idempotent: a register that already holds fictitious entries is left
as it is."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from comptes.models import User
from registres import models
from registres.declarations import get_registre
from registres.enums import (
    ActiviteTelemedecine,
    EtapePts,
    Financeur,
    Frequence,
    ModeExercice,
    PorteeProtocole,
    ProfessionMedecin,
    Specialite,
    Statut,
    TypeDispositifAnterieur,
    TypeMaitreStage,
    TypeMouvement,
    TypeSite,
    TypeSoinsNonProgrammes,
)
from registres.services.entrees import entree_save
from territoires.models import Commune, Departement, TerritoireVieSante

DEPARTEMENTS = {"37": "dd37@demo.ars.fr", "45": "dd45@demo.ars.fr"}
SIEGE = "siege@demo.ars.fr"
SOURCE = "Démonstration : donnée fictive"
UNIVERSITE = "Université de Tours, faculté de médecine"
MOIS = 24


class Demo:
    def __init__(self, departement: Departement, user, rng: random.Random, today: datetime.date):
        self.departement, self.user, self.rng, self.today = departement, user, rng, today
        self.communes = list(
            Commune.objects.filter(departement=departement, tvs__isnull=False)
            .select_related("departement__region")
            .order_by("-population", "code_insee")[:80]
        )

    def commune(self, index: int | None = None) -> Commune:
        return self.communes[index] if index is not None else self.rng.choice(self.communes)

    def date(self, max_days: int = 3 * 365, min_days: int = 0) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(min_days, max_days))

    def save(self, code: str, *, m2m=None, **fields):
        registre = get_registre(code)
        entree = registre.model(is_fictif=True, source=SOURCE, **fields)
        if not entree.commune_id and "departement" not in fields:
            entree.departement = self.departement
        return entree_save(registre=registre, entree=entree, by=self.user, m2m=m2m)


def _maitres(demo: Demo) -> int:
    specialites = [Specialite.MEDECINE_GENERALE] * 8 + [Specialite.PEDIATRIE, Specialite.DERMATOLOGIE]
    for number in range(1, 26):
        debut = demo.date(6 * 365, 30)
        demo.save(
            "maitres-de-stage",
            type=TypeMaitreStage.PERSONNE if number % 6 else TypeMaitreStage.CABINET,
            nom=f"Maître de stage fictif {demo.departement.code}-{number:02d}",
            specialite=demo.rng.choice(specialites),
            universite=UNIVERSITE,
            capacite=demo.rng.randint(1, 3),
            commune=demo.commune(),
            date_debut=debut,
            date_fin=debut + datetime.timedelta(days=5 * 365) if number % 7 == 0 else None,
        )
    for number in range(1, 4):
        demo.save(
            "logements-stagiaires",
            nom=f"Studio meublé fictif n° {number}",
            collectivite=f"Commune de {demo.communes[number].nom} (offre fictive)",
            places=demo.rng.randint(1, 3),
            gratuit=number == 1,
            loyer_mensuel=None if number == 1 else Decimal(demo.rng.randint(150, 320)),
            commune=demo.commune(number),
            date_debut=demo.date(400, 30),
        )
    return 28


def _msp_of(departement):
    from cpts.models import Msp

    return list(Msp.objects.filter(departement=departement, is_fictif=True).order_by("pk")[:4])


def _structures(demo: Demo) -> int:
    msp = _msp_of(demo.departement)
    types = [TypeSite.EHPAD, TypeSite.EHPAD, TypeSite.MSP, TypeSite.ETABLISSEMENT, TypeSite.CENTRE, TypeSite.CABINET]
    for number in range(1, 10):
        type_site = types[number % len(types)]
        demo.save(
            "sites-telemedecine",
            nom=f"Site de télémédecine fictif {demo.departement.code}-{number}",
            type_site=type_site,
            activite=demo.rng.choice(ActiviteTelemedecine.values),
            thematiques=demo.rng.choice(["gériatrie", "dermatologie", "plaies et cicatrisation", "psychiatrie"]),
            commune=demo.commune(),
            date_debut=demo.date(5 * 365, 10),
            statut=Statut.PROJET if number == 9 else Statut.ACTIF,
            m2m={"msp": msp[:1]} if type_site == TypeSite.MSP and msp else None,
        )
    for number, (intitule, delegant, delegue) in enumerate(
        [
            ("Bilan visuel par l'orthoptiste (fictif)", "Ophtalmologiste", "Orthoptiste"),
            ("Suivi des patients diabétiques (fictif)", "Médecin généraliste", "Infirmier"),
            ("Renouvellement de traitement en officine (fictif)", "Médecin généraliste", "Pharmacien"),
        ],
        start=1,
    ):
        demo.save(
            "protocoles-cooperation",
            nom=intitule,
            portee=PorteeProtocole.NATIONAL if number < 3 else PorteeProtocole.LOCAL,
            professions_delegantes=delegant,
            professions_deleguees=delegue,
            professionnels=demo.rng.randint(2, 12),
            commune=demo.commune(),
            date_debut=demo.date(4 * 365, 60),
            m2m={"msp": msp[number - 1 : number]} if len(msp) >= number else None,
        )
    for number in range(1, 5):
        demo.save(
            "consultations-avancees",
            specialite=demo.rng.choice([Specialite.CARDIOLOGIE, Specialite.OPHTALMOLOGIE, Specialite.PEDIATRIE]),
            structure_accueil=f"Maison de santé fictive {number}",
            msp=msp[number - 1] if len(msp) >= number else None,
            origine="Centre hospitalier fictif",
            frequence=demo.rng.choice(Frequence.values),
            commune=demo.commune(),
            date_debut=demo.date(3 * 365, 30),
        )
    return 16


def _territoires(demo: Demo) -> int:
    communes = demo.communes
    epci_communes = [commune for commune in communes if commune.epci_id == communes[0].epci_id][:20]
    demo.save(
        "soins-non-programmes",
        type=TypeSoinsNonProgrammes.SECTEUR_PDSA,
        nom=f"Secteur de garde fictif {demo.departement.code}-1",
        horaires="Soirs de semaine 20 h – 24 h, week-ends et jours fériés",
        effecteurs=demo.rng.randint(8, 25),
        regulation=True,
        departement=demo.departement,
        date_debut=demo.date(6 * 365, 365),
        m2m={"communes": epci_communes},
    )
    demo.save(
        "soins-non-programmes",
        type=TypeSoinsNonProgrammes.MMG,
        nom=f"Maison médicale de garde fictive de {communes[0].nom}",
        horaires="Samedi 12 h – 20 h, dimanche 8 h – 20 h",
        effecteurs=demo.rng.randint(10, 30),
        regulation=True,
        commune=communes[0],
        date_debut=demo.date(5 * 365, 200),
    )
    demo.save(
        "soins-non-programmes",
        type=TypeSoinsNonProgrammes.SAS,
        nom=f"Service d'accès aux soins fictif ({demo.departement.nom})",
        porteur="Centre hospitalier fictif",
        regulation=True,
        departement=demo.departement,
        date_debut=demo.date(2 * 365, 100),
    )
    dac = demo.save(
        "dac",
        nom=f"DAC fictif {demo.departement.nom}",
        porteur="Association fictive d'appui à la coordination",
        departement=demo.departement,
        date_debut=datetime.date(2021, 7, 1),
        m2m={"communes": epci_communes},
    )
    for type_, nom, year in (
        (TypeDispositifAnterieur.PTA, "Plateforme territoriale d'appui fictive", 2021),
        (TypeDispositifAnterieur.MAIA, "MAIA fictive", 2021),
        (TypeDispositifAnterieur.RESEAU, "Réseau de soins palliatifs fictif", 2022),
    ):
        models.DispositifFusionne.objects.create(dac=dac, type=type_, nom=nom, date_fusion=datetime.date(year, 7, 1))
    ght = demo.save(
        "ght",
        nom=f"GHT fictif {demo.departement.nom}",
        etablissement_support="Centre hospitalier support fictif",
        departement=demo.departement,
        date_debut=datetime.date(2016, 7, 1),
    )
    for number, commune in enumerate(communes[:4], start=1):
        models.EtablissementGht.objects.create(ght=ght, nom=f"Centre hospitalier fictif n° {number}", commune=commune)
    projet = demo.save(
        "projets-territoriaux",
        nom=f"Projet territorial de santé fictif — {demo.departement.nom}",
        conseil_territorial=f"Conseil territorial de santé fictif — {demo.departement.nom}",
        departement=demo.departement,
        date_debut=datetime.date(2023, 1, 1),
        date_fin=datetime.date(2027, 12, 31),
    )
    for etape, date in (
        (EtapePts.DIAGNOSTIC, datetime.date(2022, 6, 30)),
        (EtapePts.AVIS_CTS, datetime.date(2022, 11, 15)),
        (EtapePts.ADOPTION, datetime.date(2023, 1, 10)),
        (EtapePts.MISE_EN_OEUVRE, datetime.date(2023, 2, 1)),
    ):
        models.EtapeProjet.objects.create(projet=projet, etape=etape, date=date)
    return 6


def _enveloppe(region, departements, today):
    """A fictitious ARS envelope of the aid contracts (made-up amount), opened to the two départements."""
    from financements.enums import Financeur as LedgerFinanceur
    from financements.enums import Programme
    from financements.models import Enveloppe
    from financements.services import enveloppe_create

    libelle = f"Aides à l'installation {today.year} — {region.nom} (fictif)"
    existing = Enveloppe.objects.filter(libelle=libelle).first()
    if existing is not None:
        return existing
    siege = User.objects.filter(email=SIEGE).first()
    return enveloppe_create(
        financeur=LedgerFinanceur.ARS_FIR,
        annee=today.year,
        libelle=libelle,
        montant=Decimal("456789"),
        region=region,
        departements=departements,
        by=siege,
        programmes=[Programme.CONTRAT_AIDE],
        notes="Enveloppe fictive de démonstration.",
        is_fictif=True,
    )


def _contrats(demo: Demo, enveloppe) -> list:
    from zonage.models import Aide

    aides = {aide.code: aide for aide in Aide.objects.filter(code__in=models.AIDES_CONTRATS)}
    plan = [
        ("CAIM", Financeur.ASSURANCE_MALADIE, 50000),
        ("CAIM", Financeur.ASSURANCE_MALADIE, 31250),
        ("COSCOM", Financeur.ASSURANCE_MALADIE, 15000),
        ("COTRAM", Financeur.ASSURANCE_MALADIE, 20000),
        ("CSTM", Financeur.ASSURANCE_MALADIE, 12000),
        ("CESP", Financeur.ETAT, 28800),
        ("CESP", Financeur.ETAT, 43200),
        ("PTMG", Financeur.ETAT, None),
        ("L1511-8", Financeur.DEPARTEMENT, 10000),
        ("L1511-8", Financeur.COMMUNE, 5000),
        ("CAIM", Financeur.ARS, 8000),
    ]
    contrats = []
    for number, (code, financeur, montant) in enumerate(plan, start=1):
        if code not in aides:
            continue
        signature = demo.date(MOIS * 30, 15)
        contrats.append(
            demo.save(
                "contrats-aide",
                aide=aides[code],
                beneficiaire_nom=f"Bénéficiaire fictif {demo.departement.code}-{number:02d}",
                date_signature=signature,
                date_debut=signature,
                date_fin=signature + datetime.timedelta(days=5 * 365) if code == "CAIM" else None,
                montant=Decimal(montant) if montant else None,
                financeur=financeur,
                financeur_nom=f"Conseil départemental fictif ({demo.departement.nom})"
                if financeur == Financeur.DEPARTEMENT
                else (f"Commune de {demo.communes[number].nom} (fictif)" if financeur == Financeur.COMMUNE else ""),
                enveloppe=enveloppe if financeur == Financeur.ARS else None,
                commune=demo.commune(),
            )
        )
    return contrats


def _effectifs_et_mouvements(demo: Demo, contrats) -> int:
    """A census of each TVS two years ago, then two years of movements; one small TVS loses its last GP and one
    has many GPs aged 60 and over (alerts)."""
    debut = demo.today - datetime.timedelta(days=MOIS * 30)
    tvs_list = list(TerritoireVieSante.objects.filter(communes__in=demo.communes).distinct().order_by("code")[:8])
    communes_of = {tvs.pk: [c for c in demo.communes if c.tvs_id == tvs.pk] for tvs in tvs_list}
    for index, tvs in enumerate(tvs_list):
        total = 1 if index == 0 else demo.rng.randint(6, 30)
        seniors = total - 1 if index == 1 else demo.rng.randint(0, total // 3)
        demo.save(
            "effectifs-tvs",
            tvs=tvs,
            medecins_generalistes=total,
            dont_60_ans_et_plus=seniors if index != 2 else None,
            departement=demo.departement,
            date_debut=debut,
        )
    count = 0
    last_gp = communes_of[tvs_list[0].pk][0] if tvs_list else demo.commune()
    demo.save(
        "mouvements-medecins",
        type_mouvement=TypeMouvement.RETRAITE,
        profession=ProfessionMedecin.GENERALISTE,
        mode=ModeExercice.LIBERAL,
        annee_naissance=demo.today.year - 68,
        commune=last_gp,
        date_debut=demo.today - datetime.timedelta(days=40),
    )
    busy = [commune for tvs in tvs_list[1:] for commune in communes_of[tvs.pk]] or demo.communes
    kinds = [TypeMouvement.INSTALLATION] * 9 + [TypeMouvement.DEPART] * 5 + [TypeMouvement.RETRAITE] * 5
    for month in range(MOIS):
        for _ in range(demo.rng.randint(1, 4)):
            day = debut + datetime.timedelta(days=month * 30 + demo.rng.randint(1, 28))
            if day > demo.today:
                continue
            kind = demo.rng.choice(kinds)
            named = demo.rng.random() < 0.3
            count += 1
            demo.save(
                "mouvements-medecins",
                type_mouvement=kind,
                profession=ProfessionMedecin.GENERALISTE if demo.rng.random() < 0.8 else ProfessionMedecin.SPECIALISTE,
                mode=demo.rng.choice(ModeExercice.values),
                nom=f"Médecin fictif {demo.departement.code}-{count:03d}" if named else "",
                annee_naissance=(demo.today.year - (66 if kind == TypeMouvement.RETRAITE else 38)) if named else None,
                commune=demo.rng.choice(busy),
                date_debut=day,
                m2m={"aides": contrats[:1]} if kind == TypeMouvement.INSTALLATION and count == 3 and contrats else None,
            )
    return count + 1


@transaction.atomic
def load_demo_registres() -> dict[str, int]:
    """Create the fictitious registers of 37 and 45 once; {register code: entries created}."""
    today = timezone.localdate()
    created: dict[str, int] = {}
    departements = list(Departement.objects.filter(code__in=DEPARTEMENTS).select_related("region").order_by("code"))
    if not departements:
        return created
    if models.MouvementMedecin.objects.filter(is_fictif=True).exists():
        return created  # already loaded: idempotent
    enveloppe = _enveloppe(departements[0].region, departements, today)
    for number, departement in enumerate(departements):
        user = (
            User.objects.filter(email=DEPARTEMENTS[departement.code]).first()
            or User.objects.filter(email=SIEGE).first()
        )
        demo = Demo(departement, user, random.Random(20 + number), today)
        if not demo.communes:
            continue
        created[f"stages {departement.code}"] = _maitres(demo)
        created[f"structures {departement.code}"] = _structures(demo)
        created[f"territoires {departement.code}"] = _territoires(demo)
        contrats = _contrats(demo, enveloppe)
        created[f"contrats {departement.code}"] = len(contrats)
        created[f"mouvements {departement.code}"] = _effectifs_et_mouvements(demo, contrats)
    return created
