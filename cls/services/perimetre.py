"""The CLS of any set of communes (portrait de territoire): contracts covering them, coverage, EPCI alignment.

Public reading: the contracts signed and in force on the date (public acts). The ARS's reading (`details`): every
contract not abandoned, with its stage, its fiches actions, its ARS référent, its coordination contact and its EPCI
alignment. One query (the fiches counted in one subquery); the ledger records of the contracts are returned as a lazy
queryset (a subquery for `financements`)."""

import datetime

from django.db.models import Count, Exists, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject

from cls.enums import Etape, StatutFiche
from cls.models import ContratLocalSante, EtapeTransition, FicheAction, FinancementIngenierie
from territoires.models import Commune

THROUGH = ContratLocalSante.perimetre.through
FIELDS = {
    "id": "contratlocalsante_id",
    "public_id": "contratlocalsante__public_id",
    "nom": "contratlocalsante__nom",
    "etape": "contratlocalsante__etape",
    "date_signature": "contratlocalsante__date_signature",
    "date_fin": "contratlocalsante__date_fin",
    "population": "contratlocalsante__population",
    "porteur": "contratlocalsante__porteur__nom",
    "departement": "contratlocalsante__departement__code",
    "referent_prenom": "contratlocalsante__referent__first_name",
    "referent_nom": "contratlocalsante__referent__last_name",
    "referent_email": "contratlocalsante__referent__email",
    "contact": "contratlocalsante__lettre__contact_nom",
}


def _en_vigueur(row: dict, on: datetime.date) -> bool:
    return bool(
        row["date_signature"]
        and row["date_signature"] <= on
        and row["date_fin"]
        and row["date_fin"] >= on
        and not row["abandonne"]
    )


def cls_du_perimetre(commune_ids, *, on: datetime.date, details: bool) -> dict:
    """{contrats: [...], communes_couvertes: {commune ids covered by a CLS in force}, beneficiaires: queryset}."""
    ids = set(commune_ids)
    abandoned = EtapeTransition.objects.filter(
        contrat=OuterRef("contratlocalsante_id"), to_etape=Etape.ABANDONNE, date__lte=on
    )
    rows = THROUGH.objects.exclude(contratlocalsante__etape=Etape.ABANDONNE).annotate(abandonne=Exists(abandoned))
    epci = ()
    if details:
        # Every commune of the contracts touching the perimeter, with its EPCI and the EPCI's size: the alignment
        # is read in the same query.
        touching = THROUGH.objects.filter(commune_id__in=list(ids)).values("contratlocalsante_id")
        rows = rows.filter(contratlocalsante_id__in=touching).annotate(taille=EPCI_SIZE, fiches=_fiche_counts(on))
        epci = ("commune__epci_id", "commune__epci__nom", "commune__epci__siren", "taille", "fiches")
    else:
        rows = rows.filter(commune_id__in=list(ids))
    contrats: dict[int, dict] = {}
    couvertes = set()
    alignement: dict[int, dict] = {}
    for row in rows.values("commune_id", "abandonne", *FIELDS.values(), *epci):
        values = {key: row[field] for key, field in FIELDS.items()} | {"abandonne": row["abandonne"]}
        contrat = contrats.setdefault(values["id"], {**values, "communes": 0, "en_vigueur": _en_vigueur(values, on)})
        if details:
            contrat.setdefault("fiches", dict.fromkeys(FICHE_KEYS, 0) | (row["fiches"] or {}))
            _count_epci(alignement.setdefault(values["id"], {}), row)
        if row["commune_id"] not in ids:
            continue
        contrat["communes"] += 1
        if contrat["en_vigueur"]:
            couvertes.add(row["commune_id"])
    if not details:
        contrats = {pk: contrat for pk, contrat in contrats.items() if contrat["en_vigueur"]}
    for contrat in contrats.values():
        contrat["etape_libelle"] = Etape(contrat["etape"]).label
        contrat["public_id"] = str(contrat["public_id"])
        for key in ("date_signature", "date_fin"):
            contrat[key] = contrat[key].isoformat() if contrat[key] else None
        referent = f"{contrat.pop('referent_prenom') or ''} {contrat.pop('referent_nom') or ''}".strip()
        contrat["referent"] = referent or contrat["referent_email"] or ""
        contrat.pop("referent_email")
        contrat.pop("abandonne")
        if not details:
            for key in ("referent", "contact", "porteur"):
                contrat.pop(key)
    if details and contrats:
        _alignement(contrats, alignement)
    return {
        "contrats": sorted(contrats.values(), key=lambda contrat: contrat["nom"]),
        "communes_couvertes": couvertes,
        "beneficiaires": FinancementIngenierie.objects.filter(
            contrat_id__in=list(contrats), beneficiaire__isnull=False
        ).values("beneficiaire_id"),
    }


FICHE_KEYS = ("total", "en_retard", *StatutFiche.values)


def _fiche_counts(on: datetime.date) -> Subquery:
    """The contract's fiches actions counted in the contracts' query, in one subquery returning every count (total,
    late, by status) as one JSON object; None for a contract without fiche."""
    late = Q(date_fin__lt=on) & ~Q(statut__in=[StatutFiche.REALISEE, StatutFiche.ABANDONNEE])
    filters = {"total": Q(), "en_retard": late} | {statut: Q(statut=statut) for statut in StatutFiche.values}
    counts = JSONObject(**{key: Count("pk", filter=condition) for key, condition in filters.items()})
    return Subquery(
        FicheAction.objects.filter(contrat_id=OuterRef("contratlocalsante_id"))
        .order_by()
        .values("contrat_id")
        .annotate(counts=counts)
        .values("counts")[:1],
        output_field=JSONField(),
    )


EPCI_SIZE = Subquery(
    Commune.objects.filter(epci_id=OuterRef("commune__epci_id"))
    .order_by()
    .values("epci_id")
    .annotate(n=Count("pk"))
    .values("n")[:1]
)


def _count_epci(par_epci: dict, row: dict) -> None:
    item = par_epci.setdefault(
        row["commune__epci_id"],
        {
            "nom": row["commune__epci__nom"] or "Communes sans EPCI",
            "siren": row["commune__epci__siren"] or "",
            "couvertes": 0,
            "total": row["taille"] if row["commune__epci_id"] else 0,
        },
    )
    item["couvertes"] += 1
    if not row["commune__epci_id"]:
        item["total"] += 1


def _alignement(contrats: dict[int, dict], alignement: dict[int, dict]) -> None:
    """Each contract's EPCI: communes covered against the EPCI's communes; a CLS is aligned when every EPCI it
    reaches is covered whole."""
    for pk, contrat in contrats.items():
        contrat["epci"] = sorted(alignement.get(pk, {}).values(), key=lambda epci: epci["nom"])
        contrat["aligne"] = all(epci["couvertes"] == epci["total"] and epci["siren"] for epci in contrat["epci"])


def epcis_couverts(epci_ids, *, on: datetime.date) -> set[int]:
    """The EPCI having at least one commune in a CLS in force on `on` (one query)."""
    from cls.services.coverage import in_force_on

    rows = THROUGH.objects.filter(
        commune__epci_id__in=list(epci_ids), contratlocalsante__in=ContratLocalSante.objects.filter(in_force_on(on))
    )
    return set(rows.values_list("commune__epci_id", flat=True).distinct())


def perimetre_du_cls(public_id, user):
    """(name, communes queryset) of a CLS the user may see — its own contracts, the ARS's, or any signed contract
    (a public act) — else None."""
    contrat = (
        ContratLocalSante.objects.filter(
            Q(pk__in=ContratLocalSante.objects.visible_to(user)) | Q(date_signature__isnull=False)
        )
        .filter(public_id=public_id)
        .only("pk", "nom")
        .first()
    )
    if contrat is None:
        return None
    return contrat.nom, Commune.objects.filter(cls=contrat)
