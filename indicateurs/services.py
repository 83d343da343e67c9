"""Writes of the indicators space: value entry, avis, recomputation of computed indicators."""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from config.typography import fr_plural, fr_quantity
from indicateurs.enums import Mode, PerimetreKind, Provenance, RecalculStatus
from indicateurs.models import Avis, Baseline, Cible, Indicateur, Perimetre, Recalcul, Valeur
from indicateurs.semestre import Semestre

logger = logging.getLogger(__name__)


@transaction.atomic
def valeur_enregistrer(
    *,
    indicateur: Indicateur,
    perimetre: Perimetre,
    periode: Semestre,
    valeur: Decimal | None,
    secret: bool = False,
    provenance: str = Provenance.SAISIE,
    saisi_par=None,
    lot=None,
    commentaire: str = "",
    fictif: bool = False,
) -> Valeur:
    """Create or replace the value of (indicator, perimeter, semester); the history keeps the previous one.
    `fictif`: the value is made of fictitious (demo) data, and says so wherever it is shown."""
    instance = Valeur.objects.filter(indicateur=indicateur, perimetre=perimetre, periode=str(periode)).first()
    instance = instance or Valeur(indicateur=indicateur, perimetre=perimetre, periode=str(periode))
    instance.valeur = None if secret else valeur
    instance.secret = secret
    instance.provenance = provenance
    instance.saisi_par = saisi_par
    instance.lot = lot
    instance.commentaire = commentaire
    instance.fictif = fictif
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def repere_enregistrer(
    *,
    model: type[Baseline] | type[Cible],
    indicateur: Indicateur,
    perimetre: Perimetre,
    valeur: Decimal,
    periode: Semestre,
    source: str = "",
    qualificatif: str = "",
) -> Baseline | Cible:
    """Set the baseline or the target of an indicator on a perimeter (one each; the history keeps the previous).
    The value entered replaces the former one with everything that qualified it (document, note, à confirmer)."""
    instance = model.objects.filter(indicateur=indicateur, perimetre=perimetre).first()
    instance = instance or model(indicateur=indicateur, perimetre=perimetre)
    instance.valeur, instance.periode, instance.qualificatif = valeur, str(periode), qualificatif
    instance.document, instance.source, instance.a_confirmer, instance.note = None, source, False, ""
    instance.fictif = False
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def avis_enregistrer(*, indicateur: Indicateur, periode: Semestre, texte: str, auteur) -> Avis:
    """Record an avis of the comité; earlier avis stay visible (each avis is a new row)."""
    avis = Avis(indicateur=indicateur, periode=str(periode), texte=texte.strip(), auteur=auteur)
    avis.full_clean()
    avis.save()
    return avis


def recalcul_demander(*, periode: Semestre, demande_par=None) -> Recalcul:
    """Queue a recomputation of every computed indicator for a semester (task sent after commit)."""
    from config.celery import send_after_commit
    from indicateurs.tasks import recalculer_indicateurs

    recalcul = Recalcul.objects.create(periode=str(periode), demande_par=demande_par)
    send_after_commit(recalculer_indicateurs, recalcul.pk)
    return recalcul


def recalcul_regions(recalcul: Recalcul) -> list[str]:
    """The régions a recomputation covers: its requester's; a scheduled one (no requester), every région with an ARS
    siège on the portal or whose indicator space is open (its regional perimeter exists)."""
    from comptes.enums import OrganisationType
    from comptes.models import Organisation
    from comptes.perms import user_region_code

    own = user_region_code(recalcul.demande_par) if recalcul.demande_par_id else None
    if own:
        return [own]
    sieges = Organisation.objects.filter(type=OrganisationType.ARS_SIEGE).exclude(region=None)
    codes = set(sieges.values_list("region__code", flat=True))
    codes |= set(Perimetre.objects.filter(kind=PerimetreKind.REGION).values_list("code", flat=True))
    return sorted(codes)


def recalcul_executer(*, recalcul_id: int, region_code: str | None = None) -> Recalcul | None:
    """Run a queued recomputation once (claimed PENDING → RUNNING); store the values as « calculé », flagged
    `fictif` when they are made of fictitious data (`calculs.donnees_fictives`).

    Each indicator reports « n valeurs » or « source non disponible : … »; no value is stored for a
    perimeter whose figure is unavailable. Without `region_code`: the régions of `recalcul_regions`.
    """
    from indicateurs.calculs import SourceIndisponible, calculer, donnees_fictives
    from indicateurs.perimetres import perimetres_territoriaux

    claimed = Recalcul.objects.filter(pk=recalcul_id, status=RecalculStatus.PENDING).update(
        status=RecalculStatus.RUNNING
    )
    if not claimed:
        return None
    recalcul = Recalcul.objects.get(pk=recalcul_id)
    semestre = Semestre.parse(recalcul.periode)
    resultats = {}
    try:
        codes = [region_code] if region_code else recalcul_regions(recalcul)
        perimetres = [perimetre for code in codes for perimetre in perimetres_territoriaux(code)]
        for indicateur in Indicateur.objects.actifs().filter(mode=Mode.CALCULE):
            try:
                with transaction.atomic():
                    stored, fictif = 0, donnees_fictives(indicateur.code)
                    for perimetre in perimetres:
                        if perimetre.kind not in indicateur.niveaux:
                            continue
                        value = calculer(indicateur.code, perimetre, semestre)
                        if value is None:
                            continue
                        valeur_enregistrer(
                            indicateur=indicateur,
                            perimetre=perimetre,
                            periode=semestre,
                            valeur=value,
                            provenance=Provenance.CALCUL,
                            saisi_par=recalcul.demande_par,
                            fictif=fictif,
                        )
                        stored += 1
                resultats[indicateur.code] = fr_quantity(stored, "valeur calculée", "valeurs calculées") + (
                    f" — {fr_plural(stored, 'fictive')}" if fictif else ""
                )
            except SourceIndisponible as error:
                resultats[indicateur.code] = str(error)
    except Exception as error:
        logger.exception("Recalcul %s failed", recalcul_id)
        Recalcul.objects.filter(pk=recalcul_id).update(
            status=RecalculStatus.FAILED,
            resultats=resultats,
            erreur=f"Erreur inattendue : {error}",
            termine_le=timezone.now(),
        )
        raise
    Recalcul.objects.filter(pk=recalcul_id).update(
        status=RecalculStatus.DONE, resultats=resultats, termine_le=timezone.now()
    )
    recalcul.refresh_from_db()
    return recalcul


@transaction.atomic
def indicateur_fiche_lier(*, fiche, indicateur: Indicateur, cible_valeur: Decimal, echeance: Semestre, by):
    """Link a catalogue indicator to a fiche action with the fiche's own target (updates the target if
    already linked). Registers the CLS as a perimeter so its own values can be entered."""
    from indicateurs.models import IndicateurFiche
    from indicateurs.perimetres import perimetre_programme

    contrat = fiche.contrat
    perimetre_programme(
        kind=PerimetreKind.CLS, code=str(contrat.public_id), libelle=contrat.nom, departement=contrat.departement
    )
    lien = IndicateurFiche.objects.filter(fiche=fiche, indicateur=indicateur).first()
    lien = lien or IndicateurFiche(fiche=fiche, indicateur=indicateur, created_by=by)
    lien.cible_valeur, lien.echeance = cible_valeur, str(echeance)
    lien._history_user = by
    lien.full_clean()
    lien.save()
    return lien


@transaction.atomic
def indicateur_fiche_delier(*, lien, by) -> None:
    """Remove the link between a fiche action and an indicator (the history keeps it)."""
    lien._history_user = by
    lien.delete()
