"""Zonage arrêtés: every profession × `zonage_versions` versions per region (the last one in force), with the full
annex (médecins per TVS, the other professions per commune) and the status log. Fictitious classifications."""

import datetime

from bench.dataset.context import Context
from bench.dataset.geo import TVS_VERSION
from bench.dataset.writer import Batch
from territoires.models import Commune, TerritoireVieSante
from zonage.enums import ArreteStatut, Granularite
from zonage.models import ArreteTransition, ArreteZonage, Classement, Profession

FIRST_YEAR = 2018
STEPS = [ArreteStatut.PROJET, ArreteStatut.CONCERTATION, ArreteStatut.SAISINE_CRSA, ArreteStatut.PUBLIE]
# Zone weights (most territories in the middle categories), by position in the profession's zone order.
WEIGHTS = {4: [2, 3, 4, 6], 5: [1, 2, 6, 2, 1]}


def _tvs_by_region(ctx: Context) -> dict[int, list[int]]:
    """TVS ids of each region (through its communes' current TVS)."""
    region_of_dep = {d.id: d.region_id for d in ctx.departements.values()}
    found: dict[int, set[int]] = {}
    rows = Commune.objects.filter(departement_id__in=region_of_dep, tvs__isnull=False).values_list(
        "departement_id", "tvs_id"
    )
    for departement_id, tvs_id in rows.iterator(chunk_size=5000):
        found.setdefault(region_of_dep[departement_id], set()).add(tvs_id)
    return {region: sorted(ids) for region, ids in found.items()}


def create_zonage(ctx: Context) -> Batch:
    config, rng, writer = ctx.config, ctx.rng, ctx.writer
    professions = list(Profession.objects.order_by("ordre").prefetch_related("zones"))
    commune_professions = [p for p in professions if p.granularite == Granularite.COMMUNE]
    tvs = _tvs_by_region(ctx)
    assert TerritoireVieSante.objects.exists(), "TVS missing: import the geography first"
    arretes, transitions = [], []
    batch = Batch()
    classements = []
    span = max(1, 8 // config.zonage_versions)
    for region in ctx.regions:
        siege = ctx.users[f"siege-{region.code}"][0]
        communes = [c.id for d in region.departements for c in ctx.communes_by_departement[d.id]]
        for profession in professions:
            zones = [zone.pk for zone in profession.zones.all()]
            weights = WEIGHTS.get(len(zones), [1] * len(zones))
            territories = tvs.get(region.id, []) if profession.granularite == Granularite.TVS else communes
            previous = None
            for version in range(1, config.zonage_versions + 1):
                (pk,) = writer.ids(ArreteZonage, 1)
                effet = datetime.date(FIRST_YEAR + span * (version - 1), 3, 1)
                last = version == config.zonage_versions
                fin = None if last else datetime.date(FIRST_YEAR + span * version, 2, 28)
                statut = ArreteStatut.PUBLIE if last else ArreteStatut.REMPLACE
                arretes.append(
                    {
                        "id": pk,
                        "profession_id": profession.pk,
                        "region_id": region.id,
                        "reference": f"ARS-{region.code}-{profession.code}-{effet.year} (fictif)",
                        "titre": f"Arrêté fictif de zonage {profession.libelle.lower()} — {region.nom} ({effet.year})",
                        "methodologie": "2021-10",
                        "millesime_population": "",
                        "version_tvs": TVS_VERSION,
                        "date_signature": effet - datetime.timedelta(days=20),
                        "date_effet": effet,
                        "date_fin": fin,
                        "date_debut_concertation_urps": effet - datetime.timedelta(days=150),
                        "date_fin_concertation_urps": effet - datetime.timedelta(days=110),
                        "date_saisine_crsa": effet - datetime.timedelta(days=100),
                        "date_avis_crsa": effet - datetime.timedelta(days=45),
                        "statut": statut,
                        "precedent_id": previous,
                        "updated_by_id": siege,
                    }
                )
                path = STEPS + ([] if last else [ArreteStatut.REMPLACE])
                for before, after in zip(path, path[1:], strict=False):
                    transitions.append(
                        {
                            "arrete_id": pk,
                            "de": before,
                            "vers": after,
                            "par_id": siege,
                            "le": ctx.moment(effet - datetime.timedelta(days=30)),
                            "motif": "",
                        }
                    )
                key = "tvs_id" if profession.granularite == Granularite.TVS else "commune_id"
                classements.append((pk, key, zones, weights, territories))
                previous = pk
            if profession.granularite == Granularite.COMMUNE and profession == commune_professions[0]:
                # the next version, in URPS concertation: the arrêté an agent is editing
                (pk,) = writer.ids(ArreteZonage, 1)
                effet = datetime.date(2027, 3, 1)
                arretes.append(
                    {
                        "id": pk,
                        "profession_id": profession.pk,
                        "region_id": region.id,
                        "reference": f"ARS-{region.code}-{profession.code}-projet (fictif)",
                        "titre": f"Projet fictif de zonage {profession.libelle.lower()} — {region.nom}",
                        "methodologie": "2021-10",
                        "millesime_population": "",
                        "version_tvs": TVS_VERSION,
                        "date_effet": effet,
                        "date_debut_concertation_urps": datetime.date(2026, 10, 1),
                        "statut": ArreteStatut.CONCERTATION,
                        "precedent_id": previous,
                        "updated_by_id": siege,
                    }
                )
                transitions.append(
                    {
                        "arrete_id": pk,
                        "de": ArreteStatut.PROJET,
                        "vers": ArreteStatut.CONCERTATION,
                        "par_id": siege,
                        "le": ctx.moment(datetime.date(2026, 10, 1)),
                        "motif": "",
                    }
                )
                classements.append((pk, "commune_id", zones, weights, territories))

    def rows():
        for arrete_id, key, zones, weights, territories in classements:
            choices = rng.choices(zones, weights=weights, k=len(territories))
            for territory, zone in zip(territories, choices, strict=True):
                yield {
                    "arrete_id": arrete_id,
                    "zone_id": zone,
                    key: territory,
                    "tvs_id" if key == "commune_id" else "commune_id": None,
                    "apl": None,
                }

    batch.rows(ArreteZonage, arretes)
    batch.rows(ArreteTransition, transitions)
    batch.rows(Classement, rows())
    return batch
