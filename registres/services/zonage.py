"""The zone of a commune on a date, from the arrêté of the médecin zonage in force that day (zonage.services)."""

import datetime

# The médecin zonage: the one the plan d'accès aux soins and the doctors' aid contracts follow (CVL plan, P1.1).
PROFESSION_ZONAGE = "medecin-generaliste"


def zone_a_la_date(commune, on: datetime.date | None, *, profession: str = PROFESSION_ZONAGE) -> tuple:
    """(zone, arrêté) of the commune for the profession on `on`, or (None, None) when no published arrêté covered
    it that day. An arrêté applies from its date of effect included: signed the day before, the previous one
    applies."""
    from zonage.services import zones_en_vigueur

    if commune is None or on is None:
        return None, None
    for row_profession, zone, arrete in zones_en_vigueur(commune, on=on):
        if row_profession.code == profession:
            return zone, arrete
    return None, None
