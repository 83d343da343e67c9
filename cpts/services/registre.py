"""Writes on the CPTS register: territory, stages, ACI signature, avenants, missions, attainment."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cpts.enums import ETAPE_SUIVANTE, Etape, TypeMission
from cpts.models import AtteinteMission, AvenantCpts, Cpts, EtapeCpts, Mission, MissionCpts
from cpts.services.regles import add_years, echeances, region_of, taille_for, valeur
from referentiel.enums import Domaine
from territoires.services import population_of

# The date field each stage fills in.
ETAPE_DATE_FIELD = {
    Etape.LETTRE_VALIDEE: "date_lettre_validee",
    Etape.PROJET_DEPOSE: "date_projet_depose",
    Etape.PROJET_VALIDE: "date_projet_valide",
    Etape.ACI_SIGNE: "date_aci",
    Etape.ABANDONNEE: "date_abandon",
}


def today() -> datetime.date:
    return timezone.localdate()


@transaction.atomic
def cpts_create(*, nom: str, porteur, departement, by, forme_juridique: str = "", communes=(), on=None, **extra):
    """Register a CPTS at the émergence stage."""
    cpts = Cpts(nom=nom, porteur=porteur, departement=departement, **extra)
    if forme_juridique:
        cpts.forme_juridique = forme_juridique
    cpts._history_user = by
    cpts.full_clean()
    cpts.save()
    EtapeCpts.objects.create(cpts=cpts, from_etape="", to_etape=Etape.EMERGENCE, date=on or today(), by=by)
    if communes:
        cpts_set_territoire(cpts=cpts, communes=communes, by=by)
    return cpts


@transaction.atomic
def cpts_set_territoire(*, cpts: Cpts, communes, by) -> Cpts:
    """Set the communes of the territory and recompute the population. Before the ACI the size class follows the
    population; once signed, the class recorded at signature stays until an avenant revises it (issue 14 §5)."""
    cpts.communes.set(communes)
    cpts.population = population_of(cpts.communes.all())
    if cpts.date_aci is None:
        cpts.taille = taille_for(cpts.population, region=region_of(cpts), on=today())
    cpts._history_user = by
    cpts.save(update_fields=["population", "taille"])
    return cpts


def _move(cpts: Cpts, to_etape: str, *, date: datetime.date, by, reason: str = "") -> EtapeCpts:
    if to_etape != Etape.ABANDONNEE and to_etape not in ETAPE_SUIVANTE[cpts.etape]:
        raise ValidationError(
            f"Étape impossible : une CPTS « {Etape(cpts.etape).label} » "
            f"ne peut pas passer à « {Etape(to_etape).label} »."
        )
    if to_etape == Etape.ABANDONNEE and cpts.etape in (Etape.ABANDONNEE,):
        raise ValidationError("Cette CPTS est déjà abandonnée.")
    if date > today():
        raise ValidationError({"date": "La date ne peut pas être dans le futur."})
    from_etape = cpts.etape
    cpts.etape = to_etape
    if to_etape in ETAPE_DATE_FIELD:
        setattr(cpts, ETAPE_DATE_FIELD[to_etape], date)
    cpts._history_user = by
    cpts.full_clean()
    cpts.save()
    return EtapeCpts.objects.create(
        cpts=cpts, from_etape=from_etape, to_etape=to_etape, date=date, by=by, reason=reason.strip()
    )


@transaction.atomic
def cpts_advance(*, cpts: Cpts, to_etape: str, date: datetime.date, by, reason: str = "") -> EtapeCpts:
    """Record the next stage (lettre déposée/validée, projet de santé déposé/validé). The ACI goes
    through `aci_sign`, the abandon through `cpts_abandon`."""
    if to_etape in (Etape.ACI_SIGNE, Etape.ABANDONNEE):
        raise ValidationError("Utilisez l'enregistrement de la signature ou de l'abandon.")
    return _move(cpts, to_etape, date=date, by=by, reason=reason)


@transaction.atomic
def cpts_abandon(*, cpts: Cpts, reason: str, date: datetime.date, by) -> EtapeCpts:
    """Record the abandon of a CPTS project; a reason is required."""
    if not reason.strip():
        raise ValidationError({"reason": "Le motif de l'abandon est obligatoire."})
    cpts.motif_abandon = reason.strip()
    return _move(cpts, Etape.ABANDONNEE, date=date, by=by, reason=reason)


@transaction.atomic
def aci_sign(*, cpts: Cpts, date: datetime.date, by, optionnelles=()) -> list[MissionCpts]:
    """Record the tripartite ACI signature: end date (duration from the register), the size class on the
    signature date (kept until an avenant revises it), and one row per socle mission existing during the contract
    (a mission added later, like the crisis mission, has its deadlines from the date it exists) plus the chosen
    optional ones."""
    region = region_of(cpts)
    cpts.date_fin_aci = add_years(date, int(valeur(Domaine.CPTS, "duree_aci", region=region, on=date)))
    cpts.taille = cpts.taille_signature = taille_for(cpts.population, region=region, on=date)
    _move(cpts, Etape.ACI_SIGNE, date=date, by=by)
    socle = Mission.objects.filter(type=TypeMission.SOCLE).pendant(date, cpts.date_fin_aci - datetime.timedelta(days=1))
    missions = list(socle) + [mission for mission in optionnelles if mission.type == TypeMission.OPTIONNELLE]
    rows, cache = [], {}
    for mission in missions:
        start, deploy, _ = echeances(mission, date, region=region, cache=cache)
        row, _ = MissionCpts.objects.update_or_create(
            cpts=cpts, mission=mission, defaults={"echeance_demarrage": start, "echeance_deploiement": deploy}
        )
        rows.append(row)
    return rows


@transaction.atomic
def avenant_add(
    *, cpts: Cpts, date_signature: datetime.date, objet: str, by, reviser_taille: bool = False
) -> AvenantCpts:
    """Record an avenant to a signed ACI (numbered in order). Only an avenant changes the size class recorded at
    signature: with `reviser_taille`, the class of the current population on the avenant's date (register rules)."""
    if cpts.etape != Etape.ACI_SIGNE:
        raise ValidationError("Un avenant ne peut être enregistré que pour un ACI signé.")
    if date_signature < cpts.date_aci:
        raise ValidationError({"date_signature": "L'avenant ne peut pas précéder la signature de l'ACI."})
    numero = cpts.avenants.count() + 1
    avenant = AvenantCpts(cpts=cpts, numero=numero, date_signature=date_signature, objet=objet, created_by=by)
    if reviser_taille:
        avenant.taille = taille_for(cpts.population, region=region_of(cpts), on=date_signature)
    avenant.full_clean()
    avenant.save()
    if reviser_taille:
        cpts.taille = taille_en_vigueur(cpts, on=max(date_signature, today()))
        cpts._history_user = by
        cpts.save(update_fields=["taille"])
    return avenant


def taille_en_vigueur(cpts: Cpts, *, on: datetime.date) -> str:
    """The size class that applies to a signed CPTS on a date: the one recorded at signature, or the one of the
    last avenant signed by then that revised it. Never recomputed from a later population."""
    if cpts.date_aci is None or on < cpts.date_aci:
        return cpts.taille
    prefetched = getattr(cpts, "_prefetched_objects_cache", {}).get("avenants")
    if prefetched is not None:  # the page read the avenants already: no query
        signed = [row for row in prefetched if row.date_signature <= on and row.taille]
        latest = max(signed, key=lambda row: (row.date_signature, row.numero), default=None)
        revised = latest.taille if latest else None
    else:
        revised = (
            cpts.avenants.filter(date_signature__lte=on)
            .exclude(taille="")
            .order_by("-date_signature", "-numero")
            .values_list("taille", flat=True)
            .first()
        )
    return revised or cpts.taille_signature or cpts.taille


@transaction.atomic
def mission_update(*, mission: MissionCpts, by, **fields) -> MissionCpts:
    """Record the actual start / deployment dates and the indicators of a mission."""
    for name in ("date_demarrage", "date_deploiement", "indicateurs"):
        if name in fields:
            setattr(mission, name, fields[name])
    if mission.date_demarrage and mission.date_demarrage < mission.cpts.date_aci:
        raise ValidationError({"date_demarrage": "Une mission ne peut pas démarrer avant la signature de l'ACI."})
    if mission.date_deploiement and (not mission.date_demarrage or mission.date_deploiement < mission.date_demarrage):
        raise ValidationError({"date_deploiement": "Le déploiement suit le démarrage de la mission."})
    mission._history_user = by
    mission.full_clean()
    mission.save()
    return mission


@transaction.atomic
def atteinte_set(*, mission: MissionCpts, annee: int, taux, by, commentaire: str = "") -> AtteinteMission:
    """Enter (or correct) the indicator attainment of a mission for a contract year."""
    atteinte = AtteinteMission.objects.filter(mission_cpts=mission, annee=annee).first() or AtteinteMission(
        mission_cpts=mission, annee=annee
    )
    atteinte.taux, atteinte.commentaire, atteinte.saisi_par = taux, commentaire, by
    atteinte.full_clean()
    atteinte.save()
    return atteinte


@transaction.atomic
def cpts_update(*, cpts: Cpts, by, communes=None, **fields) -> Cpts:
    """Correct the register entry of a CPTS (name, legal form, porteur, département, territory)."""
    for name in ("nom", "forme_juridique", "porteur", "departement"):
        if name in fields:
            setattr(cpts, name, fields[name])
    cpts._history_user = by
    cpts.full_clean()
    cpts.save()
    if communes is not None:
        cpts_set_territoire(cpts=cpts, communes=communes, by=by)
    return cpts
