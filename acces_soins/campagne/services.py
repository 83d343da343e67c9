"""Writes of a campaign: open it (contributors generated from the data), write a contribution, move it along its state
machine (brouillon → transmise → validée → consolidée, or renvoyée with a reason; every move logged), freeze it.

What a contribution says acts on the portal's data (a fiche's status, a measure's status in a département, an
indicator's value) only when the délégation validates it, and never after the freeze: a contribution transmitted
once the campaign is frozen is recorded as a dated erratum, outside the frozen numbers.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from acces_soins.campagne.contributeurs import contributeurs
from acces_soins.enums import (
    ETATS_A_TRANSMETTRE,
    EtatContribution,
    OrigineBilan,
    OrigineGel,
    StatutCampagne,
    TypeContributeur,
)
from acces_soins.models import (
    Campagne,
    Contribution,
    Erratum,
    LigneContribution,
    NoteSemestrielle,
    TransitionContribution,
)
from acces_soins.notes import KINDS, note_appliquer, note_enregistrer
from acces_soins.periods import Perimetre, Semestre

logger = logging.getLogger(__name__)

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    "transmettre": (ETATS_A_TRANSMETTRE, EtatContribution.TRANSMISE),
    "valider": (frozenset({EtatContribution.TRANSMISE}), EtatContribution.VALIDEE),
    "renvoyer": (frozenset({EtatContribution.TRANSMISE, EtatContribution.VALIDEE}), EtatContribution.RENVOYEE),
    "consolider": (frozenset({EtatContribution.VALIDEE}), EtatContribution.CONSOLIDEE),
}


# --- Opening -----------------------------------------------------------------------------------


def _content_type(label: str) -> ContentType:
    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model)


def _create_contribution(campagne: Campagne, spec) -> Contribution:
    contribution = Contribution(
        campagne=campagne,
        type=spec.type,
        organisation_id=spec.organisation_id,
        departement_id=spec.departement_id,
        objet_type=_content_type(spec.objet_model) if spec.objet_model else None,
        objet_id=spec.objet_id,
        libelle=spec.libelle[:300],
        prerempli={"chiffres": spec.chiffres},
    )
    contribution.full_clean(validate_constraints=False)
    contribution.save()
    lignes = []
    for ordre, line in enumerate(spec.lignes):
        lignes.append(
            LigneContribution(
                contribution=contribution,
                ordre=ordre,
                kind=line.kind,
                content_type=KINDS[line.kind].content_type,
                object_id=line.object_id,
                cle=line.cle,
                reference=line.reference[:60],
                libelle=line.libelle[:300],
                priorite=line.priorite,
                requis=line.requis,
                prerempli=line.prerempli,
            )
        )
    LigneContribution.objects.bulk_create(lignes)
    return contribution


def _link_existing_notes(campagne: Campagne) -> None:
    """A note already written for the semester (an action's, a measure's…) is the line's note: shown, not retyped."""
    lignes = list(LigneContribution.objects.filter(contribution__campagne=campagne))
    notes = {
        note.target_key: note
        for note in NoteSemestrielle.objects.for_targets(
            {line.target_key for line in lignes}, semestres=[campagne.semestre]
        )
    }
    changed = []
    for line in lignes:
        note = notes.get(line.target_key)
        if note is not None:
            line.note, line.complete = note, KINDS[line.kind].is_complete(note)
            changed.append(line)
    LigneContribution.objects.bulk_update(changed, ["note", "complete"])


@transaction.atomic
def campagne_ouvrir(
    *, region_code: str, semestre: Semestre, date_cloture: datetime.date, regle: str = "", by, notify: bool = True
) -> Campagne:
    """Open the région's campaign for a semester: one contribution per contributor found in the data, each with its
    pre-filled lines; e-mail each contributor its task (after commit) and schedule the closing."""
    semestre = Semestre.parse(semestre)
    if date_cloture < semestre.start:
        raise ValidationError({"date_cloture": "La clôture ne peut précéder le début du semestre."})
    campagne = Campagne(
        region_code=region_code, semestre=str(semestre), date_cloture=date_cloture, cloture_regle=regle, ouverte_par=by
    )
    campagne.full_clean()
    campagne.save()
    for spec in contributeurs(region_code=region_code, semestre=semestre):
        _create_contribution(campagne, spec)
    _link_existing_notes(campagne)
    from acces_soins.campagne.planification import planifier_cloture

    planifier_cloture(campagne)
    if notify:
        from acces_soins.campagne.emails import notify_ouverture

        notify_ouverture(campagne)
    return campagne


# --- Writing a contribution --------------------------------------------------------------------


@transaction.atomic
def contribution_enregistrer(*, contribution: Contribution, by, reponses: dict[int, dict]) -> Contribution:
    """Record the contributor's answers (line id → the note form's data) as the semester notes of their targets.
    Nothing acts on the portal's data yet: the délégation's validation does."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.etat not in ETATS_A_TRANSMETTRE:
        raise ValidationError("Cette contribution a été transmise : elle ne se modifie plus.")
    semestre = Semestre.parse(contribution.campagne.semestre)
    lignes = {line.pk: line for line in contribution.lignes.filter(requis=True)}
    changed = []
    for line_id, data in reponses.items():
        line = lignes.get(line_id)
        if line is None:
            continue
        kind = KINDS[line.kind]
        note = note_enregistrer(
            kind=kind, object_id=line.object_id, cle=line.cle, semestre=semestre, user=by, appliquer=False, **data
        )
        line.note, line.complete = note, kind.is_complete(note)
        changed.append(line)
    LigneContribution.objects.bulk_update(changed, ["note", "complete"])
    contribution.save(update_fields=["updated_at"])
    return contribution


def lignes_manquantes(contribution: Contribution) -> list[LigneContribution]:
    return list(contribution.lignes.filter(requis=True, complete=False).order_by("ordre"))


# --- The state machine -------------------------------------------------------------------------


def _move(contribution: Contribution, action: str, *, by, motif: str = "") -> Contribution:
    origins, target = TRANSITIONS[action]
    contribution = Contribution.objects.select_for_update().select_related("campagne").get(pk=contribution.pk)
    if contribution.etat not in origins:
        raise ValidationError(f"Action impossible : la contribution est « {contribution.get_etat_display().lower()} ».")
    if target == EtatContribution.RENVOYEE and not motif.strip():
        raise ValidationError({"motif": "Indiquez le motif du renvoi : le contributeur le lira."})
    previous = contribution.etat
    contribution.etat = target
    if target == EtatContribution.RENVOYEE:
        contribution.motif = motif.strip()
    contribution._history_user = by
    contribution.full_clean(validate_constraints=False)
    contribution.save()
    TransitionContribution.objects.create(
        contribution=contribution, de=previous, vers=target, par=by, motif=motif.strip()
    )
    return contribution


def _source(contribution: Contribution) -> str:
    return f"Remontée « {contribution.libelle} », campagne {contribution.campagne.semestre}"


def _apply(contribution: Contribution, *, by) -> None:
    """What the validated contribution says now acts on the portal's data — unless it came after the freeze."""
    if contribution.apres_gel:
        return
    source = _source(contribution)
    for line in contribution.lignes.filter(requis=True, note__isnull=False).select_related("note"):
        note_appliquer(note=line.note, kind=KINDS[line.kind], user=by, source=source)


@transaction.atomic
def contribution_transmettre(*, contribution: Contribution, by) -> Contribution:
    """Send the contribution to its délégation (a délégation's own contribution is validated as it is sent). Every
    line that needs a person must be filled in. After the freeze it goes to a dated erratum."""
    missing = lignes_manquantes(contribution)
    if missing:
        names = ", ".join(str(line) for line in missing[:5]) + (" …" if len(missing) > 5 else "")
        raise ValidationError(f"Il reste {len(missing)} ligne(s) à renseigner avant de transmettre : {names}.")
    contribution = _move(contribution, "transmettre", by=by)
    contribution.transmise_le = timezone.now()
    contribution.apres_gel = contribution.campagne.est_gelee
    contribution.save(update_fields=["transmise_le", "apres_gel", "updated_at"])
    if contribution.apres_gel:
        from acces_soins.campagne.snapshot import contribution_data

        Erratum.objects.create(
            campagne=contribution.campagne, contribution=contribution, par=by, contenu=contribution_data(contribution)
        )
    if contribution.type == TypeContributeur.DELEGATION:
        return contribution_valider(contribution=contribution, by=by)
    from acces_soins.campagne.emails import notify_transition

    notify_transition(contribution, "transmettre")
    return contribution


@transaction.atomic
def contribution_valider(*, contribution: Contribution, by) -> Contribution:
    contribution = _move(contribution, "valider", by=by)
    _apply(contribution, by=by)
    from acces_soins.campagne.emails import notify_transition

    notify_transition(contribution, "valider")
    return contribution


@transaction.atomic
def contribution_renvoyer(*, contribution: Contribution, by, motif: str) -> Contribution:
    contribution = _move(contribution, "renvoyer", by=by, motif=motif)
    from acces_soins.campagne.emails import notify_transition

    notify_transition(contribution, "renvoyer")
    return contribution


@transaction.atomic
def contribution_consolider(*, contribution: Contribution, by) -> Contribution:
    contribution = _move(contribution, "consolider", by=by)
    from acces_soins.campagne.emails import notify_transition

    notify_transition(contribution, "consolider")
    return contribution


# --- Freezing ----------------------------------------------------------------------------------


def _request_bilans(campagne: Campagne, *, by, enqueue: bool) -> list:
    """The regional bilan and one per département, produced by the worker from the frozen campaign."""
    from acces_soins.models import BilanSemestriel
    from acces_soins.services.bilans import bilan_request

    region = Perimetre.region(campagne.region_code)
    bilans = []
    for perimetre in [region] + [Perimetre.departement(code) for code in region.departement_codes()]:
        try:
            bilan = bilan_request(
                perimetre=perimetre,
                semestre=campagne.semestre_obj,
                requested_by=by,
                origine=OrigineBilan.CAMPAGNE,
                enqueue=enqueue,
            )
        except ValidationError as exc:
            logger.warning("Campaign bilan %s %s not requested: %s", perimetre, campagne.semestre, exc.messages)
            continue
        BilanSemestriel.objects.filter(pk=bilan.pk).update(campagne=campagne)
        bilans.append(bilan)
    return bilans


@transaction.atomic
def campagne_geler(*, campagne: Campagne, by=None, origine: str = OrigineGel.SIEGE, enqueue: bool = True) -> Campagne:
    """Freeze the campaign: its snapshot (every contribution as it stands, the comité's avis) is stored once, the
    bilans are requested from it (worker, after commit). Later contributions go to dated errata."""
    from acces_soins.campagne.planification import annuler_cloture
    from acces_soins.campagne.snapshot import campagne_snapshot

    campagne = Campagne.objects.select_for_update().get(pk=campagne.pk)
    if campagne.est_gelee:
        raise ValidationError("Cette campagne est déjà gelée.")
    now = timezone.now()
    campagne.snapshot = campagne_snapshot(campagne, at=now)
    campagne.statut, campagne.gelee_le, campagne.gelee_par, campagne.origine_gel = (
        StatutCampagne.GELEE,
        now,
        by,
        origine,
    )
    campagne._history_user = by
    campagne.full_clean()
    campagne.save()
    annuler_cloture(campagne)
    _request_bilans(campagne, by=by, enqueue=enqueue)
    return campagne


def campagne_cloturer_programmee(campagne_id: int, *, enqueue: bool = True) -> bool:
    """The beat's closing of a campaign (the day after its closing date): freeze it if the siège has not. Idempotent."""
    campagne = Campagne.objects.filter(pk=campagne_id, statut=StatutCampagne.OUVERTE).first()
    if campagne is None:
        return False
    try:
        campagne_geler(campagne=campagne, origine=OrigineGel.PLANIFICATION, enqueue=enqueue)
    except ValidationError:
        return False  # frozen meanwhile by the siège
    return True
