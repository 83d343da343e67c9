"""The regional catalogue of solutions: read by every roadmap reader, edited by the siège gestionnaires."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from acces_soins.feuilles.forms import SolutionForm
from acces_soins.models import Solution
from acces_soins.perms import can_edit_solution, can_manage_catalogue, can_view_feuilles
from acces_soins.services.feuilles import solution_save
from acces_soins.views import require
from acces_soins.views.feuilles import LIST_TITLE
from comptes.perms import refuse, user_region_code

TITLE = "Catalogue régional des solutions"


def solution_list(request):
    """The région's own catalogue, then other régions' solutions shown as inspiration only."""
    require(can_view_feuilles(request.user))
    region = user_region_code(request.user)
    deployed_here = Count(
        "actions__feuille__territoire", filter=Q(actions__feuille__territoire__region_code=region), distinct=True
    )
    solutions = Solution.objects.de_la_region(region).select_related("document").annotate(deploiements=deployed_here)
    inspirations = Solution.objects.inspirations_pour(region).annotate(deploiements=deployed_here)
    return render(
        request,
        "acces_soins/feuilles/catalogue.html",
        {
            "title": TITLE,
            "solutions": solutions.order_by("ordre", "libelle"),
            "inspirations": inspirations.order_by("region_code", "ordre", "libelle"),
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
        get_object_or_404(Solution, public_id=public_id, region_code=user_region_code(request.user))
        if public_id
        else Solution(region_code=user_region_code(request.user))
    )
    if not can_edit_solution(request.user, solution):
        raise refuse(can_edit_solution)
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
