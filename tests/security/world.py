"""The fixture world of the access matrix: two of everything, built once per test module.

Two régions (A = Centre-Val de Loire 24 with 37 and 45, B = Bretagne 53 with 29 and 35), two sièges,
two délégations, two collectivités (plus one in région B), two CPTS porteurs, two partners, one comité,
dossiers in every state, contracts, CPTS, MSP, funding, arrêtés, feuilles de route, bilans, indicators and the
semester reporting campaigns (world_campagne).

Every non-public name of région A carries the marker « RGA- », of région B « RGB- »: a persona of one
région must never receive a page containing the other région's marker (see test_access_matrix).
"""

import datetime
import importlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile

from comptes.enums import OrganisationType, Role
from tests.comptes.factories import OrganisationFactory
from tests.instruction.factories import pdf_bytes, pdf_upload
from tests.security.world_campagne import build_campagnes
from tests.security.world_dossiers import build_dossiers
from tests.territoires.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory
from tests.worlds import bilan_regional, consultation_prete, member, portrait_pret, synthese_nationale

MARKER_A, MARKER_B = "RGA-", "RGB-"

PERSONAS = [
    "anonymous",
    "siege_a",
    "siege_b",
    "dd37",
    "dd45",
    "coll_a_gest",
    "coll_a_saisie",
    "coll_b",
    "cpts",
    "cpam",
    "urps",
    "comite",
    "national",
    "inactive",
]
# The région each persona works in (the other région's marker must never reach it).
REGION_OF = {
    "siege_a": "A",
    "siege_b": "B",
    "dd37": "A",
    "dd45": "A",
    "coll_a_gest": "A",
    "coll_a_saisie": "A",
    "coll_b": "A",
    "cpts": "A",
    "cpam": "A",
    "urps": "A",
    "comite": "A",
}


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


def ensure_seeds() -> None:
    """The data migrations' rows (plan, territories, catalogues) are flushed by transactional tests: put
    them back when missing."""
    from acces_soins.models import Plan
    from cls.models import Thematique
    from indicateurs.models import Indicateur
    from tests.acces_soins.factories import ensure_plan_seed
    from tests.cpts.conftest import ensure_reference_data as ensure_cpts
    from tests.zonage.conftest import ensure_reference_data as ensure_zonage

    if not Plan.objects.filter(region_code="24").exists():
        ensure_plan_seed()
    if not Thematique.objects.exists():
        importlib.import_module("cls.migrations.0003_seed_parametres_thematiques").seed(apps, None)
    catalogue = importlib.import_module("indicateurs.migrations.0002_seed_catalogue")
    if Indicateur.objects.filter(code__in=[row[0] for row in catalogue.CATALOGUE]).count() < len(catalogue.CATALOGUE):
        catalogue.seed(apps, None)
    ensure_zonage()
    ensure_cpts()


def _territory(w: World) -> None:
    region_a = RegionFactory(code="24", nom="Centre-Val de Loire")
    region_b = RegionFactory(code="53", nom="Bretagne")
    deps = {
        "37": DepartementFactory(code="37", nom="Indre-et-Loire", region=region_a),
        "45": DepartementFactory(code="45", nom="Loiret", region=region_a),
        "29": DepartementFactory(code="29", nom="Finistère", region=region_b),
        "35": DepartementFactory(code="35", nom="Ille-et-Vilaine", region=region_b),
    }
    epcis = {
        "37": EpciFactory(siren="200071587", nom="CC Loches Sud Touraine", population=51_000),
        "45": EpciFactory(siren="244500468", nom="Orléans Métropole", population=290_000),
        "35": EpciFactory(siren="243500139", nom="Rennes Métropole", population=230_000),
        "29": EpciFactory(siren="242900314", nom="Brest Métropole", population=210_000),
    }
    communes = {
        "37": CommuneFactory(code_insee="37132", nom="Loches", departement=deps["37"], epci=epcis["37"]),
        "45": CommuneFactory(code_insee="45234", nom="Orléans", departement=deps["45"], epci=epcis["45"]),
        "35": CommuneFactory(code_insee="35238", nom="Rennes", departement=deps["35"], epci=epcis["35"]),
        "29": CommuneFactory(code_insee="29019", nom="Brest", departement=deps["29"], epci=epcis["29"]),
    }
    w.objects.update(region_a=region_a, region_b=region_b)
    w.objects.update({f"dep{code}": dep for code, dep in deps.items()})
    w.objects.update({f"epci{code}": epci for code, epci in epcis.items()})
    w.objects.update({f"commune{code}": commune for code, commune in communes.items()})


def _organisations(w: World) -> None:
    o = w.objects
    org = OrganisationFactory
    o["org_siege_a"] = org(type=OrganisationType.ARS_SIEGE, nom="ARS RGA- siège", region=o["region_a"])
    o["org_siege_b"] = org(type=OrganisationType.ARS_SIEGE, nom="ARS RGB- siège", region=o["region_b"])
    o["org_dd37"] = org(type=OrganisationType.DELEGATION, nom="RGA- délégation 37", departements=[o["dep37"]])
    o["org_dd45"] = org(type=OrganisationType.DELEGATION, nom="RGA- délégation 45", departements=[o["dep45"]])
    o["org_dd35"] = org(type=OrganisationType.DELEGATION, nom="RGB- délégation 35", departements=[o["dep35"]])
    o["org_coll_a"] = org(type=OrganisationType.COLLECTIVITE, nom="RGA- CC Loches Sud Touraine", epci=o["epci37"])
    o["org_coll_b"] = org(type=OrganisationType.COLLECTIVITE, nom="RGA- Orléans Métropole", epci=o["epci45"])
    o["org_coll_rb"] = org(type=OrganisationType.COLLECTIVITE, nom="RGB- Rennes Métropole", epci=o["epci35"])
    o["org_cpts_a"] = org(type=OrganisationType.PORTEUR, nom="RGA- Association CPTS", departements=[o["dep37"]])
    o["org_cpts_b"] = org(type=OrganisationType.PORTEUR, nom="RGB- Association CPTS", departements=[o["dep35"]])
    o["org_cpam"] = org(type=OrganisationType.PARTENAIRE, nom="RGA- CPAM 37", departements=[o["dep37"]])
    o["org_cpam_b"] = org(type=OrganisationType.PARTENAIRE, nom="RGB- CPAM 35", departements=[o["dep35"]])
    o["org_urps"] = org(
        type=OrganisationType.PARTENAIRE, nom="RGA- URPS médecins", departements=[o["dep37"], o["dep45"]]
    )
    o["org_comite"] = org(type=OrganisationType.COMITE, nom="RGA- comité d'évaluation", region=o["region_a"])
    # The ministry reads across régions (no REGION_OF: both régions' markers may reach it, on its own pages only).
    o["org_national"] = org(type=OrganisationType.NATIONAL, nom="Ministère — DGOS")


def _personas(w: World) -> None:
    o = w.objects

    def persona(key, organisation, role=Role.GESTIONNAIRE, **extra):
        email = f"{key.replace('_', '-')}@matrice.test"
        w.users[key] = member(email=email, organisation=o[organisation], role=role, **extra)

    persona("siege_a", "org_siege_a")
    persona("siege_b", "org_siege_b")
    persona("dd37", "org_dd37")
    persona("dd45", "org_dd45")
    persona("coll_a_gest", "org_coll_a")
    persona("coll_a_saisie", "org_coll_a", Role.SAISIE)
    persona("coll_b", "org_coll_b")
    persona("cpts", "org_cpts_a")
    persona("cpam", "org_cpam")
    persona("urps", "org_urps", Role.SAISIE)
    persona("comite", "org_comite", Role.LECTURE)
    persona("national", "org_national", Role.LECTURE)
    persona("inactive", "org_coll_a", is_active=False)
    # Not personas: the authors of région B's objects.
    persona("dd35", "org_dd35")
    persona("coll_rb", "org_coll_rb")
    persona("cpts_b", "org_cpts_b")
    persona("cpam_b", "org_cpam_b")


def _contrats(w: World) -> None:
    from cls.enums import Etape
    from cls.models import ContratDocument, ContratLocalSante, FicheAction, FinancementIngenierie

    o = w.objects

    def contrat(key, porteur, departement, signed=True):
        contrat = ContratLocalSante.objects.create(
            nom=f"CLS {key}",
            porteur=o[porteur],
            departement=o[departement],
            etape=Etape.MISE_EN_OEUVRE if signed else Etape.CADRAGE,
            date_signature=datetime.date(2025, 1, 1) if signed else None,
            duree_annees=5 if signed else None,
            date_fin=datetime.date(2029, 12, 31) if signed else None,
        )
        o[f"fiche_{key}"] = FicheAction.objects.create(contrat=contrat, numero="1", intitule=f"Fiche {key}")
        return contrat

    o["contrat_a"] = contrat("RGA-Loches", "org_coll_a", "dep37")
    o["contrat_a_cadrage"] = contrat("RGA-Loches cadrage", "org_coll_a", "dep37", signed=False)
    o["contrat_b"] = contrat("RGA-Orléans", "org_coll_b", "dep45")
    o["contrat_rb"] = contrat("RGB-Rennes", "org_coll_rb", "dep35")
    # Piloted from 37, its perimeter reaches 45: the délégation 45 sees it and contributes to it.
    o["contrat_multi"] = contrat("RGA-Loches-Orléans", "org_coll_a", "dep37")
    o["contrat_multi"].departements.set([o["dep37"], o["dep45"]])
    for key in ("contrat_a", "contrat_a_cadrage", "contrat_b", "contrat_rb"):
        o[key].departements.set([o[key].departement])
    o["fiche_a"] = o["fiche_RGA-Loches"]
    document = ContratDocument(
        contrat=o["contrat_a"],
        etape=Etape.DIAGNOSTIC,
        uploaded_by=w.users["dd37"],
        type="rapport_diagnostic",
        original_name="RGA-diagnostic.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
    )
    document.file.save("diagnostic.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    o["contrat_document"] = document
    FinancementIngenierie.objects.create(
        contrat=o["contrat_a"], annee=2026, etp=Decimal("1"), montant=Decimal("40000"), cofinancement=Decimal("0")
    )


def _cpts(w: World) -> None:
    from tests.cpts.factories import make_centre, make_esp, make_msp, signed_cpts

    o, u = w.objects, w.users
    o["cpts_a"] = signed_cpts(
        porteur=o["org_cpts_a"], departement=o["dep37"], by=u["dd37"], communes=[o["commune37"]], nom="CPTS RGA-Sud"
    )
    o["mission_a"] = o["cpts_a"].missions.order_by("pk").first()
    o["cpts_rb"] = signed_cpts(
        porteur=o["org_cpts_b"], departement=o["dep35"], by=u["dd35"], communes=[o["commune35"]], nom="CPTS RGB-Ouest"
    )
    for key, region in (("a", "37"), ("rb", "35")):
        marker, porteur = (MARKER_A, "org_cpts_a") if key == "a" else (MARKER_B, "org_cpts_b")
        commune, departement = o[f"commune{region}"], o[f"dep{region}"]
        o[f"msp_{key}"] = make_msp(departement=departement, commune=commune, porteur=o[porteur], nom=f"MSP {marker}1")
        o[f"centre_{key}"] = make_centre(commune=commune, porteur=o[porteur], nom=f"Centre {marker}1")
        o[f"esp_{key}"] = make_esp(commune=commune, porteur=o[porteur], nom=f"ESP {marker}1")


def _registers(w: World) -> None:
    """Rows of the référentiel in each région (public regulatory values, by design readable by every ARS agent:
    no marker) and the contracts signed with CPTS before the ACI (one per région, scoped like the CPTS)."""
    from cpts.models import ContratAnterieurAci
    from referentiel.models import Parametre, Source

    o = w.objects
    for key, region, marker in (("a", "24", MARKER_A), ("rb", "53", MARKER_B)):
        source = Source.objects.create(
            code=f"matrice-{region}", titre=f"Cadre régional {region}", nature="document_ars"
        )
        o[f"parametre_{key}"] = Parametre.objects.create(
            domaine="cls",
            code="matrice_seuil",
            libelle="Seuil de la matrice d'accès",
            valeur=Decimal("1000"),
            operateur="ge",
            region_code=region,
            valide_du=datetime.date(2024, 1, 1),
            source=source,
        )
        o[f"contrat_anterieur_{key}"] = ContratAnterieurAci.objects.create(
            nom=f"CPTS {marker}Historique",
            date_signature=datetime.date(2017, 6, 1),
            region_code=region,
            cpts=o[f"cpts_{key}"],
            source=source,
        )


def _registres(w: World) -> None:
    """The plan's registers (app `registres`): one DAC in département 37 (région A) with a document, one in
    département 35 (région B), one doctor movement in 37 (a register the comité may not read)."""
    from django.contrib.contenttypes.models import ContentType

    from registres.enums import ModeExercice, TypeMouvement
    from registres.models import Dac, Document, MouvementMedecin

    o, u = w.objects, w.users
    for key, departement, commune, marker, by in (
        ("a", "dep37", "commune37", MARKER_A, "dd37"),
        ("rb", "dep35", "commune35", MARKER_B, "dd35"),
    ):
        o[f"dac_{key}"] = Dac.objects.create(
            departement=o[departement],
            commune=o[commune],
            nom=f"DAC {marker}Appui",
            porteur=f"Association {marker}Coordination",
            source="Matrice d'accès",
            created_by=u[by],
            updated_by=u[by],
        )
    o["mouvement_a"] = MouvementMedecin.objects.create(
        departement=o["dep37"],
        commune=o["commune37"],
        date_debut=datetime.date(2026, 1, 1),
        type_mouvement=TypeMouvement.values[0],
        mode=ModeExercice.values[0],
        nom=f"{MARKER_A}Médecin",
        source="Matrice d'accès",
        created_by=u["dd37"],
        updated_by=u["dd37"],
    )
    document = Document(
        content_type=ContentType.objects.get_for_model(Dac),
        object_id=o["dac_a"].pk,
        titre="Convention RGA-",
        nom_original="RGA-convention.pdf",
        type_contenu="application/pdf",
        taille=100,
        sha256="0" * 64,
        ajoute_par=u["dd37"],
    )
    document.fichier.save("convention.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    o["document_registre"] = document


def _financements(w: World) -> None:
    from financements import services

    o, u = w.objects, w.users

    def enveloppe(key, region, departements, by):
        return services.enveloppe_create(
            financeur="ars_fir",
            annee=2026,
            libelle=f"Enveloppe {key}",
            montant=Decimal("1000000"),
            region=o[region],
            departements=[o[dep] for dep in departements],
            by=u[by],
        )

    o["enveloppe_a"] = enveloppe("RGA-2026", "region_a", ["dep37", "dep45"], "siege_a")
    o["enveloppe_b"] = enveloppe("RGB-2026", "region_b", ["dep29", "dep35"], "siege_b")
    for key, dep, env, by in (("a", "dep37", "enveloppe_a", "siege_a"), ("rb", "dep35", "enveloppe_b", "siege_b")):
        beneficiaire = services.beneficiaire_create(
            programme="cls_ingenierie", libelle=f"Bénéf {key}", departement=o[dep]
        )
        beneficiaire.libelle = f"Bénéficiaire {MARKER_A if key == 'a' else MARKER_B}{key}"
        beneficiaire.save()
        o[f"beneficiaire_{key}"] = beneficiaire
        o[f"engagement_{key}"] = services.engagement_add(
            enveloppe=o[env],
            beneficiaire=beneficiaire,
            montant=Decimal("10000"),
            date_decision=datetime.date(2026, 2, 1),
            by=u[by],
        )


def _zonage(w: World) -> None:
    from config.uploads import check_upload
    from tests.zonage.factories import ArreteFactory
    from zonage.services.documents import arrete_document_add

    o, u = w.objects, w.users
    o["arrete_a"] = ArreteFactory(region=o["region_a"], reference="RGA-ZON-PROJET")
    o["arrete_a_publie"] = ArreteFactory(region=o["region_a"], reference="ZON-PUBLIE-24", publie=True)
    o["arrete_rb"] = ArreteFactory(region=o["region_b"], reference="RGB-ZON-PROJET")

    def document(arrete, type, titre):
        upload = pdf_upload(f"{titre}.pdf")
        upload.upload_info = check_upload(upload)
        return arrete_document_add(arrete=o[arrete], upload=upload, type=type, titre=titre, by=u["siege_a"])

    o["document_prive"] = document("arrete_a", "annexe", "RGA-annexe")
    o["document_public"] = document("arrete_a_publie", "arrete_signe", "Arrete signe")
    _simulateur(w)


def _simulateur(w: World) -> None:
    """A TVS annex on each région's project, a scenario of each région, a consultation file ready to download."""
    from tests.territoires.factories import TvsFactory
    from tests.zonage.factories import classer
    from zonage.services.scenarios import scenario_create

    o, u = w.objects, w.users
    for key, region, author in (("a", "arrete_a", "siege_a"), ("rb", "arrete_rb", "siege_b")):
        tvs = TvsFactory(nom=f"{MARKER_A if key == 'a' else MARKER_B}TVS")
        classer(o[region], tvs, "ZIP", apl="2.10")
        o[f"tvs_{key}"] = tvs
        o[f"scenario_{key}"] = scenario_create(
            base=o[region], nom=f"{MARKER_A if key == 'a' else MARKER_B}scénario", by=u[author]
        )
    o["consultation_a"] = consultation_prete(arrete=o["arrete_a"], scenario=o["scenario_a"], by=u["siege_a"])


def _portraits(w: World) -> None:
    """A public portrait PDF of the EPCI of Loches and the ARS's one (siège A and délégation 37), both ready."""
    o, u = w.objects, w.users
    for audience in ("public", "ars"):
        o[f"portrait_{audience}"] = portrait_pret(
            epci=o["epci37"],
            region_id=o["region_a"].pk,
            departement_id=o["dep37"].pk,
            audience=audience,
            requested_by=u["siege_a"] if audience == "ars" else None,
        )


def _acces_soins(w: World) -> None:
    from acces_soins.feuilles.seed_links import ensure_seed
    from acces_soins.models import DocumentComite, Mesure, Plan, Solution, TerritoireSante
    from tests.acces_soins.factories import ActionFactory, BilanFactory, ComiteFactory, FeuilleFactory

    o, u = w.objects, w.users
    ensure_seed()
    o["mesure"] = Mesure.objects.filter(priorite__plan=Plan.objects.get(region_code="24")).order_by("pk").first()
    o["comite_pilotage"] = ComiteFactory(releve_decisions="RGA- relevé de décisions")
    o["document_comite"] = DocumentComite.objects.create(
        comite=o["comite_pilotage"],
        fichier=ContentFile(pdf_bytes(), name="releve.pdf"),
        nom_original="RGA-releve.pdf",
        added_by=u["siege_a"],
    )
    o["territoire_a"] = TerritoireSante.objects.get(region_code="24", code="37")
    o["territoire_rb"] = TerritoireSante.objects.create(
        region_code="53", code="35", nom="Territoire RGB-Ille-et-Vilaine", conseil_nom="CTS RGB-35"
    )
    o["territoire_rb"].departements.add(o["dep35"])
    o["action_a"] = ActionFactory(feuille=FeuilleFactory(territoire=o["territoire_a"]), libelle="Action RGA-1")
    o["action_rb"] = ActionFactory(feuille=FeuilleFactory(territoire=o["territoire_rb"]), libelle="Action RGB-1")
    # Each région's catalogue is shown to every other région as inspiration (main's design: regional catalogues
    # are shared, read only): no marker; solution_edit proves each stays read-only to the other région.
    o["solution_a"] = Solution.objects.create(region_code="24", libelle="Solution ligérienne 1", theme="prevention")
    o["solution_rb"] = Solution.objects.create(region_code="53", libelle="Solution bretonne 1", theme="prevention")
    o["bilan_a"] = bilan_regional(region_code="24")
    o["bilan_37"] = BilanFactory(perimetre_type="departement", perimetre_code="37", perimetre_libelle="RGA- 37")
    o["bilan_45"] = BilanFactory(perimetre_type="departement", perimetre_code="45", perimetre_libelle="RGA- 45")
    o["bilan_rb"] = BilanFactory(perimetre_code="53", perimetre_libelle="RGB- Bretagne")


def _indicateurs(w: World) -> None:
    from indicateurs.models import Indicateur, Recalcul
    from indicateurs.perimetres import perimetres_territoriaux
    from indicateurs.semestre import Semestre
    from indicateurs.services import indicateur_fiche_lier

    o, u = w.objects, w.users
    perimetres_territoriaux("24")
    o["indicateur"] = Indicateur.objects.actifs().order_by("code").first()
    o["recalcul"] = Recalcul.objects.create(periode="2026-S1", demande_par=u["siege_a"])
    o["lien_fiche"] = indicateur_fiche_lier(
        fiche=o["fiche_a"],
        indicateur=o["indicateur"],
        cible_valeur=Decimal("10"),
        echeance=Semestre.parse("2027-S1"),
        by=u["dd37"],
    )


def _national(w: World) -> None:
    w.objects["synthese"] = synthese_nationale()


def build_world() -> World:
    """Build every object of the matrix (about 10 s: dossiers are filed through the services)."""
    ensure_seeds()
    w = World()
    for step in (
        _territory,
        _organisations,
        _personas,
        build_dossiers,
        _contrats,
        _cpts,
        _registers,
        _registres,
        _financements,
        _zonage,
        _portraits,
        _acces_soins,
        _indicateurs,
        build_campagnes,
        _national,
    ):
        step(w)
    return w
