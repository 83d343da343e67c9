"""A small generated world for the query budgets: `bench.dataset` at a tiny scale (real geography of the reference
region, fictitious programmes), its personas and the objects the pages are opened on."""

import datetime
import inspect
from functools import cached_property

from bench.dataset import build, tiny
from tests.worlds import bilan_regional, campagne_ouverte, consultation_prete, member, portrait_pret, synthese_nationale


class World:
    """Personas and objects of a built data set, looked up by rule (the same rule at every size)."""

    REGION = "24"

    def __init__(self, factor: int):
        self.factor = factor
        self.build = build(tiny(factor), seed=1)
        self._extras()

    # --- personas ------------------------------------------------------------------------------------------------
    def user(self, persona: str):
        """A persona's account: its organisation's first member (the gestionnaire). « deposant:<object> » is the
        organisation that filed that dossier of the world."""
        from comptes.enums import OrganisationType
        from comptes.models import Organisation, User

        if persona == "anonymous":
            return None
        if persona.startswith("deposant:"):
            organisation = getattr(self, persona.split(":", 1)[1]).deposant
        elif persona.startswith("dd:"):  # the délégation of that dossier's département
            dossier = getattr(self, persona.split(":", 1)[1])
            organisation = Organisation.objects.filter(
                type=OrganisationType.DELEGATION, departements=dossier.departement_id
            ).first()
        else:
            organisations = Organisation.objects.order_by("pk")
            organisation = {
                "siege": lambda: organisations.get(type=OrganisationType.ARS_SIEGE, region__code=self.REGION),
                "dd": lambda: organisations.get(
                    type=OrganisationType.DELEGATION, departements=self.contrat.departement_id
                ),
                "comite": lambda: organisations.get(type=OrganisationType.COMITE, region__code=self.REGION),
                "collectivite": lambda: self.contrat.porteur,
                "cpts": lambda: self.cpts.porteur,
                "partner": lambda: self.lettre_cpts.participations.order_by("pk").first().organisation,
                "contributeur": lambda: self.contribution.organisation,
                "national": lambda: organisations.get(type=OrganisationType.NATIONAL),
            }[persona]()
        return User.objects.filter(memberships__organisation=organisation).order_by("pk").first()

    # --- objects -------------------------------------------------------------------------------------------------
    @cached_property
    def contrat(self):
        from cls.models import ContratLocalSante

        return ContratLocalSante.objects.filter(date_signature__isnull=False).order_by("pk").first()

    @cached_property
    def fiche(self):
        return self.contrat.fiches.order_by("pk").first()

    def dossier(self, kind: str, *, draft: bool = False):
        from instruction.enums import Etat
        from instruction.models import Dossier

        dossiers = Dossier.objects.filter(kind=kind).order_by("pk")
        return (dossiers.filter(etat=Etat.BROUILLON) if draft else dossiers.exclude(etat=Etat.BROUILLON)).first()

    @cached_property
    def lettre_cls(self):
        return self.dossier("cls")

    @cached_property
    def lettre_cpts(self):
        return self.dossier("cpts")

    @cached_property
    def cpts(self):
        from cpts.enums import Etape
        from cpts.models import Cpts

        return Cpts.objects.filter(etape=Etape.ACI_SIGNE).order_by("pk").first()

    def first(self, model_path: str, **filters):
        from django.apps import apps

        return apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()

    def _extras(self) -> None:
        """What the data set does not hold: one produced regional bilan and one finished recalculation."""
        from acces_soins.enums import OrigineBilan
        from indicateurs.enums import RecalculStatus
        from indicateurs.models import Recalcul

        self.bilan = bilan_regional(region_code=self.REGION, origine=OrigineBilan.COMMANDE)
        self.recalcul = Recalcul.objects.create(periode="2026-S1", status=RecalculStatus.DONE, resultats={})
        self._registres()
        self._campagne()
        self._simulateur()
        self._portrait()
        self._national()

    def _national(self) -> None:
        """A member of the ministry (the data set has none) and one national synthesis request."""
        from comptes.enums import OrganisationType, Role
        from comptes.models import Organisation

        organisation = Organisation.objects.create(type=OrganisationType.NATIONAL, nom="DGOS (budget)")
        user = member(email="dgos@budget.test", organisation=organisation, role=Role.LECTURE)
        self.synthese = synthese_nationale(requested_by=user)

    def _campagne(self) -> None:
        """The semester campaign of the région (issue #18), opened by the service from the data set, and a COPIL
        decision of the data set owned by the collectivité."""

        from acces_soins.models import Decision

        self.campagne = campagne_ouverte(region_code=self.REGION, by=self.user("siege"))
        contributions = self.campagne.contributions.order_by("pk")
        self.contribution = contributions.filter(organisation=self.contrat.porteur).first() or contributions.first()
        self.decision = Decision.objects.order_by("pk").first()  # the data set's, given to the collectivité
        self.decision.responsable_organisation = self.contrat.porteur
        self.decision.echeance = datetime.date(2026, 3, 31)
        self.decision.save(update_fields=["responsable_organisation", "echeance"])

    def _simulateur(self) -> None:
        """A zonage scenario from the TVS-zoned arrêté in force, and a consultation file ready to download."""
        from zonage.enums import Granularite
        from zonage.services.scenarios import scenario_create

        base = self.first("zonage.ArreteZonage", region__code=self.REGION, profession__granularite=Granularite.TVS)
        self.scenario = scenario_create(base=base, nom="Scénario fictif", by=self.user("siege"))
        self.scenario_bis = scenario_create(base=base, nom="Autre scénario fictif", by=self.user("siege"))
        self.tvs_id = self.scenario.classements.filter(tvs__isnull=False).order_by("pk").first().tvs_id
        self.consultation = consultation_prete(arrete=base, scenario=self.scenario, by=self.user("siege"))

    def _portrait(self) -> None:
        """A public portrait PDF of the contract's EPCI, ready to download."""
        self.epci = self.contrat.porteur.epci or self.contrat.perimetre.first().epci
        self.portrait_pdf = portrait_pret(
            epci=self.epci, region_id=self.contrat.departement.region_id, departement_id=self.contrat.departement_id
        )

    def _registres(self) -> None:
        """The plan's registers (not in the data set yet): 3 × factor entries of two of them (one holding personal
        data) in the délégation's département, written through the registers' one service."""

        from registres.declarations import get_registre
        from registres.enums import ModeExercice, ProfessionMedecin, Specialite, TypeMouvement
        from registres.services.entrees import entree_save
        from territoires.models import Commune

        by = self.user("dd")
        communes = list(
            Commune.objects.filter(departement=self.contrat.departement_id, tvs__isnull=False).order_by("code_insee")
        )
        for number in range(3 * self.factor):
            commune = communes[number % len(communes)]
            day = datetime.date(2025, 1, 1) + datetime.timedelta(days=7 * number)
            for code, fields in (
                (
                    "maitres-de-stage",
                    {
                        "nom": f"Maître de stage fictif {number}",
                        "universite": "Université fictive",
                        "specialite": Specialite.MEDECINE_GENERALE,
                        "capacite": 1 + number % 3,
                    },
                ),
                (
                    "mouvements-medecins",
                    {
                        "type_mouvement": list(TypeMouvement)[number % len(TypeMouvement)],
                        "profession": ProfessionMedecin.GENERALISTE,
                        "mode": ModeExercice.LIBERAL,
                        "nom": f"Médecin fictif {number}",
                    },
                ),
            ):
                registre = get_registre(code)
                entree = registre.model(commune=commune, date_debut=day, source="Jeu de test : fictif", **fields)
                entree_save(registre=registre, entree=entree, by=by)

    @cached_property
    def lettre_cls_draft(self):
        return self.dossier("cls", draft=True)

    @cached_property
    def lettre_cpts_draft(self):
        return self.dossier("cpts", draft=True)

    @cached_property
    def projet_cpts(self):
        return self.dossier("cpts_projet")

    @cached_property
    def projet_cpts_draft(self):
        return self.dossier("cpts_projet", draft=True)

    @cached_property
    def cpts_lettre_validee(self):
        """A CPTS whose lettre was accepted and whose porteur may file the projet de santé."""
        from cpts.enums import Etape

        return self.first("cpts.Cpts", etape=Etape.LETTRE_VALIDEE, porteur=self.lettre_cpts.deposant) or self.first(
            "cpts.Cpts", etape=Etape.LETTRE_VALIDEE
        )

    @cached_property
    def mission(self):
        return self.cpts.missions.order_by("pk").first()

    @cached_property
    def arrete(self):
        """The arrêté in force with the largest annex (a profession zoned per commune)."""
        from zonage.enums import ArreteStatut, Granularite

        return self.first(
            "zonage.ArreteZonage", statut=ArreteStatut.PUBLIE, profession__granularite=Granularite.COMMUNE
        )

    @cached_property
    def arrete_projet(self):
        """An arrêté being prepared (URPS concertation): the one an agent edits."""
        from zonage.enums import ArreteStatut

        return self.first("zonage.ArreteZonage", statut=ArreteStatut.CONCERTATION)

    @cached_property
    def indicateur(self):
        return self.first("indicateurs.Indicateur", code="P3_MSP")

    @cached_property
    def indicateur_saisi(self):
        return self.first("indicateurs.Indicateur", code="P4_CLS")

    @cached_property
    def maitre(self):
        return self.first("registres.MaitreStage")

    @cached_property
    def mouvement(self):
        return self.first("registres.MouvementMedecin")

    def __getattr__(self, name):
        """msp, centre, esp, mesure, comite, solution, territoire, action, enveloppe, engagement: the first row."""
        models = {
            "msp": ("cpts.Msp", {}),
            "centre": ("cpts.CentreSante", {}),
            "esp": ("cpts.EquipeSoinsPrimaires", {}),
            "mesure": ("acces_soins.Mesure", {}),
            "comite": ("acces_soins.ComiteDePilotage", {}),
            "solution": ("acces_soins.Solution", {"region_code": self.REGION}),
            "territoire": ("acces_soins.TerritoireSante", {"feuilles__isnull": False}),
            "action": ("acces_soins.Action", {}),
            "enveloppe": ("financements.Enveloppe", {}),
            "engagement": ("financements.Engagement", {}),
            "parametre": ("referentiel.Parametre", {}),
        }
        if name not in models:
            raise AttributeError(name)
        path, filters = models[name]
        value = self.first(path, **filters)
        self.__dict__[name] = value
        return value

    def resolve(self, path):
        """`"contrat.perimetre.first.code_insee"` → the value (callables are called: managers' `first`)."""
        if not isinstance(path, str) or "." not in path and not hasattr(type(self), path):
            return path
        value = self
        for part in path.split("."):
            value = getattr(value, part)
            if inspect.ismethod(value):
                value = value()
        return value
