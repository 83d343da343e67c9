"""Read a value of the register, and adopt another region's value. The only way code reaches a rule.

- `parametre_en_vigueur(domaine, code, region=…, on=…)`: the row in force on that date for that region — its own
  row if it has one, else the national row, else None. Another region's row is NEVER returned: a Bretagne rule is
  not a Centre-Val de Loire rule. Callers show « Pas de règle régionale publiée » when they get None, with
  `references_ailleurs(…)` as a reference only.
- `parametres_en_vigueur(domaine, region=…, on=…)`: every row of a domain in force, in one query.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from referentiel.models import Parametre, Source


def region_code_of(region) -> str:
    """Accept a Region, a region code, or None (national only)."""
    if region is None or region == "":
        return ""
    return region if isinstance(region, str) else region.code


def _best(rows) -> Parametre | None:
    """The region's own row wins over the national one; then the latest start date."""
    rows = sorted(rows, key=lambda row: (bool(row.region_code), row.valide_du))
    return rows[-1] if rows else None


def parametre_en_vigueur(domaine: str, code: str, *, region, on: datetime.date, cle: str = "") -> Parametre | None:
    """The value in force on `on` for `region` (its own, else national), or None when none applies (one query)."""
    rows = (
        Parametre.objects.select_related("source")
        .applicables(region_code_of(region))
        .en_vigueur(on)
        .filter(domaine=domaine, code=code, cle=cle)
    )
    return _best(rows)


@dataclass(frozen=True)
class Parametres:
    """The rows of one domain in force for a region on a date, keyed by (code, cle)."""

    rows: dict[tuple[str, str], Parametre]

    def get(self, code: str, cle: str = "") -> Parametre | None:
        return self.rows.get((code, cle))

    def valeur(self, code: str, cle: str = ""):
        row = self.get(code, cle)
        return None if row is None else row.valeur

    def cles(self, code: str) -> dict[str, Parametre]:
        """Every dimension of one code: {"T1": row, "T2": row…}."""
        return {cle: row for (row_code, cle), row in self.rows.items() if row_code == code}


def parametres_en_vigueur(domaine: str, *, region, on: datetime.date) -> Parametres:
    """Every value of a domain in force on `on` for `region` (its own winning over national), in one query."""
    grouped: dict[tuple[str, str], list[Parametre]] = {}
    queryset = Parametre.objects.select_related("source").applicables(region_code_of(region)).en_vigueur(on)
    for row in queryset.filter(domaine=domaine):
        grouped.setdefault((row.code, row.cle), []).append(row)
    return Parametres({key: _best(rows) for key, rows in grouped.items()})


def parametres_aux_dates(domaine: str, *, region, dates) -> dict[datetime.date, Parametres]:
    """`parametres_en_vigueur` on each of several dates (e.g. an act's effect date and today), from one query."""
    from django.db.models import Q

    dates = set(dates)
    condition = Q(pk__in=[])
    for on in dates:
        condition |= Q(valide_du__lte=on) & (Q(valide_au__isnull=True) | Q(valide_au__gte=on))
    rows = list(
        Parametre.objects.select_related("source")
        .applicables(region_code_of(region))
        .filter(condition, domaine=domaine)
    )
    result = {}
    for on in dates:
        grouped: dict[tuple[str, str], list[Parametre]] = {}
        for row in rows:
            if row.valide_du <= on and (row.valide_au is None or row.valide_au >= on):
                grouped.setdefault((row.code, row.cle), []).append(row)
        result[on] = Parametres({key: _best(found) for key, found in grouped.items()})
    return result


def parametres_et_references(
    domaine: str, *, region, on: datetime.date
) -> tuple[Parametres, dict[tuple[str, str], list[Parametre]]]:
    """`parametres_en_vigueur` and `references_ailleurs(domaine, None, …)` grouped by (code, cle), from one query:
    the domain's rows in force in every region (a few per region and rule, whatever the data)."""
    own = region_code_of(region)
    grouped: dict[tuple[str, str], list[Parametre]] = {}
    elsewhere: dict[tuple[str, str], list[Parametre]] = {}
    rows = Parametre.objects.select_related("source").en_vigueur(on).filter(domaine=domaine)
    for row in rows.order_by("region_code", "-valide_du"):
        key = (row.code, row.cle)
        if row.region_code in ("", own):
            grouped.setdefault(key, []).append(row)
        else:
            elsewhere.setdefault(key, []).append(row)
    return Parametres({key: _best(found) for key, found in grouped.items()}), elsewhere


def references_ailleurs(domaine: str, code: str | None, *, region, on: datetime.date, cle: str = "") -> list[Parametre]:
    """Other regions' rows for the same rule, shown as a reference only (« référence : ARS Bretagne (2019) »);
    `code=None`: for every rule of the domain (one query, to group by code and cle)."""
    own = region_code_of(region)
    rows = Parametre.objects.select_related("source").en_vigueur(on).filter(domaine=domaine)
    if code is not None:
        rows = rows.filter(code=code, cle=cle)
    return list(rows.exclude(region_code__in=[own, ""]).order_by("region_code", "-valide_du"))


@transaction.atomic
def parametre_adopter(
    *,
    reference: Parametre,
    region_code: str,
    valeur,
    operateur: str,
    valide_du,
    source: dict,
    source_precision: str = "",
    note: str = "",
) -> Parametre:
    """A siège adopts, for its own region, a value seen elsewhere — with its own source (the regional decision).

    `source` describes that decision (titre, auteur, nature, date, url): it becomes a Source of the region."""
    if not region_code:
        raise ValidationError("Une valeur adoptée appartient à une région.")
    if reference.region_code == region_code:
        raise ValidationError("Cette valeur est déjà celle de votre région.")
    source = Source(
        code=f"adoption-{region_code}-{reference.domaine}-{reference.code}-{valide_du:%Y%m%d}"[:60],
        region_code=region_code,
        **source,
    )
    source.full_clean()
    source.save()
    row = Parametre(
        domaine=reference.domaine,
        code=reference.code,
        cle=reference.cle,
        libelle=reference.libelle,
        valeur=valeur,
        texte=reference.texte if valeur is None else "",
        unite=reference.unite,
        operateur=operateur,
        region_code=region_code,
        valide_du=valide_du,
        source=source,
        source_precision=source_precision,
        a_confirmer=False,
        note=note,
        adopte_de=reference,
    )
    row.full_clean()
    row.save()
    return row


@dataclass(frozen=True)
class RegleAffichee:
    """What a page shows for one rule: the value that applies, or the references seen in other regions."""

    parametre: Parametre | None
    references: tuple[Parametre, ...] = ()


def regle_affichee(domaine: str, code: str, *, region, on: datetime.date, cle: str = "") -> RegleAffichee:
    """The region's own row (else the national one); without any, the other regions' rows as references.

    One query: every region's rows of the rule in force on `on`, split here (another region's row is never the
    one that applies)."""
    own = region_code_of(region)
    rows = list(
        Parametre.objects.select_related("source")
        .en_vigueur(on)
        .filter(domaine=domaine, code=code, cle=cle)
        .order_by("region_code", "-valide_du")
    )
    parametre = _best([row for row in rows if row.region_code in (own, "")])
    if parametre is not None:
        return RegleAffichee(parametre)
    return RegleAffichee(None, tuple(row for row in rows if row.region_code not in (own, "")))
