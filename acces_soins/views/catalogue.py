"""The regional catalogue of solutions: read by every roadmap reader, edited by the siège gestionnaires."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from acces_soins.feuilles.forms import SolutionForm
from acces_soins.models import Solution
from acces_soins.perms import can_manage_catalogue, can_view_feuilles
from acces_soins.services.feuilles import solution_save
from acces_soins.views import require
from acces_soins.views.feuilles import LIST_TITLE

TITLE = "Catalogue régional des solutions"


def solution_list(request):
    require(can_view_feuilles(request.user))
    solutions = (
        Solution.objects.filter(region_code=settings.REFERENCE_REGION)
        .annotate(deploiements=Count("actions__feuille__territoire", distinct=True))
        .order_by("ordre", "libelle")
    )
    return render(
        request,
        "acces_soins/feuilles/catalogue.html",
        {
            "title": TITLE,
            "solutions": solutions,
            "can_manage": can_manage_catalogue(request.user),
            "breadcrumb_data": {
                "links": [{"url": reverse("acces_soins:feuille_list"), "title": LIST_TITLE}],
                "current": TITLE,
            },
        },
    )


def solution_edit(request, public_id=None):
    require(can_view_feuilles(request.user))
    solution = (
        get_object_or_404(Solution, public_id=public_id, region_code=settings.REFERENCE_REGION)
        if public_id
        else Solution(region_code=settings.REFERENCE_REGION)
    )
    if not can_manage_catalogue(request.user, solution.region_code):
        raise PermissionDenied
    form = SolutionForm(request.POST or None, instance=solution)
    if request.method == "POST" and form.is_valid():
        solution_save(solution=form.save(commit=False))
        messages.success(request, f"La solution « {solution.libelle} » est enregistrée.")
        return redirect("acces_soins:solution_list")
    title = "Modifier la solution" if solution.pk else "Nouvelle solution"
    return render(
        request,
        "acces_soins/feuilles/solution_form.html",
        {
            "title": title,
            "form": form,
            "breadcrumb_data": {
                "links": [
                    {"url": reverse("acces_soins:feuille_list"), "title": LIST_TITLE},
                    {"url": reverse("acces_soins:solution_list"), "title": TITLE},
                ],
                "current": title,
            },
        },
    )
