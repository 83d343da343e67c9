"""Reads of the funding ledger: scoped lists and totals by aggregate queries (constant query count).

« As of a date » (`on=`): committed = decided on or before the date and not cancelled by then;
paid = payments dated on or before the date. Without `on`: the current figures.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Sum

from financements.enums import Programme
from financements.models import Beneficiaire, Engagement, Enveloppe, Paiement, committed_q, paid_q

ZERO = Decimal(0)


@dataclass(frozen=True)
class Ligne:
    """One row of a totals table."""

    code: str
    libelle: str
    engage: Decimal
    verse: Decimal
    montant: Decimal | None = None  # envelopes only

    @property
    def disponible(self) -> Decimal | None:
        return None if self.montant is None else self.montant - self.engage

    @property
    def reste_a_verser(self) -> Decimal:
        return self.engage - self.verse


def enveloppes_visible(user):
    return Enveloppe.objects.visible_to(user)


def engagements_visible(user):
    return Engagement.objects.visible_to(user)


def totaux_par_enveloppe(enveloppes, *, on=None) -> list[Ligne]:
    """One query: each envelope with its committed and paid sums (scalar subqueries)."""
    return [
        Ligne(code=str(e.public_id), libelle=e.libelle, engage=e.engage, verse=e.verse, montant=e.montant)
        for e in enveloppes.with_totals(on=on).order_by("-annee", "libelle")
    ]


def _totaux_par(key: str, engagements, *, on=None) -> dict[str, tuple[Decimal, Decimal]]:
    committed = engagements.filter(committed_q(on=on)).order_by()
    engage = dict(committed.values_list(key).annotate(total=Sum("montant")).values_list(key, "total"))
    paiements = Paiement.objects.filter(paid_q(on=on), engagement__in=committed.values("pk")).order_by()
    verse = dict(
        paiements.values_list(f"engagement__{key}")
        .annotate(total=Sum("montant"))
        .values_list(f"engagement__{key}", "total")
    )
    return {code: (engage.get(code) or ZERO, verse.get(code) or ZERO) for code in {*engage, *verse}}


def totaux_par_programme(engagements, *, on=None) -> list[Ligne]:
    """Two queries (commitments, payments), whatever the number of rows."""
    totals = _totaux_par("beneficiaire__programme", engagements, on=on)
    return [
        Ligne(
            code=programme.value,
            libelle=programme.label,
            engage=totals[programme.value][0],
            verse=totals[programme.value][1],
        )
        for programme in Programme
        if programme.value in totals
    ]


def totaux_par_departement(engagements, *, on=None) -> list[Ligne]:
    from territoires.models import Departement

    totals = _totaux_par("beneficiaire__departement", engagements, on=on)
    names = Departement.objects.filter(pk__in=list(totals)).order_by("code")
    return [
        Ligne(code=d.code, libelle=f"{d.code} — {d.nom}", engage=totals[d.pk][0], verse=totals[d.pk][1]) for d in names
    ]


def totaux_par_beneficiaire(engagements, *, on=None) -> list[Ligne]:
    totals = _totaux_par("beneficiaire", engagements, on=on)
    beneficiaires = Beneficiaire.objects.filter(pk__in=list(totals)).order_by("libelle")
    return [
        Ligne(code=str(b.public_id), libelle=b.libelle, engage=totals[b.pk][0], verse=totals[b.pk][1])
        for b in beneficiaires
    ]


def total(lignes: list[Ligne]) -> Ligne:
    montants = [ligne.montant for ligne in lignes if ligne.montant is not None]
    return Ligne(
        code="total",
        libelle="Total",
        engage=sum((ligne.engage for ligne in lignes), ZERO),
        verse=sum((ligne.verse for ligne in lignes), ZERO),
        montant=sum(montants, ZERO) if montants else None,
    )


def engagements_of(beneficiaire):
    """The commitments of one funded object, with their derived status and paid amount (for the
    owning app's page: CLS contract, CPTS…)."""
    return beneficiaire.engagements.with_list_data().order_by("date_decision", "pk")


def with_beneficiaire_totals(queryset, field: str = "beneficiaire"):
    """Annotate a programme app's queryset (rows holding a OneToOne/FK `field` to Beneficiaire) with
    `fin_engage` (not cancelled) and `fin_verse`: one scalar subquery each, no row multiplication."""
    from financements.models import _sum_subquery

    engagements = Engagement.objects.filter(committed_q(), beneficiaire=OuterRef(field))
    paiements = Paiement.objects.filter(engagement__beneficiaire=OuterRef(field))
    return queryset.annotate(
        fin_engage=_sum_subquery(engagements, "montant"), fin_verse=_sum_subquery(paiements, "montant")
    )


@dataclass(frozen=True)
class Ressource:
    """The money of one funder on one funded object: ARS commitments (by envelope funder) and
    co-financing lines by other funders."""

    financeur: str
    engage: Decimal  # commitments not cancelled (prévu included)
    verse: Decimal
    cofinance: Decimal  # co-financing lines (prévu + acquis)

    @property
    def total(self) -> Decimal:
        return self.engage + self.cofinance


def ressources_par_financeur(beneficiaire) -> list[Ressource]:
    """A funded object's resources by funder (3 aggregate queries, whatever the number of lines)."""
    from financements.enums import Financeur

    if beneficiaire is None:
        return []
    engagements = beneficiaire.engagements.filter(committed_q()).order_by()
    engage = dict(
        engagements.values_list("enveloppe__financeur")
        .annotate(total=Sum("montant"))
        .values_list("enveloppe__financeur", "total")
    )
    verse = dict(
        Paiement.objects.filter(engagement__in=engagements.values("pk"))
        .order_by()
        .values_list("engagement__enveloppe__financeur")
        .annotate(total=Sum("montant"))
        .values_list("engagement__enveloppe__financeur", "total")
    )
    cofinance = dict(
        beneficiaire.cofinancements.order_by()
        .values_list("financeur")
        .annotate(total=Sum("montant"))
        .values_list("financeur", "total")
    )
    return [
        Ressource(
            financeur=label,
            engage=engage.get(code, ZERO),
            verse=verse.get(code, ZERO),
            cofinance=cofinance.get(code, ZERO),
        )
        for code, label in Financeur.choices
        if code in engage or code in cofinance
    ]


def paiements_of(beneficiaire):
    return (
        Paiement.objects.filter(engagement__beneficiaire=beneficiaire)
        .select_related("engagement__enveloppe")
        .order_by("date", "pk")
    )


def bilan_financements(*, region=None, departement=None, on, previous) -> dict:
    """Committed / paid per envelope and per programme at `on` vs `previous` (the bilan section), for a
    région (its envelopes and beneficiaries only) or a département."""
    engagements = Engagement.objects.all()
    enveloppes = Enveloppe.objects.all()
    if region is not None:
        engagements = engagements.filter(beneficiaire__departement__region=region)
        enveloppes = enveloppes.filter(region=region)
    if departement is not None:
        engagements = engagements.filter(beneficiaire__departement=departement)
        enveloppes = enveloppes.filter(departements=departement)

    def compare(now: list[Ligne], before: list[Ligne]) -> list[dict]:
        earlier = {ligne.code: ligne for ligne in before}
        rows = []
        for ligne in now:
            prev = earlier.get(ligne.code)
            engage_avant = prev.engage if prev else ZERO
            verse_avant = prev.verse if prev else ZERO
            rows.append(
                {
                    "libelle": ligne.libelle,
                    "engage": float(ligne.engage),
                    "verse": float(ligne.verse),
                    "engage_avant": float(engage_avant),
                    "verse_avant": float(verse_avant),
                    "delta_engage": float(ligne.engage - engage_avant),
                    "delta_verse": float(ligne.verse - verse_avant),
                }
            )
        return rows

    by_env_now = _par_enveloppe(engagements, enveloppes, on=on)
    by_env_before = _par_enveloppe(engagements, enveloppes, on=previous)
    return {
        "par_enveloppe": compare(by_env_now, by_env_before),
        "par_programme": compare(
            totaux_par_programme(engagements, on=on), totaux_par_programme(engagements, on=previous)
        ),
    }


def _par_enveloppe(engagements, enveloppes, *, on) -> list[Ligne]:
    """Committed / paid per envelope, restricted to `engagements` (e.g. one département)."""
    totals = _totaux_par("enveloppe", engagements, on=on)
    return [
        Ligne(
            code=str(e.pk),
            libelle=e.libelle,
            engage=totals.get(e.pk, (ZERO, ZERO))[0],
            verse=totals.get(e.pk, (ZERO, ZERO))[1],
            montant=e.montant,
        )
        for e in enveloppes.distinct().order_by("-annee", "libelle")
    ]


def ressources_par_financeur_et_annee(*, beneficiaires) -> list[dict]:
    """The money received by a set of funded objects, by funder and year, in ONE query (a union of three grouped
    sums): ARS commitments not cancelled (year of their envelope), payments (year paid) and co-financing lines (their
    year). `beneficiaires`: groups of ledger record ids, each a queryset of ids (a subquery) or a list."""
    from django.db.models import CharField, IntegerField, Q, Value
    from django.db.models.functions import ExtractYear

    from financements.enums import Financeur
    from financements.models import Cofinancement

    def kind(name):
        return Value(name, output_field=CharField())

    def among(field: str) -> Q:
        condition = Q(pk__in=[])
        for group in beneficiaires:
            condition |= Q(**{f"{field}__in": group})
        return condition

    engagements = (
        Engagement.objects.filter(committed_q(), among("beneficiaire_id"))
        .order_by()
        .values_list(kind("engage"), "enveloppe__financeur", "enveloppe__annee")
        .annotate(total=Sum("montant"))
    )
    paiements = (
        Paiement.objects.filter(engagement__in=Engagement.objects.filter(committed_q(), among("beneficiaire_id")))
        .order_by()
        .annotate(annee=ExtractYear("date", output_field=IntegerField()))
        .values_list(kind("verse"), "engagement__enveloppe__financeur", "annee")
        .annotate(total=Sum("montant"))
    )
    cofinancements = (
        Cofinancement.objects.filter(among("beneficiaire_id"))
        .order_by()
        .values_list(kind("cofinance"), "financeur", "annee")
        .annotate(total=Sum("montant"))
    )
    rows: dict[tuple[str, int], dict] = {}
    labels = dict(Financeur.choices)
    for what, financeur, annee, montant in engagements.union(paiements, cofinancements, all=True):
        row = rows.setdefault(
            (financeur, annee),
            {
                "financeur": labels.get(financeur, financeur),
                "code": financeur,
                "annee": annee,
                "engage": ZERO,
                "verse": ZERO,
                "cofinance": ZERO,
            },
        )
        row[what] += montant or ZERO
    return sorted(rows.values(), key=lambda row: (row["annee"], row["financeur"]))


def engage_par_region(*, on=None, financeur: str | None = None) -> dict[str, dict[str, Decimal]]:
    """Committed and opened amounts of every région's envelopes (the national comparison's « FIR engagé »):
    {région code: {"ouvert": envelopes' amounts, "engage": committed (as `committed_q`)}}. One query."""
    from django.db.models import Q

    from financements.models import _sum_subquery  # the scalar sum `Enveloppe.with_totals` uses
    from territoires.models import Region

    enveloppes = Enveloppe.objects.filter(region=OuterRef("pk"))
    engagements = Engagement.objects.filter(committed_q(on=on), enveloppe__region=OuterRef("pk"))
    if financeur is not None:
        enveloppes = enveloppes.filter(financeur=financeur)
        engagements = engagements.filter(enveloppe__financeur=financeur)
    rows = (
        Region.objects.annotate(
            ouvert=_sum_subquery(enveloppes, "montant"), engage=_sum_subquery(engagements, "montant")
        )
        .filter(Q(ouvert__gt=0) | Q(engage__gt=0))
        .order_by("code")
        .values_list("code", "ouvert", "engage")
    )
    return {code: {"ouvert": ouvert, "engage": engage} for code, ouvert, engage in rows}
