"""Import, export, map and commune autocomplete of any register (from its declaration)."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from config.exports import FORMATS, export_response
from config.typography import fr_plural, fr_quantity
from registres import perms, selectors
from registres.enums import ActionLecture, Statut
from registres.forms import ImportForm, commune_label
from registres.services.carte import carte_geojson, details
from registres.services.exports import export_header, export_rows
from registres.services.importer import ImportInvalide, colonnes, registre_importer
from registres.services.journal import lecture_enregistrer
from registres.views.pages import INDEX_CRUMB, crumb, registre_for
from territoires.cartes import Carte, Legende, Tableau
from territoires.models import Commune


@require_http_methods(["GET", "POST"])
def entree_import(request, code: str):
    registre = registre_for(request, code)
    if not perms.can_edit_registre(request.user, registre):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        try:
            resultat = registre_importer(
                registre=registre,
                data=fichier.read(),
                filename=fichier.name,
                user=request.user,
                source=form.cleaned_data["source"],
            )
        except ImportInvalide as error:
            errors, status = error.errors, 400
        else:
            lignes = fr_quantity(resultat.lignes, "ligne importée", "lignes importées")
            text = f"{lignes} dans le registre « {registre.titre} »."
            if resultat.ignorees:
                ignorees = fr_plural(len(resultat.ignorees), "Colonne ignorée", "Colonnes ignorées")
                text += f" {ignorees} : {', '.join(resultat.ignorees)}."
            messages.success(request, text)
            return redirect("registres:list", registre.code)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "registres/import.html",
        {
            "title": f"Importer dans le registre « {registre.titre} »",
            "registre": registre,
            "form": form,
            "errors": errors,
            "colonnes": colonnes(registre),
            "breadcrumb_data": {"links": [INDEX_CRUMB, crumb(registre)], "current": "Import"},
        },
        status=status,
    )


@require_GET
def modele(request, code: str):
    """An empty CSV file with the register's columns (to fill and import)."""
    registre = registre_for(request, code)
    if not perms.can_edit_registre(request.user, registre):
        raise PermissionDenied
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow([colonne.label for colonne in colonnes(registre)])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="modele-{registre.code}.csv"'
    return response


@require_GET
def entree_export(request, code: str, fmt: str):
    registre = registre_for(request, code)
    if fmt not in FORMATS:
        raise Http404
    entrees = list(selectors.entree_list(registre=registre, user=request.user, params=request.GET).qs)
    personnels = perms.can_see_personnels(request.user)
    if personnels:
        lecture_enregistrer(
            user=request.user, registre=registre, action=ActionLecture.EXPORT, entrees=entrees, request=request
        )
    return export_response(
        fmt=fmt,
        name=f"registre-{registre.code}",
        header=export_header(registre, personnels=personnels),
        rows=export_rows(registre, entrees, personnels=personnels),
    )


@require_GET
def carte(request, code: str):
    registre = registre_for(request, code)
    personnels = perms.can_see_personnels(request.user)
    data_url = reverse("registres:carte_donnees", args=[registre.code])
    query = request.GET.urlencode()
    carte = Carte(
        aria_label=f"Carte du registre « {registre.titre} » ; la liste donne les mêmes informations",
        geojson_url=f"{data_url}?{query}" if query else data_url,
        legende=[
            Legende(label=statut.label, swatch=f"registre-swatch--{statut.value}")
            for statut in (Statut.ACTIF, Statut.PROJET, Statut.SUSPENDU, Statut.TERMINE)
        ],
        tableaux=[Tableau(label="liste du registre", url=reverse("registres:list", args=[registre.code]))],
        details=details(registre, personnels=personnels),
    )
    return render(
        request,
        "registres/carte.html",
        {
            "title": f"Carte — {registre.titre}",
            "registre": registre,
            "carte": carte,
            "breadcrumb_data": {"links": [INDEX_CRUMB, crumb(registre)], "current": "Carte"},
        },
    )


@require_GET
def carte_donnees(request, code: str):
    registre = registre_for(request, code)
    entrees = selectors.entree_list(registre=registre, user=request.user, params=request.GET).qs
    personnels = perms.can_see_personnels(request.user)
    data = carte_geojson(registre, entrees, personnels=personnels)
    if personnels and set(registre.colonnes_liste) & set(registre.personnels):
        lecture_enregistrer(
            user=request.user, registre=registre, action=ActionLecture.CARTE, entrees=entrees, request=request
        )
    return JsonResponse(data)


@require_GET
def communes(request):
    """The <option>s of the commune autocomplete: communes of the user's départements matching the text."""
    if not perms.can_view_registres(request.user):
        raise Http404
    query = next((value for key, value in request.GET.items() if value.strip()), "").strip()
    found = []
    if len(query) >= 2:
        found = (
            Commune.objects.search(query)
            .filter(departement__in=perms.visible_departements(request.user))
            .order_by("-population", "nom")[:15]
        )
    return render(request, "registres/includes/_communes.html", {"communes": [commune_label(c) for c in found]})
