"""The comité d'évaluation space: the dashboard per priority and the indicator page."""

from django.shortcuts import render
from django.utils import timezone

from comptes.perms import user_region_code
from indicateurs import charts, selectors
from indicateurs.enums import PerimetreKind
from indicateurs.forms import AvisForm
from indicateurs.models import Recalcul
from indicateurs.perimetres import perimetres_territoriaux
from indicateurs.perms import can_edit_reperes, can_enter_valeurs, can_give_avis, can_recalculer
from indicateurs.semestre import Semestre
from indicateurs.views.access import get_indicateur_for_user, require_space


def _choose_perimetre(request):
    """The perimeter picked in ?perimetre=niveau:code among the région and its départements."""
    perimetres = selectors.perimetres_du_tableau(user_region_code(request.user))
    if not any(perimetre.kind == PerimetreKind.DEPARTEMENT for perimetre in perimetres):
        # First visit after the referential import: register the région and its départements once.
        perimetres = perimetres_territoriaux(user_region_code(request.user)) or perimetres
    wanted = request.GET.get("perimetre", "")
    current = next((p for p in perimetres if p.key == wanted), perimetres[0] if perimetres else None)
    return perimetres, current


def dashboard(request):
    require_space(request)
    perimetres, perimetre = _choose_perimetre(request)
    priorites = selectors.tableau_de_bord(perimetre) if perimetre else []
    return render(
        request,
        "indicateurs/dashboard.html",
        {
            "title": "Tableau de bord des indicateurs",
            "perimetres": perimetres,
            "perimetre": perimetre,
            "priorites": priorites,
            "can_enter": can_enter_valeurs(request.user),
            "can_recalculer": can_recalculer(request.user),
            "recalcul": Recalcul.objects.first() if can_recalculer(request.user) else None,
            "semestre_courant": Semestre.containing(timezone.localdate()),
        },
    )


def _registres_source(code: str) -> list[dict]:
    """The registers an indicator is computed from (links on its page); none when the app is absent."""
    from indicateurs.calculs.registry import SourceIndisponible, service

    try:
        return service("registres.services.indicateurs.registre_de_indicateur")(code)
    except SourceIndisponible:
        return []


def detail(request, code: str):
    indicateur = get_indicateur_for_user(request, code)
    perimetres, perimetre = _choose_perimetre(request)
    valeurs = selectors.serie(indicateur, perimetre) if perimetre else []
    ligne = selectors.lignes([indicateur], perimetre, valeurs=valeurs)[0] if perimetre else None
    tendance = charts.tendance(indicateur, valeurs, ligne) if ligne else None
    periode = ligne.derniere.semestre if ligne and ligne.derniere else None
    departements = (
        selectors.par_departement(indicateur, periode, user_region_code(request.user), perimetres=perimetres)
        if periode
        else []
    )
    barres = charts.barres(indicateur, periode, departements) if departements else None
    avis_form = AvisForm(initial={"periode": str(periode or "")}) if can_give_avis(request.user) else None
    return render(
        request,
        "indicateurs/detail.html",
        {
            "title": indicateur.libelle,
            "indicateur": indicateur,
            "perimetres": perimetres,
            "perimetre": perimetre,
            "ligne": ligne,
            "valeurs": valeurs,
            "tendance": tendance,
            "periode": periode,
            "departements": departements,
            "barres": barres,
            "avis_list": selectors.avis_de(indicateur),
            "registres_source": _registres_source(indicateur.code),
            "historique": selectors.historique(indicateur, perimetre) if perimetre else [],
            "can_edit_reperes": can_edit_reperes(request.user),
            "avis_form": avis_form,
            "can_enter": can_enter_valeurs(request.user),
            "breadcrumb_data": {
                "links": [{"url": "/indicateurs/", "title": "Tableau de bord des indicateurs"}],
                "current": indicateur.code,
            },
        },
    )
