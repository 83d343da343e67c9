"""Retention of personal data: past the period of the référentiel (`registres.duree_conservation_donnees_personnelles`,
in years, for the entry's region), the personal fields of a register entry are erased — in the entry and in its
history — and the read log is emptied of older rows. The entries themselves stay (the balances stay true). A
region without a published period is not purged (no fallback in code)."""

import datetime

from django.db import transaction
from django.db.models import Q

DUREE = ("registres", "duree_conservation_donnees_personnelles")


def duree_conservation(*, region, on: datetime.date):
    """The référentiel row of the retention period in force for the region, or None."""
    from referentiel.services import parametre_en_vigueur

    return parametre_en_vigueur(*DUREE, region=region, on=on)


def _limite(on: datetime.date, years) -> datetime.date:
    years = int(years)
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _blank(model, names) -> dict:
    values = {}
    for name in names:
        field = model._meta.get_field(name)
        values[name] = None if field.null else ""
    return values


def _personal_q(model, names) -> Q:
    condition = Q()
    for name, blank in _blank(model, names).items():
        condition |= ~Q(**{f"{name}__isnull": True}) if blank is None else ~Q(**{name: ""})
    return condition


@transaction.atomic
def purger(*, on: datetime.date) -> dict[str, int]:
    """Erase the personal data older than the retention period; {register code: entries purged, "journal": rows}."""
    from registres.declarations import registres
    from registres.models import LectureDonnees
    from territoires.models import Region

    counts: dict[str, int] = {}
    limites = {}
    for region in Region.objects.all():
        row = duree_conservation(region=region, on=on)
        if row is not None and row.valeur is not None:
            limites[region.pk] = _limite(on, row.valeur)
    for registre in registres():
        if not registre.personnels or not registre.conservation:
            continue
        model, total = registre.model, 0
        blank = _blank(model, registre.personnels)
        for region_id, limite in limites.items():
            expired = model.objects.filter(
                _personal_q(model, registre.personnels),
                departement__region_id=region_id,
                **{f"{registre.conservation}__lt": limite},
            )
            ids = list(expired.values_list("pk", flat=True))
            if not ids:
                continue
            total += model.objects.filter(pk__in=ids).update(**blank)
            model.history.filter(id__in=ids).update(**blank)
        counts[registre.code] = total
    if limites:
        # The log is not per region: keep it as long as the longest period requires.
        counts["journal"] = LectureDonnees.objects.filter(le__date__lt=min(limites.values())).delete()[0]
    return counts
