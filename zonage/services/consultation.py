"""The consultation file of an arrêté project (URPS concertation, CRSA referral): the proposed classification, the
justification of each TVS and the simulator's counters, as a PDF produced once by the worker (`config.production`).

The snapshot is built by the worker from the arrêté's annex as it stands; justifications come from the scenario the
project was proposed from (none for an annex imported by hand). Once ready, the PDF is also filed among the arrêté's
documents (type « Concertation des URPS »), where ARS agents download it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from config import production
from config.pdf import render_pdf
from config.production import StatutProduction
from zonage.carte import carte_svg, carte_zones
from zonage.enums import DocumentType, Granularite
from zonage.models import ArreteZonage, DossierConsultation, Scenario, consultation_file_path
from zonage.services.documents import arrete_document_delete, arrete_document_generated
from zonage.services.scenarios import Compteurs, arrete_compteurs

PRODUCTION = production.Production(DossierConsultation, noun="du dossier de consultation")
SNAPSHOT_SCHEMA = 1


@transaction.atomic
def consultation_request(*, arrete: ArreteZonage, by) -> DossierConsultation:
    """Queue the consultation file of an arrêté project, once the row is committed."""
    if arrete.profession.granularite != Granularite.TVS:
        raise ValidationError("Le dossier de consultation présente un classement de territoires de vie-santé.")
    if arrete.consultations.filter(statut__in=[StatutProduction.EN_ATTENTE, StatutProduction.EN_COURS]).exists():
        raise ValidationError("Un dossier de consultation de cet arrêté est déjà en production.")
    job = DossierConsultation(arrete=arrete, scenario=Scenario.objects.filter(arrete=arrete).first(), requested_by=by)
    job.full_clean()
    job.save()
    from config.celery import send_after_commit
    from zonage.tasks import produce_consultation

    send_after_commit(produce_consultation, job.pk)  # a dead broker leaves it to the resume task
    return job


def _parametre(parametre) -> dict | None:
    if parametre is None:
        return None
    source = parametre.source
    return {
        "valeur": parametre.valeur_affichee,
        "a_confirmer": parametre.a_confirmer,
        "source": f"{source.auteur or source.titre}{', ' + source.date_affichee if source.date_affichee else ''}",
        "precision": parametre.source_precision,
    }


def _counters(compteurs: Compteurs) -> dict:
    return {
        "total": compteurs.shares.total,
        "millesime_population": compteurs.shares.millesime_population,
        "version_tvs": compteurs.shares.tvs_version,
        "parts": [
            {"zone": zone, "population": share.population, "part": share.share * 100}
            for zone, share in sorted(compteurs.shares.items())
        ],
        "plafonds": [
            {
                "zone": cap.zone,
                "part": float(cap.percent),
                "depasse": cap.exceeded,
                "parametre": _parametre(cap.parametre),
            }
            for cap in compteurs.caps
        ],
        "seuil": _parametre(compteurs.seuil),
        "population_changee": compteurs.population_changee,
        "aides": [
            {
                "code": impact.aide.code,
                "libelle": impact.aide.libelle,
                "ouvertes": impact.ouvertes,
                "population_ouverte": impact.population_ouverte,
                "perdues": impact.perdues,
                "population_perdue": impact.population_perdue,
                "montants": [_parametre(row) | {"libelle": row.libelle} for row in impact.montants],
                "estimation_ouverte": float(impact.estimation_ouverte)
                if impact.estimation_ouverte is not None
                else None,
                "estimation_perdue": float(impact.estimation_perdue) if impact.estimation_perdue is not None else None,
                "unite": impact.unite,
            }
            for impact in compteurs.aides
        ],
    }


def consultation_snapshot(arrete: ArreteZonage) -> dict:
    """Every figure the consultation file prints, as JSON-ready data (pure read)."""
    scenario = Scenario.objects.filter(arrete=arrete).first()
    justifications = dict(scenario.classements.values_list("tvs_id", "justification")) if scenario else {}
    compteurs = arrete_compteurs(arrete, justifications=justifications)
    zones = [{"code": z.code, "libelle": z.libelle, "couleur": z.couleur} for z in arrete.profession.zones.all()]
    from territoires.services import region_communes

    communes = region_communes(
        arrete.region_id, tvs_version=arrete.version_tvs, millesime_population=arrete.millesime_population
    )
    by_tvs = {ligne.tvs_id: ligne.zone for ligne in compteurs.lignes}
    rows = {row.code_insee: row for row in communes.communes.values() if row.tvs_id in by_tvs}
    noms_tvs = {ligne.tvs_id: ligne.nom for ligne in compteurs.lignes}
    zone_par_commune = {code: by_tvs[row.tvs_id] for code, row in rows.items()}
    noms = {code: f"{code} ({noms_tvs[row.tvs_id]})" for code, row in rows.items()}
    from comptes.selectors import ars_nom

    return {
        "schema": SNAPSHOT_SCHEMA,
        "date": timezone.localdate().isoformat(),
        # Frozen with the figures: a PDF rebuilt later names the same ARS and keeps its demo mark.
        "operateur": ars_nom(region_code=arrete.region.code),
        "donnees_fictives": settings.IS_DEMO,
        "arrete": {
            "reference": arrete.reference,
            "titre": arrete.titre,
            "profession": arrete.profession.libelle,
            "region": arrete.region.nom,
            "methodologie": arrete.methodologie,
            "statut": arrete.get_statut_display(),
            "precedent": arrete.precedent.reference if arrete.precedent_id else None,
        },
        "scenario": scenario.nom if scenario else None,
        "zones": zones,
        "compteurs": _counters(compteurs),
        "lignes": [
            {
                "code": ligne.code,
                "nom": ligne.nom,
                "apl": float(ligne.apl) if ligne.apl is not None else None,
                "zone_base": ligne.zone_base,
                "zone": ligne.zone,
                "population": ligne.population,
                "vivier": ligne.vivier,
                "justification": ligne.justification,
            }
            for ligne in compteurs.lignes
        ],
        "carte": carte_zones(zone_par_commune, noms=noms),
    }


def consultation_context(snapshot: dict) -> dict:
    return {
        "snapshot": snapshot,
        "operateur": snapshot["operateur"],
        "demo": snapshot.get("donnees_fictives", settings.IS_DEMO),
        "carte": carte_svg(
            snapshot["carte"], snapshot["zones"], title=f"Classement proposé — {snapshot['arrete']['reference']}"
        ),
        "zones": {zone["code"]: zone["libelle"] for zone in snapshot["zones"]},
    }


def consultation_build(job: DossierConsultation, attempt: int) -> DossierConsultation | None:
    snapshot = consultation_snapshot(job.arrete)
    if not PRODUCTION.progress(job.pk, attempt, 40, snapshot=snapshot):
        return None
    with PRODUCTION.heartbeat(job.pk, attempt):
        pdf = render_pdf("zonage/consultation_pdf.html", consultation_context(snapshot))
    if not PRODUCTION.progress(job.pk, attempt, 80):
        return None
    # The document is filed first and named in the same conditional update: an attempt that lost the job
    # removes its document, so that exactly one consultation file reaches the arrêté.
    document = arrete_document_generated(
        arrete=job.arrete,
        content=pdf,
        nom=job.download_name,
        titre=f"Dossier de consultation (généré le {timezone.localdate():%d/%m/%Y})",
        type=DocumentType.CONCERTATION_URPS,
        by=job.requested_by,
    )
    path = consultation_file_path(job, "consultation.pdf")
    if not PRODUCTION.finish(job, attempt, path=path, content=pdf, document=document):
        arrete_document_delete(document=document, by=job.requested_by)
        return None
    job.refresh_from_db()
    return job
