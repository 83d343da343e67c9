"""The sections of the semester bilan. Each returns JSON-ready data or None (« non disponible »).

Sections fed by apps built in parallel (CLS, zonage, CPTS, indicateurs) call the service names of
design.md §2 through `provider()`; until an app ships its service, its section is not available.
"""

from decimal import Decimal

from django.db.models import Count, Max, Sum

from acces_soins.enums import StatutMesure
from acces_soins.periods import Perimetre, Semestre
from acces_soins.sections import provider, register
from config.typography import NBSP


def _number(value):
    """JSON-ready number: Decimal → float, None stays None."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _figure(code: str, libelle: str, valeur, unite: str = "") -> dict:
    return {"code": code, "libelle": libelle, "valeur": _number(valeur), "unite": unite}


def _territory_kwargs(perimetre: Perimetre) -> dict:
    """Keyword arguments of the coverage services: region=Region or departement=Departement."""
    return {"region" if perimetre.is_region else "departement": perimetre.resolve()}


def _stages(counts) -> list[dict]:
    return [{"etape": str(getattr(stage, "label", stage)), "nombre": int(count)} for stage, count in counts.items()]


def _coverage(population, share) -> dict:
    share = _number(share)
    if share is not None and share <= 1:
        share = round(share * 100, 4)  # services return a share in [0, 1]; the bilan prints percentages
    return {"population_couverte": _number(population), "part": share}


# The bilan's maps print 360 px (≈ 95 mm) wide: a vertex within 0.3 px (≈ 0.08 mm, under the 0.6 px white outline
# of each shape) of the simplified contour is invisible on paper. The simplified paths are stored in the snapshot,
# so they are computed once per bilan, never at render time.
CARTE_LARGEUR = 360
CARTE_SIMPLIFICATION = 0.3


def _carte(level: str, names: dict[str, str], values: dict[str, object] | None = None) -> dict | None:
    """Map shapes (SVG path data, already projected) of the given territories, from territoires contours."""
    from config.charts import project_paths
    from territoires.models import Contour

    geometries = dict(Contour.objects.filter(level=level, code__in=list(names)).values_list("code", "geometry"))
    if not geometries:
        return None
    paths, (width, height) = project_paths(geometries, width=CARTE_LARGEUR, simplify=CARTE_SIMPLIFICATION)
    return {
        "largeur": width,
        "hauteur": height,
        "formes": [
            {"code": code, "nom": names[code], "chemin": paths[code], "valeur": (values or {}).get(code)}
            for code in sorted(paths)
        ],
    }


# --- Built on this app and on territoires ----------------------------------------------------


@register("territoire", "Le territoire", ordre=10)
def territoire(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    from territoires.services import population_of

    communes = perimetre.communes()
    figures = communes.aggregate(nb=Count("pk"), epci=Count("epci", distinct=True), millesime=Max("millesime"))
    if not figures["nb"]:
        return None
    departements = [
        {
            "code": row["departement__code"],
            "nom": row["departement__nom"],
            "population": row["population"] or 0,
            "communes": row["nb"],
        }
        for row in communes.values("departement__code", "departement__nom")
        .annotate(population=Sum("population"), nb=Count("pk"))
        .order_by("departement__code")
    ]
    population = population_of(communes)
    if perimetre.is_region:
        carte = _carte(
            "departement",
            {d["code"]: f"{d['nom']} ({d['code']})" for d in departements},
            {d["code"]: d["population"] for d in departements},
        )
    else:
        rows = communes.values_list("code_insee", "nom", "population")
        carte = _carte("commune", {code: nom for code, nom, _ in rows}, {code: pop for code, _, pop in rows})
    return {
        "population": population,
        "carte": carte,
        "communes": figures["nb"],
        "epci": figures["epci"],
        "millesime": figures["millesime"],
        "departements": departements,
        "chiffres_cles": [
            _figure("population", "Population municipale", population, "habitants"),
            _figure("communes", "Communes", figures["nb"]),
        ],
    }


def _statut_source(obj, plan) -> str:
    """The source of a status; only the passage when it is the plan's own document (cited once, above)."""
    if obj.statut_document_id and obj.statut_document_id == plan.document_id:
        return obj.statut_source
    return obj.statut_source_affichee


@register("plan", "Mesures du plan d'accès aux soins", ordre=20)
def plan(perimetre: Perimetre, semestre: Semestre, *, complet: bool = True) -> dict | None:
    """`complet=False`: without the pilot roles and, for a région, the declinations per département (what the
    remontée nationale shows; two queries fewer)."""
    from acces_soins.selectors import plan_for_perimetre

    declinaisons = complet or not perimetre.is_region
    plan = plan_for_perimetre(perimetre, roles=complet, declinaisons=declinaisons)
    if plan is None:
        return None
    priorites = []
    totals = dict.fromkeys(StatutMesure.values, 0)
    for priorite in plan.priorites.all():
        counts = dict.fromkeys(StatutMesure.values, 0)
        mesures = []
        for mesure in priorite.mesures.all():
            of_mesure = mesure.declinaisons.all() if declinaisons else ()
            declinaison = next(
                (d for d in of_mesure if not perimetre.is_region and d.departement.code == perimetre.code),
                None,
            )
            statut = declinaison.statut if declinaison else mesure.statut
            commentaire = next((c.texte for c in mesure.commentaires if c.semestre == str(semestre)), "")
            counts[statut] += 1
            totals[statut] += 1
            mesures.append(
                {
                    "reference": f"P{priorite.numero}.{mesure.numero}",
                    "libelle": mesure.libelle,
                    "niveau": mesure.get_niveau_display(),
                    "pilote": mesure.pilote,
                    "statut": statut,
                    "statut_libelle": StatutMesure(statut).label,
                    "statut_source": _statut_source(declinaison or mesure, plan),
                    "statut_date": (declinaison or mesure).statut_date_affichee,
                    "commentaire": commentaire,
                    "indicateurs": [indicateur.code for indicateur in mesure.indicateurs.all()],
                    "declinaison": declinaison.commentaire if declinaison else "",
                    "declinaisons": [
                        {"departement": d.departement.code, "statut_libelle": d.get_statut_display()} for d in of_mesure
                    ]
                    if perimetre.is_region
                    else [],
                }
            )
        priorites.append({"numero": priorite.numero, "titre": priorite.titre, "mesures": mesures, "statuts": counts})
    return {
        "plan": plan.nom,
        "plan_source": plan.source_affichee,
        "pilotage": f"{NBSP}; ".join(f"{r.get_niveau_display().lower()}{NBSP}: {r.intitule}" for r in plan.roles.all())
        if complet
        else "",
        "priorites": priorites,
        "statuts": totals,
        "chiffres_cles": [
            _figure("mesures_realisees", "Mesures réalisées", totals[StatutMesure.REALISEE]),
            _figure("mesures_en_cours", "Mesures en cours", totals[StatutMesure.EN_COURS]),
        ],
    }


@register("comite", "Décisions du dernier comité de pilotage", ordre=30)
def comite(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    from acces_soins.selectors import last_comite

    session = last_comite(perimetre, on=semestre.end)
    if session is None:
        return None
    return {
        "date": session.date.isoformat(),
        "semestre": session.semestre,
        "participants": session.participants_list,
        "ordre_du_jour": session.ordre_du_jour,
        "releve_decisions": session.releve_decisions,
        "decisions": [
            {
                "numero": decision.numero,
                "texte": decision.texte,
                "mesures": [f"P{m.priorite.numero}.{m.numero}" for m in decision.mesures.all()],
            }
            for decision in session.decisions.all()
        ],
    }


@register("decisions", "Suivi des décisions", ordre=32)
def decisions(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    """The comité's decisions open at the end of the semester (or today if sooner) or closed during it: owner, due
    date, status, lateness, links, last step of their follow-up (current statuses, as for the roadmaps)."""
    from django.utils import timezone

    from acces_soins.models import Decision
    from acces_soins.selectors import region_code_of

    on = min(semestre.end, timezone.localdate())
    rows = list(
        Decision.objects.filter(comite__plan__region_code=region_code_of(perimetre), comite__date__lte=semestre.end)
        .with_list_data()
        .prefetch_related("suivis")
        .order_by("comite__date", "numero")
    )
    shown = [
        d for d in rows if d.est_ouverte or any(semestre.start <= s.le.date() <= semestre.end for s in d.suivis.all())
    ]
    if not shown:
        return None
    decisions = []
    for decision in shown:
        suivis = list(decision.suivis.all())
        decisions.append(
            {
                "reference": decision.reference,
                "texte": decision.texte,
                "responsable": decision.responsable or "non désigné",
                "echeance": decision.echeance.isoformat() if decision.echeance else None,
                "statut": decision.get_statut_display(),
                "motif_abandon": decision.motif_abandon,
                "jours_retard": decision.jours_de_retard(on),
                "liens": [m.reference for m in decision.mesures.all()]
                + [f"fiche {f.numero} ({f.contrat.nom})" for f in decision.fiches.all()]
                + [i.code for i in decision.indicateurs.all()],
                "dernier_suivi": (
                    {"date": suivis[-1].le.date().isoformat(), "commentaire": suivis[-1].commentaire}
                    if suivis
                    else None
                ),
            }
        )
    late = sum(1 for row in decisions if row["jours_retard"])
    return {
        "date_retard": on.isoformat(),
        "decisions": decisions,
        "chiffres_cles": [
            _figure("decisions_ouvertes", "Décisions du comité ouvertes", sum(1 for d in shown if d.est_ouverte)),
            _figure("decisions_en_retard", "Décisions du comité en retard", late),
        ],
    }


@register("remontees", "Remontées de la campagne", ordre=33)
def remontees(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    from acces_soins.campagne.bilan import remontees_section

    return remontees_section(perimetre, semestre)


@register("feuilles", "Feuilles de route territoriales", ordre=35)
def feuilles(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    from acces_soins.feuilles.bilan import feuilles_section

    return feuilles_section(perimetre, semestre)


# --- Fed by the other apps, when they land ---------------------------------------------------


@register("cls", "Contrats locaux de santé", ordre=40)
def cls(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    coverage, pipeline = provider("cls.services", "cls_coverage"), provider("cls.services", "pipeline")
    if coverage is None:
        return None
    data = _coverage(*coverage(**_territory_kwargs(perimetre), on=semestre.end))
    data["pipeline"] = _stages(pipeline(perimetre=perimetre.resolve(), on=semestre.end)) if pipeline else []
    fiches = provider("cls.services", "fiches_actions_counts")
    data["en_retard"] = fiches(**_territory_kwargs(perimetre), on=semestre.end)["en_retard"] if fiches else None
    data["chiffres_cles"] = [
        _figure("cls_population", "Population couverte par un CLS", data["population_couverte"], "habitants"),
        _figure("cls_part", "Part de la population couverte par un CLS", data["part"], "%"),
    ]
    return data


# The médecin zonage is the one the plan d'accès aux soins follows (priority 1, measure 1).
PROFESSION_ZONAGE_BILAN = "medecin-generaliste"


@register("zonage", "Zonage médecins", ordre=50)
def zonage(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    shares = provider("zonage.services", "zone_shares")
    arrete_en_vigueur = provider("zonage.services", "arrete_en_vigueur")
    if shares is None or arrete_en_vigueur is None:
        return None
    region = perimetre.resolve() if perimetre.is_region else perimetre.resolve().region
    arrete = arrete_en_vigueur(profession=PROFESSION_ZONAGE_BILAN, region=region, on=semestre.end)
    if arrete is None:
        return None
    kwargs = {} if perimetre.is_region else {"departement": perimetre.resolve()}
    zones = []
    for zone, (population, share) in shares(arrete, **kwargs).items():
        zones.append({"zone": str(getattr(zone, "label", zone)), **_coverage(population, share)})
    caps = provider("zonage.services", "zone_caps")
    zones_par_commune = provider("zonage.services", "zones_par_commune")
    carte = None
    if zones_par_commune is not None:
        by_commune = {code: str(getattr(zone, "label", zone)) for code, zone in zones_par_commune(arrete).items()}
        names = dict(perimetre.communes().filter(code_insee__in=list(by_commune)).values_list("code_insee", "nom"))
        carte = _carte("commune", names, by_commune)
    return {
        "arrete": str(arrete),
        "zones": zones,
        "carte": carte,
        "plafonds": {str(k): _number(v) for k, v in caps(arrete).items()} if caps else {},
    }


@register("cpts", "CPTS et maisons de santé", ordre=60)
def cpts(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    coverage, pipeline = provider("cpts.services", "cpts_coverage"), provider("cpts.services", "pipeline")
    if coverage is None:
        return None
    data = _coverage(*coverage(**_territory_kwargs(perimetre), on=semestre.end))
    data["pipeline"] = _stages(pipeline(perimetre=perimetre.resolve(), on=semestre.end)) if pipeline else []
    late = provider("cpts.services", "missions_en_retard")
    data["en_retard"] = _number(late(**_territory_kwargs(perimetre), on=semestre.end)) if late else None
    data["chiffres_cles"] = [
        _figure("cpts_population", "Population couverte par une CPTS", data["population_couverte"], "habitants"),
        _figure("cpts_part", "Part de la population couverte par une CPTS", data["part"], "%"),
    ]
    return data


@register(
    "registres", "Registres du plan : stages, télémédecine, coopérations, aides, mouvements de médecins", ordre=62
)
def registres(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    """The counts of the registers (source « registre »), at the end of the semester and of the previous one; the
    movements over each semester."""
    chiffres = provider("registres.services.indicateurs", "chiffres")
    if chiffres is None:
        return None
    kwargs = _territory_kwargs(perimetre)
    current = chiffres(**kwargs, debut=semestre.start, fin=semestre.end)
    previous = {
        row["code"]: row["valeur"]
        for row in chiffres(**kwargs, debut=semestre.previous().start, fin=semestre.previous().end)
    }
    rows = [{**row, "precedent": previous.get(row["code"])} for row in current]
    by_code = {row["code"]: row["valeur"] for row in rows}
    return {
        "lignes": rows,
        "semestre_precedent": str(semestre.previous()),
        "chiffres_cles": [
            _figure("registres_maitres_stage", "Maîtres de stage en médecine générale", by_code["maitres_stage"]),
            _figure("registres_solde_mg", "Solde des médecins généralistes sur le semestre", by_code["solde_mg"]),
        ],
    }


@register("financements", "Financements", ordre=65)
def financements(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    """Committed / paid per envelope and per programme at the semester end vs the previous one."""
    totals = provider("financements.selectors", "bilan_financements")
    if totals is None:
        return None
    data = totals(**_territory_kwargs(perimetre), on=semestre.end, previous=semestre.previous().end)
    if not data["par_enveloppe"]:
        return None
    data["semestre_precedent"] = str(semestre.previous())
    engage = sum(row["engage"] for row in data["par_enveloppe"])
    verse = sum(row["verse"] for row in data["par_enveloppe"])
    data["chiffres_cles"] = [
        _figure("financements_engage", "Crédits engagés sur les enveloppes", engage, "€"),
        _figure("financements_verse", "Crédits versés", verse, "€"),
    ]
    return data


@register("indicateurs", "Indicateurs d'évaluation", ordre=70)
def indicateurs(perimetre: Perimetre, semestre: Semestre, *, avis: bool = True) -> dict | None:
    rows_of = provider("indicateurs.selectors", "indicateurs_du_bilan")
    if rows_of is None:
        return None
    rows = rows_of(kind=perimetre.kind, code=perimetre.code, semestre=semestre, avis=avis)
    return {"indicateurs": rows} if rows else None
