"""Links between fiches actions of a CLS and catalogue indicators (POST only, from the fiche page).

Out of scope (fiche of a contract the user cannot see) → 404; allowed to read but not to edit → 403.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from comptes.perms import refuse
from indicateurs.forms import IndicateurFicheForm
from indicateurs.models import Indicateur, IndicateurFiche
from indicateurs.perms import can_link_indicateurs_fiche
from indicateurs.services import indicateur_fiche_delier, indicateur_fiche_lier


def get_fiche_for_edit(request, fiche_id):
    from cls.models import FicheAction

    fiche = get_object_or_404(
        FicheAction.objects.visible_to(request.user).select_related("contrat__departement"), public_id=fiche_id
    )
    if not can_link_indicateurs_fiche(request.user, fiche):
        raise refuse(can_link_indicateurs_fiche)
    return fiche


def _back(fiche):
    return redirect("cls:fiche_edit", fiche.contrat.public_id, fiche.public_id)


@require_POST
def fiche_lier(request, fiche_id):
    fiche = get_fiche_for_edit(request, fiche_id)
    form = IndicateurFicheForm(request.POST, indicateurs=Indicateur.objects.actifs())
    if form.is_valid():
        data = form.cleaned_data
        indicateur_fiche_lier(
            fiche=fiche,
            indicateur=data["indicateur"],
            cible_valeur=data["cible_valeur"],
            echeance=data["echeance"],
            by=request.user,
        )
        messages.success(request, f"L'indicateur {data['indicateur'].code} est lié à la fiche, avec sa cible.")
    else:
        errors = " ".join(f"{form.fields[name].label} : {' '.join(errs)}" for name, errs in form.errors.items())
        messages.error(request, f"L'indicateur n'a pas été lié. {errors}")
    return _back(fiche)


@require_POST
def fiche_delier(request, fiche_id, pk: int):
    fiche = get_fiche_for_edit(request, fiche_id)
    lien = get_object_or_404(IndicateurFiche.objects.select_related("indicateur"), fiche=fiche, pk=pk)
    indicateur_fiche_delier(lien=lien, by=request.user)
    messages.success(request, f"L'indicateur {lien.indicateur.code} n'est plus lié à la fiche.")
    return _back(fiche)
