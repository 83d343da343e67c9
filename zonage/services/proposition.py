"""From the simulator to the procedure: the optimiser's scenario, and « Proposer » (a scenario becomes an arrêté
project that enters the existing workflow: URPS concertation, CRSA referral, publication)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from referentiel.enums import Domaine
from referentiel.services import parametres_en_vigueur
from territoires.services import region_communes
from zonage.enums import OrigineScenario
from zonage.models import ArreteZonage, Classement, Scenario
from zonage.services.optimiseur import TvsCandidat, optimiser
from zonage.services.rules import PARTS, SEUIL_APL, rows_with_communes
from zonage.services.scenarios import PROPOSED, VALUES, check_base, scenario_create
from zonage.services.workflow import arrete_comment, arrete_create


@transaction.atomic
def scenario_optimise(*, base: ArreteZonage, nom: str, by, methodologie: str = "") -> Scenario:
    """One more scenario: the optimiser's classification of the TVS of `base`, with its reason per TVS."""
    check_base(base)
    methodologie = methodologie or base.methodologie
    on = timezone.localdate()
    communes = region_communes(
        base.region_id, tvs_version=base.version_tvs, millesime_population=base.millesime_population
    )
    rows = rows_with_communes(base.classements.filter(tvs__isnull=False).values(*VALUES), communes)
    regles = parametres_en_vigueur(Domaine.ZONAGE, region=base.region, on=on)
    caps = {}
    for code, zones in PARTS.items():
        parametre = regles.get(code, methodologie)
        if parametre is not None and parametre.operateur:
            caps[" + ".join(zones)] = parametre
    candidats = [
        TvsCandidat(
            row.values["tvs_id"],
            row.values["tvs__code"],
            row.values["tvs__nom"],
            row.values["apl"],
            row.population,
            row.values["zone__code"],
        )
        for row in rows
    ]
    decisions = optimiser(candidats, total=sum(row.population for row in rows), seuil=regles.get(SEUIL_APL), caps=caps)
    return scenario_create(
        base=base,
        nom=nom,
        by=by,
        methodologie=methodologie,
        origine=OrigineScenario.OPTIMISEUR,
        description=f"Classement proposé par l'optimiseur le {on:%d/%m/%Y} (APL les plus basses d'abord, "
        "sous les plafonds du référentiel).",
        decisions={decision.tvs_id: (decision.zone, decision.raison) for decision in decisions},
    )


@transaction.atomic
def scenario_propose(*, scenario: Scenario, reference: str, titre: str, by) -> ArreteZonage:
    """Turn a scenario into an arrêté project (status « projet ») with the scenario's annex, and queue its
    consultation file. The scenario is then frozen; the project follows the usual procedure."""
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if scenario.is_proposed:
        raise ValidationError(PROPOSED)
    base = scenario.base
    arrete = arrete_create(
        by=by,
        profession=scenario.profession,
        region=scenario.region,
        reference=reference.strip(),
        titre=titre.strip(),
        methodologie=scenario.methodologie,
        millesime_population=scenario.millesime_population,
        version_tvs=scenario.version_tvs,
        precedent=base if base.is_public else base.precedent,
    )
    Classement.objects.bulk_create(
        Classement(arrete=arrete, tvs_id=tvs_id, zone_id=zone_id, apl=apl)
        for tvs_id, zone_id, apl in scenario.classements.values_list("tvs_id", "zone_id", "apl")
    )
    arrete_comment(
        arrete=arrete,
        by=by,
        texte=f"Projet issu du scénario « {scenario.nom} » du simulateur (arrêté de départ : {base.reference}).",
    )
    scenario.arrete = arrete
    scenario._history_user = by
    scenario.save(update_fields=["arrete", "updated_at"])
    from zonage.services.consultation import consultation_request

    consultation_request(arrete=arrete, by=by)
    return arrete
