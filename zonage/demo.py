"""FICTITIOUS demo zonage of Centre-Val de Loire on the demo TVS. Deterministic and idempotent.

Médecins: TVS are ranked by a pseudo-random key; a fictitious APL grows with the cumulative
population rank; ZIP/ZAC/ZV/HC are given by cumulative population targets chosen to be clearly
unlike any real figure (the real December 2017 shares, 14,2 % → 39,8 % in ZIP and 71,3 % in ZIP + ZAC,
are never reproduced: the demo gives about 20 % → 27 % in ZIP and 46 % → 52 % in ZIP + ZAC).
Infirmiers: one level per commune. None of this is an official classification.

The arrêtés name the population millésime and the TVS version the demo imported (`make demo`).
"""

import datetime
import hashlib
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from comptes.models import User
from territoires.models import Commune, Region, TerritoireVieSante
from territoires.services import population_millesimes, tvs_versions
from zonage.enums import ArreteStatut
from zonage.models import ArreteTransition, ArreteZonage, Classement, Profession

REGION_CODE = "24"
FICTIF = "(fictif)"
# (reference, title, methodology, targets {zone: cumulative share}, signature, effect, end, status)
MEDECIN_VERSIONS = [
    (
        f"ARS-CVL-ZONAGE-MG-2017 {FICTIF}",
        "Arrêté FICTIF de démonstration — zonage des médecins généralistes (version 2017)",
        "2017-11",
        [("ZIP", 0.20), ("ZAC", 0.46), ("ZV", 0.66)],
        datetime.date(2017, 12, 15),
        datetime.date(2018, 1, 1),
        ArreteStatut.REMPLACE,
    ),
    (
        f"ARS-CVL-ZONAGE-MG-2021 {FICTIF}",
        "Arrêté FICTIF de démonstration — zonage des médecins généralistes (révision 2021)",
        "2021-10",
        [("ZIP", 0.27), ("ZAC", 0.52), ("ZV", 0.79)],
        datetime.date(2021, 12, 10),
        datetime.date(2022, 1, 1),
        ArreteStatut.PUBLIE,
    ),
]
PROJET_REFERENCE = f"ARS-CVL-ZONAGE-MG-2026 {FICTIF}"
PROJET_TARGETS = [("ZIP", 0.48), ("ZAC", 0.64), ("ZV", 0.83)]
DEMO_TVS_VERSION = "demo"  # the version `make demo` imports (Makefile: import_tvs --version-tvs demo)
INFIRMIER_REFERENCE = f"ARS-CVL-ZONAGE-IDE-2020 {FICTIF}"
INFIRMIER_LEVELS = [("TSD", 0.08), ("SD", 0.23), ("INT", 0.78), ("TD", 0.93), ("SURD", 1.0)]


def _key(code: str) -> str:
    return hashlib.sha256(f"demo-zonage-{code}".encode()).hexdigest()


def _tvs_populations(region) -> list[tuple[TerritoireVieSante, int]]:
    tvs = TerritoireVieSante.objects.filter(communes__departement__region=region).annotate(
        pop=Sum("communes__population", filter=Q(communes__departement__region=region))
    )
    return sorted(((t, t.pop or 0) for t in tvs.distinct()), key=lambda item: _key(item[0].code))


def _assign(items, targets, last_zone):
    """Give each (territory, population) a zone by cumulative population share; return (territory, zone, apl)."""
    total = sum(pop for _, pop in items) or 1
    result, cumulated = [], 0
    for territory, pop in items:
        middle = (cumulated + pop / 2) / total
        zone = next((code for code, limit in targets if middle <= limit), last_zone)
        apl = Decimal(str(round(2.2 + 2.6 * middle, 2)))
        result.append((territory, zone, apl))
        cumulated += pop
    return result


def _vintages(profession) -> dict[str, str]:
    """The latest imported population millésime, and the demo TVS version when it was imported."""
    millesimes = population_millesimes()
    version = DEMO_TVS_VERSION if profession.granularite == "tvs" and DEMO_TVS_VERSION in tvs_versions() else ""
    return {"millesime_population": millesimes[0] if millesimes else "", "version_tvs": version}


def _procedure(signature) -> dict:
    """URPS concertation, then CRSA referral and opinion, before the signature (none for a draft)."""
    if signature is None:
        return dict.fromkeys(
            ("date_debut_concertation_urps", "date_fin_concertation_urps", "date_saisine_crsa", "date_avis_crsa")
        )
    return {
        "date_debut_concertation_urps": signature - datetime.timedelta(days=150),
        "date_fin_concertation_urps": signature - datetime.timedelta(days=90),
        "date_saisine_crsa": signature - datetime.timedelta(days=75),
        "date_avis_crsa": signature - datetime.timedelta(days=20),
    }


def _arrete(region, profession, reference, titre, methodologie, signature, effet, statut, fin=None):
    arrete, _ = ArreteZonage.objects.update_or_create(
        region=region,
        reference=reference,
        defaults={
            "profession": profession,
            "titre": titre,
            "methodologie": methodologie,
            **_vintages(profession),
            "date_signature": signature,
            "date_effet": effet,
            "date_fin": fin,
            **_procedure(signature),
            "statut": statut,
        },
    )
    return arrete


def _history(arrete, statuts, user):
    if user is None or arrete.transitions.exists():
        return
    previous = ArreteStatut.PROJET
    for statut in statuts:
        ArreteTransition.objects.create(arrete=arrete, de=previous, vers=statut, par=user, motif="Démonstration")
        previous = statut


def _classify(arrete, rows, field):
    zones = {zone.code: zone for zone in arrete.profession.zones.all()}
    arrete.classements.all().delete()
    Classement.objects.bulk_create(
        Classement(arrete=arrete, zone=zones[zone], apl=apl, **{field: territory}) for territory, zone, apl in rows
    )


@transaction.atomic
def load_demo_zonage() -> dict[str, int]:
    region = Region.objects.get(code=REGION_CODE)
    user = User.objects.filter(email="siege@demo.ars.fr").first()
    medecin = Profession.objects.get(code="medecin-generaliste")
    items = _tvs_populations(region)
    counts = {}
    previous = None
    for reference, titre, methodologie, targets, signature, effet, statut in MEDECIN_VERSIONS:
        fin = MEDECIN_VERSIONS[1][5] - datetime.timedelta(days=1) if statut == ArreteStatut.REMPLACE else None
        arrete = _arrete(region, medecin, reference, titre, methodologie, signature, effet, statut, fin)
        arrete.precedent = previous
        arrete.save()
        rows = _assign(items, targets, "HC")
        _classify(arrete, rows, "tvs")
        steps = [ArreteStatut.CONCERTATION, ArreteStatut.PUBLIE]
        _history(arrete, steps + ([ArreteStatut.REMPLACE] if statut == ArreteStatut.REMPLACE else []), user)
        counts[reference] = len(rows)
        previous = arrete

    projet = _arrete(
        region,
        medecin,
        PROJET_REFERENCE,
        "Projet FICTIF de démonstration — révision du zonage des médecins généralistes",
        "2024-01",
        None,
        None,
        ArreteStatut.PROJET,
    )
    projet.precedent = previous
    projet.save()
    _classify(projet, _assign(items, PROJET_TARGETS, "HC"), "tvs")
    counts[PROJET_REFERENCE] = len(items)

    infirmier = Profession.objects.get(code="infirmier")
    arrete = _arrete(
        region,
        infirmier,
        INFIRMIER_REFERENCE,
        "Arrêté FICTIF de démonstration — zonage des infirmiers",
        "2020-01",
        datetime.date(2020, 6, 15),
        datetime.date(2020, 7, 1),
        ArreteStatut.PUBLIE,
    )
    communes = Commune.objects.filter(departement__region=region).only("pk", "code_insee", "population")
    ranked = sorted(((c, 1) for c in communes), key=lambda item: _key(item[0].code_insee))
    _classify(arrete, _assign(ranked, INFIRMIER_LEVELS, "SURD"), "commune")
    _history(arrete, [ArreteStatut.CONCERTATION, ArreteStatut.PUBLIE], user)
    counts[INFIRMIER_REFERENCE] = len(ranked)
    return counts
