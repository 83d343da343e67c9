"""Staff writes: value entry, import of a file of values, recomputation; the comité's avis."""

from django.contrib import messages
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from comptes.perms import refuse, user_region_code
from config.typography import fr_quantity
from indicateurs.enums import PerimetreKind
from indicateurs.forms import AvisForm, ImportForm, RepereForm, ValeurForm
from indicateurs.importer import valeurs_importer
from indicateurs.models import Baseline, Cible, Perimetre, Recalcul
from indicateurs.perimetres import perimetres_territoriaux
from indicateurs.perms import (
    can_edit_reperes,
    can_enter_valeur_for,
    can_enter_valeurs,
    can_give_avis,
    can_recalculer,
)
from indicateurs.semestre import Semestre
from indicateurs.services import (
    avis_enregistrer,
    recalcul_demander,
    recalcul_regions,
    repere_enregistrer,
    valeur_enregistrer,
)
from indicateurs.views.access import get_indicateur_for_user, require_space


def _editable_perimetres(user, indicateur):
    perimetres_territoriaux(user_region_code(user))
    allowed = [
        perimetre.pk
        for perimetre in Perimetre.objects.filter(kind__in=indicateur.niveaux)
        if can_enter_valeur_for(user, perimetre)
    ]
    level = Case(*(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(PerimetreKind.values)))
    return Perimetre.objects.filter(pk__in=allowed).order_by(level, "code")


def saisie(request, code: str):
    indicateur = get_indicateur_for_user(request, code, allowed=can_enter_valeurs)
    perimetres = _editable_perimetres(request.user, indicateur)
    form = ValeurForm(request.POST or None, perimetres=perimetres)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        valeur_enregistrer(
            indicateur=indicateur,
            perimetre=data["perimetre"],
            periode=data["periode"],
            valeur=data["valeur"],
            secret=data["secret"],
            commentaire=data["commentaire"],
            saisi_par=request.user,
        )
        messages.success(request, f"Valeur enregistrée pour {data['perimetre']} ({data['periode']}).")
        return redirect(f"{indicateur.get_absolute_url()}?perimetre={data['perimetre'].key}")
    return render(
        request,
        "indicateurs/saisie.html",
        {
            "title": f"Saisir une valeur — {indicateur.libelle}",
            "indicateur": indicateur,
            "form": form,
            "breadcrumb_data": {
                "links": [
                    {"url": "/indicateurs/", "title": "Tableau de bord des indicateurs"},
                    {"url": indicateur.get_absolute_url(), "title": indicateur.code},
                ],
                "current": "Saisir une valeur",
            },
        },
    )


def reperes(request, code: str):
    """The siège sets the baseline or the target of an indicator on a perimeter."""
    indicateur = get_indicateur_for_user(request, code, allowed=can_edit_reperes)
    perimetres = _editable_perimetres(request.user, indicateur)
    form = RepereForm(request.POST or None, perimetres=perimetres)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        repere_enregistrer(
            model=Baseline if data["kind"] == "baseline" else Cible,
            indicateur=indicateur,
            perimetre=data["perimetre"],
            valeur=data["valeur"],
            periode=data["periode"],
            source=data["source"],
            qualificatif=data["qualificatif"],
        )
        label = "Valeur de référence" if data["kind"] == "baseline" else "Cible"
        messages.success(request, f"{label} enregistrée pour {data['perimetre']}.")
        return redirect(f"{indicateur.get_absolute_url()}?perimetre={data['perimetre'].key}")
    return render(
        request,
        "indicateurs/reperes.html",
        {
            "title": f"Référence et cible — {indicateur.libelle}",
            "indicateur": indicateur,
            "form": form,
            "breadcrumb_data": {
                "links": [
                    {"url": "/indicateurs/", "title": "Tableau de bord des indicateurs"},
                    {"url": indicateur.get_absolute_url(), "title": indicateur.code},
                ],
                "current": "Référence et cible",
            },
        },
    )


def importer(request):
    require_space(request)
    if not can_enter_valeurs(request.user):
        raise refuse(can_enter_valeurs)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        report = valeurs_importer(name=fichier.name, content=fichier.read(), user=request.user)
        if report.ok:
            count = fr_quantity(report.lot.nb_valeurs, "valeur importée", "valeurs importées")
            messages.success(request, f"{count} depuis « {report.lot.fichier} ».")
            return redirect("indicateurs:dashboard")
    return render(
        request,
        "indicateurs/import.html",
        {
            "title": "Importer des valeurs",
            "form": form,
            "report": report,
            "breadcrumb_data": {
                "links": [{"url": "/indicateurs/", "title": "Tableau de bord des indicateurs"}],
                "current": "Importer des valeurs",
            },
        },
    )


@require_POST
def recalculer(request):
    require_space(request)
    if not can_recalculer(request.user):
        raise refuse(can_recalculer)
    try:
        periode = Semestre.parse(request.POST.get("periode", ""))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("indicateurs:dashboard")
    recalcul_demander(periode=periode, demande_par=request.user)
    messages.info(request, f"Recalcul des indicateurs calculés demandé pour le {periode.label}.")
    return redirect(f"{reverse('indicateurs:dashboard')}?{urlencode({'perimetre': request.POST.get('perimetre', '')})}")


def recalcul_etat(request, pk: int):
    """The status of a recomputation, polled by htmx while it runs."""
    require_space(request)
    if not can_recalculer(request.user):
        raise refuse(can_recalculer)
    recalcul = get_object_or_404(Recalcul.objects.select_related("demande_par"), pk=pk)
    if recalcul.demande_par_id and recalcul_regions(recalcul) != [user_region_code(request.user)]:
        raise Http404  # another région's recomputation
    return render(request, "indicateurs/includes/_recalcul.html", {"recalcul": recalcul})


@require_POST
def avis(request, code: str):
    indicateur = get_indicateur_for_user(request, code, allowed=can_give_avis)
    form = AvisForm(request.POST)
    if form.is_valid():
        avis_enregistrer(
            indicateur=indicateur,
            periode=form.cleaned_data["periode"],
            texte=form.cleaned_data["texte"],
            auteur=request.user,
        )
        messages.success(request, "Avis du comité enregistré.")
    else:
        errors = " ".join(str(error) for field_errors in form.errors.values() for error in field_errors)
        messages.error(request, f"Avis non enregistré : {errors}")
    return redirect(f"{indicateur.get_absolute_url()}#avis")
