"""Semester bilans: the frozen snapshot, the request and the exactly-once production.

Production (shared by the Celery task and the `bilan_semestriel` command) follows the exactly-once protocol of
`config.production` (claim with a lease renewed while the PDF renders, writes conditional on the attempt, one file,
resumption of a production that stopped).
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from acces_soins import sections
from acces_soins.enums import OrigineBilan, StatutBilan
from acces_soins.models import BilanSemestriel, bilan_file_path
from acces_soins.periods import Perimetre, Semestre
from config import production
from config.production import (  # noqa: F401 - re-exported
    RESUME_PENDING_AFTER,
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    TRANSIENT_ERRORS,
    lease,
)

logger = logging.getLogger(__name__)

SNAPSHOT_SCHEMA = 1
PRODUCTION = production.Production(BilanSemestriel, noun="du bilan")
BilanBusy = production.Busy  # another live attempt holds the bilan: try again after `retry_in` seconds


# --- Snapshot (pure read) --------------------------------------------------------------------


def snapshot_bilan(perimetre: Perimetre, semestre: Semestre) -> dict:
    """Every figure the bilan prints, as JSON-ready data. Reads only; the PDF renders only this dict."""
    from acces_soins.selectors import previous_ready_bilan

    perimetre, semestre = Perimetre.parse(perimetre), Semestre.parse(semestre)
    section_rows = sections.gather(perimetre, semestre)
    previous = previous_ready_bilan(perimetre, semestre)
    previous_values = {}
    if previous is not None:
        previous_values = {row["code"]: row["valeur"] for row in previous.snapshot.get("chiffres_cles", [])}
    chiffres = []
    for section in section_rows:
        for figure in (section["donnees"] or {}).get("chiffres_cles", []):
            before = previous_values.get(figure["code"])
            delta = None
            if isinstance(before, int | float) and isinstance(figure["valeur"], int | float):
                delta = round(figure["valeur"] - before, 3)
            chiffres.append({**figure, "precedent": before, "delta": delta})
    territoire = next((s["donnees"] for s in section_rows if s["nom"] == "territoire" and s["donnees"]), {})
    return {
        "schema": SNAPSHOT_SCHEMA,
        # Frozen with the figures: a PDF rebuilt later names the same ARS and keeps its demo mark.
        "operateur": perimetre.ars_nom(),
        "donnees_fictives": settings.IS_DEMO,
        "perimetre": {
            "cle": str(perimetre),
            "type": perimetre.kind,
            "code": perimetre.code,
            "libelle": perimetre.label(),
        },
        "semestre": {
            "code": str(semestre),
            "libelle": semestre.label,
            "debut": semestre.start.isoformat(),
            "fin": semestre.end.isoformat(),
        },
        "date_instantane": timezone.now().isoformat(timespec="seconds"),
        "versions": {"cog": territoire.get("millesime"), "population": territoire.get("millesime")},
        "precedent": {"semestre": previous.semestre, "version": previous.version} if previous else None,
        "chiffres_cles": chiffres,
        "sections": section_rows,
    }


# --- Request ---------------------------------------------------------------------------------


def bilan_request(
    *,
    perimetre: Perimetre,
    semestre: Semestre,
    requested_by=None,
    origine: str = OrigineBilan.DEMANDE,
    enqueue: bool = True,
) -> BilanSemestriel:
    """Record a bilan request (next version for this perimeter and semester) and queue its production
    once the row is committed. Refused while another version of the same bilan is in production."""
    perimetre, semestre = Perimetre.parse(perimetre), Semestre.parse(semestre)
    try:
        perimetre.resolve()
    except ObjectDoesNotExist as exc:
        raise ValidationError(f"Périmètre inconnu : {perimetre}.") from exc
    for _ in range(3):
        try:
            with transaction.atomic():
                bilan = _create_bilan(perimetre, semestre, requested_by, origine)
        except IntegrityError:
            continue  # a concurrent request took the same version number: compute it again
        if enqueue:
            from acces_soins.tasks import produce_bilan
            from config.celery import send_after_commit

            send_after_commit(produce_bilan, bilan.pk)
        return bilan
    raise ValidationError("Le bilan n'a pas pu être enregistré ; réessayez.")


def _create_bilan(perimetre, semestre, requested_by, origine) -> BilanSemestriel:
    existing = BilanSemestriel.objects.for_perimetre(perimetre).filter(semestre=str(semestre))
    if existing.filter(statut__in=[StatutBilan.EN_ATTENTE, StatutBilan.EN_COURS]).exists():
        raise ValidationError("Un bilan de ce périmètre et de ce semestre est déjà en production.")
    version = (existing.aggregate(last=Max("version"))["last"] or 0) + 1
    bilan = BilanSemestriel(
        perimetre_type=perimetre.kind,
        perimetre_code=perimetre.code,
        perimetre_libelle=perimetre.label(),
        semestre=str(semestre),
        version=version,
        origine=origine,
        requested_by=requested_by,
    )
    bilan.full_clean(validate_constraints=False)  # the database checks the unique constraints
    bilan.save()
    return bilan


# --- Production (exactly once) ---------------------------------------------------------------


def bilan_claim(bilan_id: int) -> int | None:
    """Take the bilan for one attempt; return the attempt number, or None if someone else has it."""
    return PRODUCTION.claim(bilan_id)


def bilan_produce(bilan_id: int, *, final_attempt: bool = True) -> BilanSemestriel | None:
    """Produce the bilan if it can be claimed. Returns the ready bilan, or None when there was nothing to
    do (already produced, failed, or taken over). Raises BilanBusy while another live attempt holds it,
    and re-raises transient errors (after releasing the claim) unless this is the final attempt."""
    return PRODUCTION.run(bilan_id, bilan_build, final_attempt=final_attempt)


def bilan_build(bilan: BilanSemestriel, attempt: int) -> BilanSemestriel | None:
    from acces_soins.rendering import render_bilan_pdf

    snapshot = snapshot_bilan(bilan.perimetre_obj, bilan.semestre_obj)
    snapshot["bilan"] = {
        "version": bilan.version,
        "genere_le": timezone.localtime().isoformat(timespec="seconds"),
        "origine": bilan.get_origine_display(),
    }
    if not PRODUCTION.progress(bilan.pk, attempt, 40, snapshot=snapshot, snapshot_at=timezone.now()):
        return None
    with PRODUCTION.heartbeat(bilan.pk, attempt):
        pdf = render_bilan_pdf(snapshot)
    if not PRODUCTION.progress(bilan.pk, attempt, 80):
        return None
    if not PRODUCTION.finish(bilan, attempt, path=bilan_file_path(bilan, "bilan.pdf"), content=pdf):
        return None
    bilan.refresh_from_db()
    bilan_notify(bilan=bilan)
    return bilan


def bilan_notify(*, bilan: BilanSemestriel) -> None:
    """E-mail the requester and the members of the comité that the bilan is ready (one message each)."""
    from django.urls import reverse

    from comptes.enums import OrganisationType
    from comptes.models import Membership
    from comptes.tasks import send_email
    from config.celery import send_after_commit

    recipients = set(
        Membership.objects.active()
        .filter(organisation__type=OrganisationType.COMITE)
        .values_list("user__email", flat=True)
    )
    if bilan.requested_by_id:
        recipients.add(bilan.requested_by.email)
    if bilan.campagne_id:  # produced by a frozen campaign: the comité de pilotage receives it too
        from acces_soins.campagne.destinataires import destinataires_copil

        recipients.update(destinataires_copil(bilan))
    from config.emails import absolute_url

    subject = f"Bilan semestriel {bilan.semestre} prêt — {bilan.perimetre_libelle}"
    body = (
        f"Bonjour,\n\nLe bilan semestriel {bilan.semestre} ({bilan.perimetre_libelle}, version {bilan.version}) "
        f"est prêt : {bilan.page_count} pages.\n"
        f"Il est téléchargeable depuis le portail Santé Territoires, rubrique « Bilans semestriels » : "
        f"{absolute_url(reverse('acces_soins:bilan_detail', args=[bilan.public_id]))}\n\n"
        "Prochaine étape : aucune action n'est attendue de votre part ; le bilan reste disponible sur le portail "
        "pour le comité d'évaluation et l'ARS.\n\n"
        "Ce message est envoyé automatiquement.\n"
    )
    expediteur = bilan.perimetre_obj.identite().expediteur  # the sender of the bilan's région
    for email in sorted(recipients):
        send_after_commit(send_email, subject=subject, body=body, to=[email], from_email=expediteur)


def bilans_request_scheduled(*, today=None) -> list[BilanSemestriel]:
    """On 1 January and 1 July, for each région with a plan: the regional bilan and one per département for the
    semester just ended — the fallback of a région without a campaign for that semester (a campaign's bilans are
    produced when it is frozen). Idempotent: a perimeter that already has a scheduled bilan for that semester is
    skipped."""
    from acces_soins.models import Campagne, Plan

    semestre = Semestre.last_ended_before(today or timezone.localdate())
    with_campaign = Campagne.objects.filter(semestre=str(semestre)).values("region_code")
    perimetres = []
    for code in (
        Plan.objects.exclude(region_code__in=with_campaign)
        .order_by("region_code")
        .values_list("region_code", flat=True)
        .distinct()
    ):
        region = Perimetre.region(code)
        perimetres += [region] + [Perimetre.departement(code) for code in region.departement_codes()]
    created = []
    for perimetre in perimetres:
        already = BilanSemestriel.objects.for_perimetre(perimetre).filter(semestre=str(semestre))
        if already.filter(origine=OrigineBilan.CALENDRIER).exists():
            continue
        try:
            created.append(bilan_request(perimetre=perimetre, semestre=semestre, origine=OrigineBilan.CALENDRIER))
        except ValidationError as exc:
            logger.warning("Scheduled bilan %s %s not requested: %s", perimetre, semestre, exc.messages)
    return created


def bilans_to_resume(*, all_unfinished: bool = False) -> list[int]:
    """The bilans whose production stopped (see `config.production.Production.to_resume`)."""
    return PRODUCTION.to_resume(all_unfinished=all_unfinished)
