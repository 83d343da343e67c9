"""Every programme object belongs to one region: the one registry of the path from a model to its region.

A programme model (a dossier, a CLS, a CPTS, a plan measure, a campaign contribution, an envelope, a register
row…) either carries its region itself or reaches it through ONE chain of foreign keys, declared here:

- a `region` foreign key to `territoires.Region` (found without a declaration);
- a `region_code` field: the region's INSEE code, its natural key, used by the plan, campaigns, territoires de
  santé, solutions and the Référentiel (empty: a national rule that applies to every region; found without a
  declaration);
- otherwise an entry of `REGION_PATHS`, e.g. `"cls.FicheAction": "contrat__departement__region"`.

The last hop of every path is indexed (a foreign key, or a `region_code` leading an index), so filtering a list by
region is an index scan. `tests/territoires/test_region_paths.py` enumerates the project's models and fails when a
model is neither resolved here nor listed in `EXEMPT` with its reason.

Scoped querysets use `region_code_lookup(model)` to filter by the user's regions first; `region_code_of(obj)` walks
the same path on an instance (cross-border reading, `can_*` predicates).
"""

from django.apps import apps
from django.db import models

REGION_MODEL = "territoires.Region"

# Models whose region is reached through their parents (the direct `region` FK or `region_code` is found alone).
REGION_PATHS: dict[str, str] = {
    # instruction: a dossier carries its region (set in save() from its département or its depositor)
    **{
        f"instruction.{name}": "dossier__region"
        for name in (
            "Transition",
            "Message",
            "Annotation",
            "Participation",
            "Avis",
            "CoInstructionEvent",
            "Piece",
            "Version",
            "Notification",
            "Lecture",
        )
    },
    # CLS
    "cls.LettreIntention": "dossier__region",
    "cls.ContratLocalSante": "departement__region",
    **{
        f"cls.{name}": "contrat__departement__region"
        for name in (
            "EtapeTransition",
            "GateCheck",
            "ContratDocument",
            "Signataire",
            "AxeStrategique",
            "Avenant",
            "RevueAnnuelle",
            "FinancementIngenierie",
            "FicheAction",
        )
    },
    "cls.LigneBudget": "fiche__contrat__departement__region",
    # CPTS, MSP, centres and équipes de soins primaires
    "cpts.Cpts": "departement__region",
    **{
        f"cpts.{name}": "cpts__departement__region"
        for name in ("EtapeCpts", "AvenantCpts", "LettreIntentionCpts", "MissionCpts", "ProjetSanteCpts")
    },
    "cpts.AtteinteMission": "mission_cpts__cpts__departement__region",
    "cpts.RappelMission": "mission__cpts__departement__region",
    "cpts.CentreSante": "departement__region",
    "cpts.ProfessionnelCentre": "centre__departement__region",
    "cpts.EquipeSoinsPrimaires": "departement__region",
    "cpts.Msp": "departement__region",
    "cpts.SiteMsp": "msp__departement__region",
    "cpts.ProfessionnelMsp": "msp__departement__region",
    "cpts.CritereMsp": "msp__departement__region",
    # financements: envelopes carry their region; the ledger goes through them
    "financements.Beneficiaire": "departement__region",
    "financements.Engagement": "enveloppe__region",
    "financements.Paiement": "engagement__enveloppe__region",
    "financements.Cofinancement": "beneficiaire__departement__region",
    # zonage: arrêtés and scenarios carry their region
    **{
        f"zonage.{name}": "arrete__region"
        for name in (
            "ArreteTransition",
            "AnnexeImport",
            "ArreteDocument",
            "Commentaire",
            "Classement",
            "DossierConsultation",
        )
    },
    "zonage.ScenarioClassement": "scenario__region",
    # registres: every row has its département
    **{
        f"registres.{name}": "departement__region"
        for name in (
            "MaitreStage",
            "OffreLogement",
            "SiteTelemedecine",
            "ProtocoleCooperation",
            "ConsultationAvancee",
            "OrganisationSoins",
            "Dac",
            "Ght",
            "ProjetTerritorial",
            "EffectifMedecins",
            "ContratAide",
            "MouvementMedecin",
        )
    },
    "registres.DispositifFusionne": "dac__departement__region",
    "registres.EtablissementGht": "ght__departement__region",
    "registres.EtapeProjet": "projet__departement__region",
    # indicateurs: a perimeter carries its region; an indicator its region (null: the national battery)
    "indicateurs.Valeur": "perimetre__region",
    "indicateurs.Baseline": "perimetre__region",
    "indicateurs.Cible": "perimetre__region",
    "indicateurs.Avis": "indicateur__region",
    "indicateurs.IndicateurFiche": "fiche__contrat__departement__region",
    # acces_soins: the plan, the campaign and the territoire de santé carry their region code
    "acces_soins.RolePilotage": "plan__region_code",
    "acces_soins.Priorite": "plan__region_code",
    "acces_soins.Mesure": "priorite__plan__region_code",
    "acces_soins.DeclinaisonMesure": "departement__region",
    "acces_soins.ComiteDePilotage": "plan__region_code",
    "acces_soins.DocumentComite": "comite__plan__region_code",
    "acces_soins.Decision": "comite__plan__region_code",
    "acces_soins.SuiviDecision": "decision__comite__plan__region_code",
    "acces_soins.Contribution": "campagne__region_code",
    "acces_soins.LigneContribution": "contribution__campagne__region_code",
    "acces_soins.TransitionContribution": "contribution__campagne__region_code",
    "acces_soins.RappelCampagne": "contribution__campagne__region_code",
    "acces_soins.Erratum": "campagne__region_code",
    "acces_soins.FeuilleDeRoute": "territoire__region_code",
    "acces_soins.Action": "feuille__territoire__region_code",
    "acces_soins.Jalon": "action__feuille__territoire__region_code",
}

GEOGRAPHY = "géographie de l'INSEE et de la DGCL, commune à toutes les régions (publique)"
NATIONAL = "nomenclature nationale, la même pour toutes les régions"
AUDIT = "journal technique ou d'audit : lu par l'exploitant, jamais listé par région"

# Models that are not programme objects, with the reason.
EXEMPT: dict[str, str] = {
    "territoires.Region": "la région elle-même",
    "territoires.Departement": GEOGRAPHY,
    "territoires.EPCI": GEOGRAPHY + " ; un EPCI peut franchir une limite régionale",
    "territoires.TerritoireVieSante": GEOGRAPHY + " ; un TVS peut franchir une limite régionale",
    "territoires.Commune": GEOGRAPHY,
    "territoires.CommuneEpci": GEOGRAPHY,
    "territoires.CommuneTvs": GEOGRAPHY,
    "territoires.PopulationCommune": GEOGRAPHY,
    "territoires.CommuneOverlay": GEOGRAPHY,
    "territoires.Contour": GEOGRAPHY,
    "territoires.CommuneVoisine": GEOGRAPHY,
    "territoires.ImportRun": AUDIT,
    "comptes.User": "un compte ; sa région vient de ses adhésions (comptes.perms.get_scope)",
    "comptes.Organisation": "une organisation (siège, délégation, porteur…) : son rattachement est géré par comptes",
    "comptes.Membership": "une adhésion ; la région est celle de l'organisation",
    "comptes.EvenementAudit": AUDIT,
    "instruction.ReferenceSequence": "compteur technique des numéros de dossier",
    "cls.Thematique": NATIONAL,
    "zonage.Profession": NATIONAL,
    "zonage.ZoneCategorie": NATIONAL,
    "zonage.Aide": "aide nationale ; ses montants par région sont des lignes du Référentiel (region_code)",
    "cpts.Mission": NATIONAL + " (missions de l'ACI)",
    "cpts.CritereAciMsp": NATIONAL + " (critères de l'ACI des MSP)",
    "registres.Document": "pièce jointe d'une ligne de registre (relation générique) : lue par sa ligne",
    "registres.LectureDonnees": AUDIT,
    "registres.ImportRegistre": AUDIT,
    "indicateurs.ImportLot": AUDIT + " ; ses valeurs portent leur région (périmètre)",
    "indicateurs.Recalcul": AUDIT,
    "acces_soins.NoteSemestrielle": "note d'une mesure, déclinaison ou action (relation générique) : lue par son objet",
    "acces_soins.BilanSemestriel": "PDF produit pour un périmètre (perimetre_type, perimetre_code) : "
    "BilanQuerySet.visible_to filtre par ce périmètre",
    "portraits.PortraitPdf": "PDF produit pour la liste de régions qu'il porte (champ regions) ; lu par son demandeur",
    "national.SyntheseNationale": "PDF de comparaison de toutes les régions, lu par le rôle national seul",
}


def is_exempt(model) -> bool:
    """History rows (django-simple-history), automatic M2M tables and the listed models carry no path."""
    meta = model._meta
    return (
        meta.label in EXEMPT
        or meta.auto_created is not False
        or hasattr(model, "instance_type")  # a django-simple-history model
    )


def region_path(model) -> str | None:
    """The path from `model` to its region, or None when it has none."""
    declared = REGION_PATHS.get(model._meta.label)
    if declared:
        return declared
    for name in ("region", "region_code"):
        try:
            model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist
            continue
        return name
    return None


def path_fields(model, path: str) -> list:
    """The fields a path goes through, model by model (raises FieldDoesNotExist on a broken path)."""
    fields = []
    for name in path.split("__"):
        field = model._meta.get_field(name)
        fields.append(field)
        if field.is_relation:
            model = field.related_model
    return fields


def ends_on_code(model) -> bool:
    """Whether the path ends on a `region_code` (the region's INSEE code) rather than a Region foreign key."""
    return region_path(model).split("__")[-1] == "region_code"


def region_code_lookup(model) -> str:
    """The ORM lookup of a model's region code: `departement__region__code`, `plan__region_code`…"""
    path = region_path(model)
    if path is None:
        raise LookupError(f"{model._meta.label} has no region path (territoires.regions)")
    return path if ends_on_code(model) else f"{path}__code"


def in_regions(queryset: models.QuerySet, codes) -> models.QuerySet:
    """Keep the rows of these regions (the first filter of a scoped queryset)."""
    return queryset.filter(**{f"{region_code_lookup(queryset.model)}__in": list(codes)})


def region_code_of(obj) -> str | None:
    """Walk the path on an instance: the code of its region (empty for a national row), or None."""
    value = obj
    for name in region_path(type(obj)).split("__"):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value if isinstance(value, str) else value.code


def programme_models():
    """The project's models that must carry a region path."""
    from django.conf import settings

    base = str(settings.BASE_DIR)
    local = {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(base) and "site-packages" not in config.path
    }
    return [model for model in apps.get_models() if model._meta.app_label in local and not is_exempt(model)]


def region_model():
    return apps.get_model(REGION_MODEL)


def default_region_code() -> str | None:
    """The region shown to a visitor who chose none (anonymous public pages): `settings.REFERENCE_REGION` when the
    database has it, else the region of the first ARS siège, else the first region imported."""
    from django.conf import settings

    from comptes.enums import OrganisationType
    from comptes.models import Organisation

    Region = region_model()
    if Region.objects.filter(code=settings.REFERENCE_REGION).exists():
        return settings.REFERENCE_REGION
    siege = (
        Organisation.objects.filter(type=OrganisationType.ARS_SIEGE)
        .exclude(region=None)
        .order_by("pk")
        .values_list("region__code", flat=True)
        .first()
    )
    return siege or Region.objects.order_by("code").values_list("code", flat=True).first()


def request_region_code(request, *, param: str = "region") -> str | None:
    """The region of a page: the one chosen in `?region=` (a known code), else the user's (their membership), else
    the default one of an anonymous visitor."""
    from comptes.perms import user_region_code

    chosen = (request.GET.get(param) or "").strip()
    if chosen and region_model().objects.filter(code=chosen).exists():
        return chosen
    return user_region_code(request.user) or default_region_code()


def region_selector(request) -> dict:
    """The context of the region selector (`territoires/includes/_region_selector.html`): the region of the page and
    the regions to choose from."""
    return {
        "region_code": request_region_code(request),
        "region_choices": list(region_model().objects.order_by("nom").values_list("code", "nom")),
    }


def derive_regions() -> None:
    """Set the derived region foreign keys of rows written without `save()` (the bench data set's bulk inserts):
    a dossier's and a perimeter's from their département (a regional perimeter from its code), a declared funding's
    from its MSP or centre. The same rules as the models' `save()`; idempotent."""
    from django.db.models import OuterRef, Q, Subquery

    from cpts.models import CentreSante, FinancementMsp, Msp
    from indicateurs.models import Perimetre
    from instruction.models import Dossier
    from territoires.models import Departement

    def of_departement(field):
        return Subquery(Departement.objects.filter(pk=OuterRef(field)).values("region_id")[:1])

    Dossier.objects.filter(region=None).exclude(departement=None).update(region_id=of_departement("departement_id"))
    perimetres = Perimetre.objects.filter(region=None)
    perimetres.filter(kind="region").update(
        region_id=Subquery(region_model().objects.filter(code=OuterRef("code")).values("pk")[:1])
    )
    perimetres.exclude(Q(kind="region") | Q(departement=None)).update(region_id=of_departement("departement_id"))
    financements = FinancementMsp.objects.filter(region=None)
    financements.exclude(msp=None).update(
        region_id=Subquery(Msp.objects.filter(pk=OuterRef("msp_id")).values("departement__region_id")[:1])
    )
    financements.exclude(centre=None).update(
        region_id=Subquery(CentreSante.objects.filter(pk=OuterRef("centre_id")).values("departement__region_id")[:1])
    )
