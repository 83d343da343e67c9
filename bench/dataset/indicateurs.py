"""Indicator perimeters (régions, départements, EPCI, CLS, CPTS) and values: every active indicator × every
perimeter × the last `semestres` semesters (annual indicators: their second semester only), plus baselines and
targets on the territorial perimeters, the comité's avis and the fiches' linked indicators. All `fictif`."""

from decimal import Decimal

from bench.dataset.context import Context
from bench.dataset.writer import Batch
from cls.models import FicheAction
from indicateurs.enums import Mode, PerimetreKind, Periodicite, Provenance, Unite
from indicateurs.models import Avis, Baseline, Cible, Indicateur, IndicateurFiche, Perimetre, Valeur
from indicateurs.semestre import Semestre

LAST = Semestre.parse("2026-S1")
PROVENANCE = {Mode.SAISI: Provenance.SAISIE, Mode.IMPORTE: Provenance.IMPORT, Mode.CALCULE: Provenance.CALCUL}
SCALE = {Unite.POURCENTAGE: 100, Unite.EUROS: 1_000_000, Unite.JOURS: 120, Unite.CONSULTATIONS: 6}


def semestres(count: int) -> list[str]:
    found, current = [], LAST
    for _ in range(count):
        found.append(str(current))
        current = current.previous()
    return found[::-1]


def create_indicateurs(ctx: Context, programmes: list[dict]) -> Batch:
    """`programmes`: the CLS and CPTS perimeters collected by their steps."""
    rng, writer = ctx.rng, ctx.writer
    existing = {(kind, code): pk for pk, kind, code in Perimetre.objects.values_list("pk", "kind", "code")}
    perimetres, territorial = [], []

    def perimetre(kind, code, libelle, departement_id):
        if (kind, code) in existing:
            pk = existing[(kind, code)]
        else:
            (pk,) = writer.ids(Perimetre, 1)
            perimetres.append(
                {"id": pk, "kind": kind, "code": code, "libelle": libelle, "departement_id": departement_id}
            )
        return pk

    for region in ctx.regions:
        territorial.append(perimetre(PerimetreKind.REGION, region.code, region.nom, None))
        for departement in region.departements:
            territorial.append(
                perimetre(
                    PerimetreKind.DEPARTEMENT,
                    departement.code,
                    f"{departement.nom} ({departement.code})",
                    departement.id,
                )
            )
    others = [perimetre(PerimetreKind.EPCI, e.siren, e.nom, e.departement_id) for e in ctx.epcis]
    others += [perimetre(p["kind"], p["code"], p["libelle"], p["departement_id"]) for p in programmes]
    indicateurs = list(Indicateur.objects.actifs().order_by("priorite", "ordre", "code"))
    periods = semestres(ctx.config.semestres)
    every = territorial + others

    def valeurs():
        for indicateur in indicateurs:
            scale = SCALE.get(indicateur.unite, 500)
            kept = [p for p in periods if indicateur.periodicite != Periodicite.ANNUELLE or p.endswith("S2")]
            provenance = PROVENANCE[indicateur.mode]
            for perimetre_id in every:
                level = rng.random() * scale
                for index, periode in enumerate(kept):
                    secret = (perimetre_id + index) % 97 == 0
                    value = None if secret else Decimal(f"{level * (1 + 0.01 * index):.3f}")
                    yield {
                        "indicateur_id": indicateur.pk,
                        "perimetre_id": perimetre_id,
                        "periode": periode,
                        "valeur": value,
                        "secret": secret,
                        "provenance": provenance,
                        "saisi_par_id": None,
                        "saisi_le": writer.now,
                        "lot_id": None,
                        "commentaire": "",
                        "fictif": True,
                    }

    existing_reperes = set(Baseline.objects.values_list("indicateur_id", "perimetre_id"))
    baselines, cibles = [], []
    for indicateur in indicateurs:
        for perimetre_id in territorial:
            if (indicateur.pk, perimetre_id) in existing_reperes:
                continue
            common = {
                "indicateur_id": indicateur.pk,
                "perimetre_id": perimetre_id,
                "fictif": True,
                "source": "Repère fictif (jeu de données de mesure)",
                "a_confirmer": True,
            }
            baselines.append({**common, "valeur": Decimal(10), "periode": periods[0]})
            cibles.append({**common, "valeur": Decimal(20), "periode": "2027-S2"})
    comite = next(iter(ctx.users.get(f"comite-{ctx.regions[0].code}", [])), None)
    avis = (
        [
            {
                "indicateur_id": indicateur.pk,
                "periode": periode,
                "auteur_id": comite,
                "texte": "Avis fictif du comité d'évaluation sur ce semestre.",
            }
            for indicateur in indicateurs
            for periode in periods[-2:]
        ]
        if comite
        else []
    )
    fiche_links = []
    user = ctx.users[f"siege-{ctx.regions[0].code}"][0]
    fiches = FicheAction.objects.values_list("pk", flat=True).order_by("pk")
    for index, fiche_id in enumerate(fiches.iterator(chunk_size=5000)):
        indicateur = indicateurs[index % len(indicateurs)]
        fiche_links.append(
            {
                "fiche_id": fiche_id,
                "indicateur_id": indicateur.pk,
                "cible_valeur": Decimal(50),
                "echeance": "2027-S2",
                "created_by_id": user,
            }
        )
    batch = Batch()
    batch.rows(Perimetre, perimetres)
    batch.rows(Valeur, valeurs())
    batch.rows(Baseline, baselines)
    batch.rows(Cible, cibles)
    batch.rows(Avis, avis)
    batch.rows(IndicateurFiche, fiche_links)
    return batch
