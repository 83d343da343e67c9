"""Reads of the indicators space, in a constant number of queries; plus the hooks other apps call."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery

from indicateurs.enums import PerimetreKind, Priorite, Statut
from indicateurs.models import Avis, Baseline, Cible, Indicateur, IndicateurFiche, Perimetre, Valeur
from indicateurs.semestre import Semestre


@dataclass
class Ligne:
    """One indicator on one perimeter: latest value, baseline, target and status."""

    indicateur: Indicateur
    derniere: Valeur | None
    baseline: Baseline | None
    cible: Cible | None
    statut: Statut
    valeurs: list[Valeur] = field(default_factory=list)  # oldest first

    @property
    def fictif(self) -> bool:
        return any(item is not None and item.fictif for item in (self.derniere, self.baseline, self.cible))


def _by_indicateur(queryset) -> dict[int, object]:
    return {item.indicateur_id: item for item in queryset}


def lignes(
    indicateurs: list[Indicateur], perimetre: Perimetre, *, jusqua: Semestre | None = None, valeurs=None
) -> list[Ligne]:
    """Status rows for indicators on a perimeter (3 queries whatever the number of indicators; 2 when the values
    of these indicators on this perimeter are given, e.g. the `serie` a page already read)."""
    ids = [indicateur.pk for indicateur in indicateurs]
    if valeurs is None:
        valeurs = Valeur.objects.filter(indicateur_id__in=ids, perimetre=perimetre)
        valeurs = valeurs.order_by("indicateur_id", "-periode")
        if jusqua:
            valeurs = valeurs.filter(periode__lte=str(jusqua))
    else:
        valeurs = sorted(valeurs, key=lambda valeur: valeur.periode, reverse=True)
        valeurs.sort(key=lambda valeur: valeur.indicateur_id)  # stable: newest first within each indicator
        if jusqua:
            valeurs = [valeur for valeur in valeurs if valeur.periode <= str(jusqua)]
    latest, history = {}, {}
    for valeur in valeurs:
        latest.setdefault(valeur.indicateur_id, valeur)
        history.setdefault(valeur.indicateur_id, []).insert(0, valeur)
    baselines = _by_indicateur(
        Baseline.objects.filter(indicateur_id__in=ids, perimetre=perimetre).select_related("document")
    )
    cibles = _by_indicateur(Cible.objects.filter(indicateur_id__in=ids, perimetre=perimetre).select_related("document"))
    rows = []
    for indicateur in indicateurs:
        derniere, baseline, cible = latest.get(indicateur.pk), baselines.get(indicateur.pk), cibles.get(indicateur.pk)
        statut = indicateur.statut(derniere, baseline, cible)
        rows.append(Ligne(indicateur, derniere, baseline, cible, statut, history.get(indicateur.pk, [])))
    return rows


def tableau_de_bord(perimetre: Perimetre, *, historique: bool = True) -> list[tuple[Priorite, list[Ligne]]]:
    """The dashboard: for each of the four priorities, its indicators' rows (4 queries in all): the national battery
    and the perimeter's région's own indicators.

    `historique=False` reads only each indicator's latest value (the statuses, without the trend lines): what the
    home page's panel counts, without loading every semester of every indicator."""
    indicateurs = Indicateur.objects.actifs()
    if isinstance(perimetre, Perimetre):
        indicateurs = indicateurs.filter(Q(region=None) | Q(region_id=perimetre.region_id))
    indicateurs = list(indicateurs)
    valeurs = None
    if not historique:
        # The latest value of each indicator: one index lookup per indicator (a few dozen), not a subquery per
        # value of the perimeter (every semester of every indicator); `lignes` sorts them.
        latest = Valeur.objects.filter(indicateur_id=OuterRef("pk"), perimetre=perimetre).order_by("-periode")
        ids = [indicateur.pk for indicateur in indicateurs]
        latest_ids = Indicateur.objects.filter(pk__in=ids).annotate(latest=Subquery(latest.values("pk")[:1]))
        valeurs = Valeur.objects.filter(pk__in=latest_ids.order_by().values("latest")).order_by()
    rows = lignes(indicateurs, perimetre, valeurs=valeurs)
    return [(priorite, [row for row in rows if row.indicateur.priorite == priorite]) for priorite in Priorite]


def perimetres_du_tableau(region_code: str) -> list[Perimetre]:
    """The perimeters offered on the dashboard: the région first, then its départements."""
    perimetres = Perimetre.objects.filter(
        Q(kind=PerimetreKind.REGION, code=region_code)
        | Q(kind=PerimetreKind.DEPARTEMENT, departement__region__code=region_code)
    )
    return sorted(perimetres, key=lambda item: (item.kind != PerimetreKind.REGION, item.code))


def serie(indicateur: Indicateur, perimetre: Perimetre) -> list[Valeur]:
    """Every value of an indicator on a perimeter, oldest first."""
    return list(
        Valeur.objects.filter(indicateur=indicateur, perimetre=perimetre)
        .select_related("saisi_par")
        .order_by("periode")
    )


def par_departement(
    indicateur: Indicateur, periode: Semestre, region_code: str, *, perimetres: list[Perimetre] | None = None
) -> list[tuple[Perimetre, Valeur | None]]:
    """The value of each département of the région for one semester (`perimetres`: the dashboard's, already
    read by `perimetres_du_tableau`, saves a query)."""
    if perimetres is None:
        perimetres = perimetres_du_tableau(region_code)
    departements = sorted((p for p in perimetres if p.kind == PerimetreKind.DEPARTEMENT), key=lambda p: p.code)
    valeurs = {
        valeur.perimetre_id: valeur
        for valeur in Valeur.objects.filter(
            indicateur=indicateur, periode=str(periode), perimetre__in=[departement.pk for departement in departements]
        )
    }
    return [(departement, valeurs.get(departement.pk)) for departement in departements]


def historique(indicateur: Indicateur, perimetre: Perimetre, limit: int = 20) -> list:
    """The latest changes of the values of an indicator on a perimeter (who, when, what), newest first."""
    return list(
        Valeur.history.filter(indicateur=indicateur, perimetre=perimetre)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


def avis_de(indicateur: Indicateur) -> list[Avis]:
    return list(Avis.objects.filter(indicateur=indicateur).select_related("auteur"))


# --- Hooks for other apps (fiches actions of the cls app, bilans of acces_soins) -----------------


def indicateurs_catalogue() -> list[Indicateur]:
    """The active catalogue, for a fiche action to choose the indicators it links to."""
    return list(Indicateur.objects.actifs())


def valeur(indicateur: Indicateur, perimetre: Perimetre, periode: Semestre) -> Valeur | None:
    """The value of an indicator for a perimeter and a semester (design.md §2)."""
    return Valeur.objects.filter(indicateur=indicateur, perimetre=perimetre, periode=str(periode)).first()


def dernieres_valeurs(codes: list[str], perimetre: Perimetre) -> dict[str, Ligne]:
    """Latest value, baseline, target and status of the given indicator codes on a perimeter,
    keyed by code (what a fiche action shows for its linked indicators)."""
    indicateurs = list(Indicateur.objects.filter(code__in=codes))
    return {row.indicateur.code: row for row in lignes(indicateurs, perimetre)}


def _qualificatif(repere) -> str:
    """« plus de », « environ »…; empty for an exact figure or none."""
    return repere.get_qualificatif_display() if repere is not None and repere.qualificatif else ""


def _number(value):
    return float(value) if value is not None else None


def indicateurs_du_bilan(*, kind: str, code: str, semestre: Semestre, avis: bool = True) -> list[dict]:
    """The indicators section of a semester bilan, as plain data (frozen in the bilan's snapshot).

    For a territorial perimeter (kind "region" or "departement" and its INSEE code): every active
    indicator with its baseline, target, latest value up to the semester, status and the comité's avis
    of the semester (frozen with the rest). Pure read: a perimeter that has no row yet simply has no
    value (a constant number of queries whatever the catalogue size). `avis=False`: without the comité's avis (one
    query fewer, for a document that does not show them).
    """
    perimetre = Perimetre.objects.filter(kind=kind, code=code).first()
    indicateurs = Indicateur.objects.actifs()
    if perimetre:  # the national battery and the perimeter's région's own indicators
        indicateurs = indicateurs.filter(Q(region=None) | Q(region_id=perimetre.region_id))
    indicateurs = list(indicateurs)
    rows = lignes(indicateurs, perimetre, jusqua=semestre) if perimetre else []
    by_id = {row.indicateur.pk: row for row in rows}
    avis_of: dict[int, list[dict]] = {}
    for item in Avis.objects.filter(periode=str(semestre)).order_by("cree_le", "pk") if avis else ():
        avis_of.setdefault(item.indicateur_id, []).append(
            {"texte": item.texte, "date": item.cree_le.date().isoformat()}
        )
    result = []
    for indicateur in indicateurs:
        row = by_id.get(indicateur.pk)
        derniere = row.derniere if row else None
        result.append(
            {
                "code": indicateur.code,
                "libelle": indicateur.libelle,
                "priorite": indicateur.priorite,
                "unite": indicateur.get_unite_display(),
                "reference": _number(row.baseline.valeur) if row and row.baseline else None,
                "reference_qualificatif": _qualificatif(row.baseline if row else None),
                "reference_a_confirmer": bool(row and row.baseline and row.baseline.a_confirmer),
                "cible": _number(row.cible.valeur) if row and row.cible else None,
                "valeur": _number(derniere.valeur) if derniere else None,
                "secret": bool(derniere and derniere.secret),
                "periode": derniere.periode if derniere else None,
                "statut": str(row.statut.label) if row else str(Statut.NON_EVALUABLE.label),
                "fictif": bool(row and row.fictif),
                "avis": avis_of.get(indicateur.pk, []),
            }
        )
    return result


@dataclass
class LigneFiche:
    """A catalogue indicator linked to a fiche action: latest value, its perimeter, the fiche's target, status."""

    lien: IndicateurFiche
    perimetre: Perimetre | None
    derniere: Valeur | None
    baseline: Baseline | None
    statut: Statut

    @property
    def indicateur(self) -> Indicateur:
        return self.lien.indicateur


def indicateurs_de_fiche(fiche) -> list[LigneFiche]:
    """The indicators linked to a fiche action, in 3 queries whatever their number.

    Perimeter rule: the CLS's own perimeter (kind "cls", code = the contract's public id) when it has a
    value for the indicator; otherwise the contract's département. The baseline comes from the same
    perimeter as the value; the target is the fiche's own; the status is Indicateur.statut (one rule).
    """
    liens = list(IndicateurFiche.objects.filter(fiche=fiche).select_related("indicateur"))
    if not liens:
        return []
    contrat = fiche.contrat
    # The two perimeters are joined in the values' and baselines' queries (not read on their own).
    where = Q(perimetre__kind=PerimetreKind.CLS, perimetre__code=str(contrat.public_id)) | Q(
        perimetre__kind=PerimetreKind.DEPARTEMENT, perimetre__code=contrat.departement.code
    )
    ids = [lien.indicateur_id for lien in liens]
    latest = {}
    for valeur in Valeur.objects.filter(where, indicateur_id__in=ids).select_related("perimetre").order_by("-periode"):
        latest.setdefault((valeur.indicateur_id, valeur.perimetre_id), valeur)
    perimetres = {valeur.perimetre.kind: valeur.perimetre for valeur in latest.values()}
    ordre = [perimetres[kind] for kind in (PerimetreKind.CLS, PerimetreKind.DEPARTEMENT) if kind in perimetres]
    baselines = {
        (item.indicateur_id, item.perimetre_id): item for item in Baseline.objects.filter(where, indicateur_id__in=ids)
    }
    rows = []
    for lien in liens:
        perimetre = next((item for item in ordre if (lien.indicateur_id, item.pk) in latest), None)
        key = (lien.indicateur_id, perimetre.pk if perimetre else None)
        derniere, baseline = latest.get(key), baselines.get(key)
        rows.append(LigneFiche(lien, perimetre, derniere, baseline, lien.indicateur.statut(derniere, baseline, lien)))
    return rows


def valeurs_comparees(perimetres: list[tuple[str, str]]) -> list[dict]:
    """The latest value of every active indicator on each perimeter ((niveau, code) pairs, e.g. an EPCI next to its
    département and région), one query. One row per indicator that has a value on at least one of them.

    Only the latest semester of each (indicator, perimeter) leaves the database (no newer value exists: an index-only
    probe per value): every semester of every indicator was read into Python before, 3 000 model instances for an
    EPCI's portrait on the national data set."""
    condition = Q(pk__in=[])
    for kind, code in perimetres:
        condition |= Q(perimetre__kind=kind, perimetre__code=code)
    newer = Valeur.objects.filter(
        indicateur_id=OuterRef("indicateur_id"), perimetre_id=OuterRef("perimetre_id"), periode__gt=OuterRef("periode")
    )
    values = (
        Valeur.objects.filter(condition, indicateur__actif=True)
        .exclude(Exists(newer))
        .select_related("indicateur", "perimetre")
        .order_by("indicateur__priorite", "indicateur__code")
    )
    rows: dict[int, dict] = {}
    for valeur in values:
        row = rows.setdefault(
            valeur.indicateur_id,
            {
                "code": valeur.indicateur.code,
                "libelle": valeur.indicateur.libelle,
                "unite": valeur.indicateur.get_unite_display(),
                "source": valeur.indicateur.source,
                "valeurs": {},
            },
        )
        row["valeurs"][f"{valeur.perimetre.kind}:{valeur.perimetre.code}"] = {
            "valeur": None if valeur.secret or valeur.valeur is None else float(valeur.valeur),
            "secret": valeur.secret,
            "periode": valeur.periode,
            "fictif": valeur.fictif,
        }
    return list(rows.values())
