"""The completeness board of a campaign (siège: the région; a délégation: its départements): per contributor its
state and how late it is, the share of the lines filled in per priority of the plan and per département; filters
shared by the page and the CSV/XLSX export. A constant number of queries whatever the number of contributions."""

import datetime

import django_filters
from django.db.models import Count, Q
from django.utils import timezone

from acces_soins.enums import ETATS_A_TRANSMETTRE, EtatContribution, TypeContributeur
from acces_soins.models import Contribution, LigneContribution
from config.exports import export_response
from config.filters import FilterSet

LATE = "oui"


def retard_jours(contribution, *, on: datetime.date) -> int:
    """Days past the closing date: still not sent on `on`, or sent after it (0 when on time)."""
    cloture = contribution.campagne.date_cloture
    if contribution.etat in ETATS_A_TRANSMETTRE:
        return max(0, (on - cloture).days)
    if contribution.transmise_le:
        return max(0, (timezone.localdate(contribution.transmise_le) - cloture).days)
    return 0


def pct(done: int, total: int) -> float | None:
    return round(done * 100 / total, 1) if total else None


def with_completude(queryset):
    """Annotate `n_requis` (lines a person must fill in) and `n_renseignees` (those filled in)."""
    return queryset.annotate(
        n_requis=Count("lignes", filter=Q(lignes__requis=True)),
        n_renseignees=Count("lignes", filter=Q(lignes__requis=True, lignes__complete=True)),
    )


class ContributionFilterSet(FilterSet):
    q = django_filters.CharFilter(label="Contributeur", method="filter_q")
    type = django_filters.ChoiceFilter(
        label="Type de contributeur", choices=TypeContributeur.choices, empty_label="Tous"
    )
    etat = django_filters.ChoiceFilter(label="État", choices=EtatContribution.choices, empty_label="Tous")
    departement = django_filters.ChoiceFilter(label="Département", field_name="departement__code", empty_label="Tous")
    retard = django_filters.ChoiceFilter(
        label="En retard",
        choices=[(LATE, "En retard"), ("non", "À l'heure")],
        method="filter_retard",
        empty_label="Tous",
    )

    class Meta:
        model = Contribution
        fields = ["q", "type", "etat", "departement", "retard"]

    def __init__(self, *args, departements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["departement"].extra["choices"] = [(d.code, f"{d.nom} ({d.code})") for d in departements]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(libelle__icontains=value) | Q(organisation__nom__icontains=value))

    def filter_retard(self, queryset, name, value):
        late = Q(etat__in=ETATS_A_TRANSMETTRE, campagne__date_cloture__lt=timezone.localdate())
        return queryset.filter(late) if value == LATE else queryset.exclude(late)


def tableau(*, campagne, user, params):
    """The board's filtered contributions (annotated with their completeness) and the départements offered."""
    from acces_soins.perms import can_manage_campagne
    from comptes.perms import get_scope
    from territoires.models import Departement

    queryset = Contribution.objects.filter(campagne=campagne)
    departements = Departement.objects.filter(region__code=campagne.region_code).order_by("code")
    if not can_manage_campagne(user, campagne.region_code):  # a délégation: the contributions of its départements
        scope = get_scope(user)
        queryset = queryset.filter(departement_id__in=scope.departement_ids)
        departements = departements.filter(pk__in=scope.departement_ids)
    queryset = with_completude(queryset.select_related("organisation", "departement", "campagne"))
    filterset = ContributionFilterSet(
        params, queryset=queryset.order_by("departement__code", "type", "libelle"), departements=list(departements)
    )
    return filterset


def completude(*, contributions_qs) -> dict:
    """The share of lines filled in, overall, per priority of the plan and per département (3 queries)."""
    from indicateurs.enums import Priorite

    ids = contributions_qs.order_by().values("pk")
    lignes = LigneContribution.objects.filter(contribution__in=ids, requis=True).order_by()
    counts = {"total": Count("pk"), "done": Count("pk", filter=Q(complete=True))}
    by_priorite = {
        row["priorite"]: row for row in lignes.filter(priorite__isnull=False).values("priorite").annotate(**counts)
    }
    by_departement = {
        row["contribution__departement__code"]: row
        for row in lignes.values("contribution__departement__code").annotate(**counts)
    }
    contributions = {
        row["departement__code"]: row
        for row in Contribution.objects.filter(pk__in=ids)
        .order_by()
        .values("departement__code", "departement__nom")
        .annotate(n=Count("pk"), transmises=Count("pk", filter=~Q(etat__in=ETATS_A_TRANSMETTRE)))
    }
    total = sum(row["total"] for row in by_departement.values())
    done = sum(row["done"] for row in by_departement.values())
    return {
        "global": {"total": total, "renseignees": done, "pct": pct(done, total)},
        "par_priorite": [
            {
                "priorite": priorite.value,
                "libelle": priorite.label,
                "total": by_priorite.get(priorite.value, {}).get("total", 0),
                "renseignees": by_priorite.get(priorite.value, {}).get("done", 0),
                "pct": pct(
                    by_priorite.get(priorite.value, {}).get("done", 0),
                    by_priorite.get(priorite.value, {}).get("total", 0),
                ),
            }
            for priorite in Priorite
        ],
        "par_departement": [
            {
                "code": code,
                "nom": row["departement__nom"] or "Contributeurs régionaux",
                "contributions": row["n"],
                "transmises": row["transmises"],
                "total": by_departement.get(code, {}).get("total", 0),
                "renseignees": by_departement.get(code, {}).get("done", 0),
                "pct": pct(by_departement.get(code, {}).get("done", 0), by_departement.get(code, {}).get("total", 0)),
            }
            for code, row in sorted(contributions.items(), key=lambda item: (item[0] is None, item[0] or ""))
        ],
    }


def completude_par_region() -> dict[str, dict]:
    """The completeness of every région's latest campaign (national comparison), same definition as
    `completude`'s « global »: {région code: {"semestre", "statut", "total", "renseignees", "pct"}}. One query."""
    from django.db.models import OuterRef, Subquery

    from acces_soins.models import Campagne

    latest = Campagne.objects.filter(region_code=OuterRef("contribution__campagne__region_code")).order_by("-semestre")
    rows = (
        LigneContribution.objects.filter(requis=True, contribution__campagne=Subquery(latest.values("pk")[:1]))
        .order_by()
        .values(
            "contribution__campagne__region_code", "contribution__campagne__semestre", "contribution__campagne__statut"
        )
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(complete=True)))
    )
    return {
        row["contribution__campagne__region_code"]: {
            "semestre": row["contribution__campagne__semestre"],
            "statut": row["contribution__campagne__statut"],
            "total": row["total"],
            "renseignees": row["done"],
            "pct": pct(row["done"], row["total"]),
        }
        for row in rows
    }


EXPORT_HEADER = [
    "Contribution",
    "Type de contributeur",
    "Organisation",
    "Département",
    "État",
    "Transmise le",
    "Retard (jours)",
    "Lignes à renseigner",
    "Lignes renseignées",
    "Complétude (%)",
]


def export_rows(contributions, *, on: datetime.date):
    for contribution in contributions:
        yield [
            contribution.libelle,
            contribution.get_type_display(),
            contribution.organisation.nom,
            contribution.departement.code if contribution.departement_id else "",
            contribution.get_etat_display(),
            timezone.localtime(contribution.transmise_le).strftime("%d/%m/%Y") if contribution.transmise_le else "",
            retard_jours(contribution, on=on),
            contribution.n_requis,
            contribution.n_renseignees,
            pct(contribution.n_renseignees, contribution.n_requis),
        ]


def tableau_export(*, fmt: str, campagne, contributions):
    name = f"remontees-{campagne.semestre}-{campagne.region_code}"
    return export_response(
        fmt=fmt, name=name, header=EXPORT_HEADER, rows=export_rows(contributions, on=timezone.localdate())
    )
