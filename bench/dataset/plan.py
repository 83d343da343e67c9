"""The reference region's plan d'accès aux soins in use: départemental declinations, semester comments, comités de
pilotage with decisions, and the feuilles de route of its territoires de démocratie sanitaire. All fictitious."""

import datetime

from django.contrib.contenttypes.models import ContentType

from acces_soins.enums import StatutAction, StatutFeuille, StatutMesure, ThemeSolution
from acces_soins.feuilles.seed_links import ensure_seed
from acces_soins.models import (
    Action,
    ComiteDePilotage,
    Decision,
    DeclinaisonMesure,
    FeuilleDeRoute,
    Jalon,
    Mesure,
    NoteSemestrielle,
    Plan,
    Solution,
    TerritoireSante,
)
from bench.dataset.context import TODAY, Context
from bench.dataset.indicateurs import semestres
from bench.dataset.writer import Batch

SOURCE = "Donnée fictive du jeu de données de mesure"
STATUTS = list(StatutMesure.values)
ACTION_STATUTS = list(StatutAction.values)
THEMES = list(ThemeSolution.values)


def create_plan(ctx: Context) -> Batch:
    batch = Batch()
    plan = Plan.objects.order_by("pk").first()
    if plan is None:
        return batch
    rng, writer = ctx.rng, ctx.writer
    region = next((r for r in ctx.regions if r.code == plan.region_code), None)
    if region is None:
        return batch
    siege = ctx.users[f"siege-{region.code}"][0]
    dd = {d.code: ctx.users[f"dd-{d.code}"][0] for d in region.departements}
    mesures = list(Mesure.objects.order_by("pk").values_list("pk", flat=True))
    periods = semestres(max(2, ctx.config.semestres // 4))
    existing = set(DeclinaisonMesure.objects.values_list("mesure_id", "departement_id"))
    declinaisons = [
        {
            "mesure_id": m,
            "departement_id": d.id,
            "statut": STATUTS[(m + d.id) % len(STATUTS)],
            "statut_date": TODAY,
            "statut_source": SOURCE,
            "commentaire": f"Déclinaison fictive — {d.nom}.",
        }
        for m in mesures
        for d in region.departements
        if (m, d.id) not in existing
    ]
    mesure_type = ContentType.objects.get_for_model(Mesure).pk
    action_type = ContentType.objects.get_for_model(Action).pk
    commentaires = [  # the semester notes of the measures (one per measure and semester)
        {
            "content_type_id": mesure_type,
            "object_id": m,
            "semestre": s,
            "texte": "Commentaire fictif du semestre.",
            "updated_by_id": siege,
            "updated_at": writer.now,
        }
        for m in mesures
        for s in periods
    ]
    comites, decisions, decision_mesures = [], [], []
    for index in range(ctx.config.comites):
        (pk,) = writer.ids(ComiteDePilotage, 1)
        periode = periods[index % len(periods)]
        comites.append(
            {
                "id": pk,
                "plan_id": plan.pk,
                "semestre": periode,
                "date": datetime.date(int(periode[:4]), 3 if periode.endswith("S1") else 10, 1 + index % 27),
                "participants": "ARS (fictif)\nCPAM (fictif)\nURPS (fictif)\nConseil régional (fictif)",
                "ordre_du_jour": "Point d'étape du plan (fictif).",
                "releve_decisions": "Relevé fictif.",
                "updated_by_id": siege,
            }
        )
        for numero in range(1, 4):
            (decision,) = writer.ids(Decision, 1)
            decisions.append(
                {"id": decision, "comite_id": pk, "numero": numero, "texte": f"Décision fictive n° {numero}."}
            )
            decision_mesures.extend((decision, m) for m in mesures[numero - 1 :: 7])
    ensure_seed()
    territoires = list(TerritoireSante.objects.filter(region_code=region.code).order_by("code"))
    own = [
        {
            "id": pk,
            "region_code": region.code,
            "ordre": n,
            "libelle": f"Solution fictive n° {n} du catalogue régional",
            "theme": THEMES[n % len(THEMES)],
            "description": "Solution fictive.",
            "actif": True,
            "source": SOURCE,
        }
        for n, pk in enumerate(writer.ids(Solution, 2 + ctx.config.comites), 1)
    ]
    solutions = [row["id"] for row in own]
    feuilles, actions, jalons, notes = [], [], [], []
    for territoire in territoires:
        (feuille,) = writer.ids(FeuilleDeRoute, 1)
        feuilles.append(
            {
                "id": feuille,
                "territoire_id": territoire.pk,
                "periode_debut": datetime.date(2024, 1, 1),
                "periode_fin": datetime.date(2027, 12, 31),
                "date_adoption": datetime.date(2024, 2, 1),
                "statut": StatutFeuille.ADOPTEE,
                "is_fictif": True,
            }
        )
        for numero in range(1, ctx.config.actions_per_feuille + 1):
            (action,) = writer.ids(Action, 1)
            debut = datetime.date(2024, 1 + numero % 12, 1)
            statut = ACTION_STATUTS[(numero + territoire.pk) % len(ACTION_STATUTS)]
            actions.append(
                {
                    "id": action,
                    "feuille_id": feuille,
                    "numero": numero,
                    "solution_id": solutions[numero % len(solutions)] if solutions and numero % 2 else None,
                    "libelle": f"Action fictive n° {numero} — {territoire.nom}",
                    "theme": THEMES[numero % len(THEMES)],
                    "pilote_nom": "Pilote fictif",
                    "partenaires": "Partenaire fictif",
                    "date_debut": debut,
                    "date_fin": debut + datetime.timedelta(days=300 + 30 * rng.randint(0, 12)),
                    "statut": statut,
                    "updated_at": writer.now,
                    "updated_by_id": siege,
                }
            )
            for offset in (90, 240):
                prevue = debut + datetime.timedelta(days=offset)
                jalons.append(
                    {
                        "action_id": action,
                        "libelle": f"Jalon fictif à {offset} jours",
                        "date_prevue": prevue,
                        "date_realisee": prevue if offset == 90 else None,
                    }
                )
            departement = next(iter(dd))
            notes.append(
                {
                    "content_type_id": action_type,
                    "object_id": action,
                    "semestre": periods[-1],
                    "avancement": 10 * (numero % 10),
                    "texte": "Note fictive.",
                    "statut": statut,
                    "updated_at": writer.now,
                    "updated_by_id": dd[departement],
                }
            )
    batch.rows(Solution, own)
    batch.rows(DeclinaisonMesure, declinaisons)
    batch.rows(NoteSemestrielle, commentaires)
    batch.rows(ComiteDePilotage, comites)
    batch.rows(Decision, decisions)
    batch.link(Decision, "mesures", decision_mesures)
    batch.rows(FeuilleDeRoute, feuilles)
    batch.rows(Action, actions)
    batch.rows(Jalon, jalons)
    batch.rows(NoteSemestrielle, notes)
    return batch
