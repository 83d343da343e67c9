"""The funding ledger of every region: yearly envelopes opened to the region's départements, one commitment per
funded object (CLS ingénierie, CPTS, MSP) from an envelope of its region and year, payments and co-financing."""

import datetime
from collections import defaultdict
from decimal import Decimal

from bench.dataset.context import TODAY, Context
from bench.dataset.writer import Batch
from financements.enums import Financeur, StatutCofinancement, StatutEngagement
from financements.models import Cofinancement, Engagement, Enveloppe, Paiement

LIBELLES = ["Ingénierie des CLS", "CPTS et exercice coordonné", "Plans d'action territoriaux"]


def create_ledger(ctx: Context) -> Batch:
    rng, writer = ctx.rng, ctx.writer
    count = ctx.config.enveloppes_per_region
    years = sorted({TODAY.year - offset for offset in range(max(1, count // len(LIBELLES) + 1))})
    enveloppes, opened = {}, []
    rows = []
    for region in ctx.regions:
        siege = ctx.users[f"siege-{region.code}"][0]
        for index in range(count):
            year = years[index % len(years)]
            (pk,) = writer.ids(Enveloppe, 1)
            rows.append(
                {
                    "id": pk,
                    "financeur": Financeur.ARS_FIR,
                    "annee": year,
                    "is_fictif": True,
                    "libelle": f"{LIBELLES[index % len(LIBELLES)]} {year} — {region.nom} (fictive, n° {index + 1})",
                    "programmes": [],
                    "montant": Decimal(0),
                    "region_id": region.id,
                    "created_by_id": siege,
                    "notes": "Enveloppe fictive du jeu de données de mesure.",
                }
            )
            enveloppes.setdefault((region.id, year), []).append(pk)
            opened.extend((pk, d.id) for d in region.departements)
    engaged: dict[int, Decimal] = defaultdict(Decimal)
    engagements, paiements, cofinancements = [], [], []
    for index, item in enumerate(ctx.beneficiaires):
        region = ctx.region_of(item["departement_id"])
        year = min(max(item["annee"], years[0]), years[-1])
        candidates = enveloppes[(region.id, year)]
        enveloppe = candidates[index % len(candidates)]
        (pk,) = writer.ids(Engagement, 1)
        montant = item["montant"]
        engaged[enveloppe] += montant
        decision = datetime.date(year, 1 + index % 12, 10)
        engagements.append(
            {
                "id": pk,
                "enveloppe_id": enveloppe,
                "beneficiaire_id": item["id"],
                "montant": montant,
                "date_decision": decision,
                "reference_convention": f"CONV-{year}-{pk:05d} (fictive)",
                "statut": StatutEngagement.ENGAGE,
                "created_by_id": ctx.users[f"siege-{region.code}"][0],
            }
        )
        if decision < TODAY and index % 3:
            paiements.append(
                {
                    "engagement_id": pk,
                    "date": min(TODAY, decision + datetime.timedelta(days=60)),
                    "montant": (montant / 2).quantize(Decimal("0.01")),
                }
            )
            if index % 3 == 2:
                paiements.append(
                    {
                        "engagement_id": pk,
                        "date": min(TODAY, decision + datetime.timedelta(days=240)),
                        "montant": (montant / 2).quantize(Decimal("0.01")),
                    }
                )
        if index % 4 == 0:
            cofinancements.append(
                {
                    "beneficiaire_id": item["id"],
                    "financeur": Financeur.COLLECTIVITES,
                    "organisation": "Collectivité (fictive)",
                    "montant": Decimal(rng.randint(5, 40) * 1000),
                    "annee": year,
                    "statut": StatutCofinancement.ACQUIS,
                }
            )
    for row in rows:  # each envelope covers what is committed on it, with a margin
        row["montant"] = (engaged[row["id"]] * Decimal("1.25") + Decimal(100_000)).quantize(Decimal("1"))
    batch = Batch()
    batch.rows(Enveloppe, rows)
    batch.link(Enveloppe, "departements", opened)
    batch.rows(Engagement, engagements)
    batch.rows(Paiement, paiements)
    batch.rows(Cofinancement, cofinancements)
    return batch
