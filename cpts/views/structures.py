"""The registers of centres de santé and équipes de soins primaires (ESP): list, fiche, inscription, correction,
and the reference list of the contracts ARS signed with CPTS before the ACI. One set of views, one spec per kind."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.perms import refuse
from cpts import perms
from cpts.filters import CentreSanteFilterSet, EspFilterSet
from cpts.forms import DATE_WIDGET, CentreSanteForm, EspForm
from cpts.models import CentreSante, EquipeSoinsPrimaires
from cpts.selectors import get_structure_for_user, structure_list
from cpts.services.structures import centre_save, esp_save
from cpts.services.suivi import centres_counts_of, contrats_anterieurs_aci
from cpts.views.common import paginate


@dataclass(frozen=True)
class Registre:
    code: str  # URL names « cpts:<code>_list », « cpts:<code>_detail »…; templates « cpts/<code>_*.html »
    model: type
    filterset: type
    form: type
    titre: str  # breadcrumb and fiche label: « Centres de santé »
    nouveau: str  # « Inscrire un centre de santé »
    save: Callable


def _save_centre(structure, form, by):
    return centre_save(centre=structure, data=form.cleaned_data, equipe=form.equipe(), by=by)


def _save_esp(structure, form, by):
    return esp_save(esp=structure, data=form.cleaned_data, by=by)


CENTRES = Registre(
    "centre",
    CentreSante,
    CentreSanteFilterSet,
    CentreSanteForm,
    "Centres de santé",
    "Inscrire un centre de santé",
    _save_centre,
)
ESP = Registre(
    "esp",
    EquipeSoinsPrimaires,
    EspFilterSet,
    EspForm,
    "Équipes de soins primaires",
    "Inscrire une équipe de soins primaires",
    _save_esp,
)


def _crumb(registre: Registre) -> dict:
    from django.urls import reverse

    return {"url": reverse(f"cpts:{registre.code}_list"), "title": registre.titre}


def _date_param(request, name: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()


@require_GET
def structure_index(request, registre: Registre):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    filterset = structure_list(
        model=registre.model, filterset_class=registre.filterset, user=request.user, params=request.GET or None
    )
    page, page_query = paginate(request, filterset.qs)
    context = {
        "title": f"Registre : {registre.titre.lower()}",
        "registre": registre,
        "filter": filterset,
        "page_obj": page,
        "page_query": page_query,
        "can_create": perms.can_create_msp(request.user),
        "breadcrumb_data": {"links": [], "current": registre.titre},
    }
    if registre is CENTRES:
        au = _date_param(request, "au")
        context |= {
            "au": au,
            "au_widget": DATE_WIDGET.format_value(au),
            "compte": centres_counts_of(filterset.qs, on=au),
        }
    return render(request, f"cpts/{registre.code}_list.html", context)


@require_GET
def structure_detail(request, public_id, registre: Registre):
    structure = get_structure_for_user(registre.model, request.user, public_id)
    context = {
        "title": structure.nom,
        "structure": structure,
        "registre": registre,
        "can_manage": perms.can_manage_msp(request.user, structure),
        "breadcrumb_data": {"links": [_crumb(registre)], "current": structure.nom},
    }
    if registre is CENTRES:
        context |= {
            "professionnels": structure.professionnels.all(),
            "financements": structure.financements.all(),
        }
    return render(request, f"cpts/{registre.code}_detail.html", context)


def _form_page(request, registre: Registre, structure=None):
    form = registre.form(
        request.POST or None, instance=structure, departements=perms.managed_departements(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = registre.save(structure, form, request.user)
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            messages.success(request, "La structure est enregistrée au registre.")
            return redirect(f"cpts:{registre.code}_detail", saved.public_id)
    title = f"Modifier « {structure.nom} »" if structure else registre.nouveau
    return render(
        request,
        "cpts/structure_form.html",
        {
            "title": title,
            "form": form,
            "registre": registre,
            "breadcrumb_data": {"links": [_crumb(registre)], "current": title},
        },
    )


@require_http_methods(["GET", "POST"])
def structure_create(request, registre: Registre):
    if not perms.can_create_msp(request.user):
        raise refuse(perms.can_create_msp)
    return _form_page(request, registre)


@require_http_methods(["GET", "POST"])
def structure_edit(request, public_id, registre: Registre):
    structure = get_structure_for_user(registre.model, request.user, public_id)
    if not perms.can_manage_msp(request.user, structure):
        raise refuse(perms.can_manage_msp)
    return _form_page(request, registre, structure)


@require_POST
def centre_financements(request, public_id):
    """The centre's page in the funding ledger (ARS commitments, co-financing lines)."""
    from cpts.services.financement import centre_beneficiaire
    from financements.perms import can_engager

    centre = get_structure_for_user(CentreSante, request.user, public_id)
    if not can_engager(request.user, centre.departement_id):
        raise refuse(can_engager)
    return redirect("financements:beneficiaire_detail", centre_beneficiaire(centre=centre).public_id)


@require_GET
def contrats_anterieurs(request):
    """Contracts signed with CPTS before the ACI, as the sources state them (reference records)."""
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    contrats = contrats_anterieurs_aci().visible_to(request.user).order_by("date_signature", "nom", "pk")
    page, page_query = paginate(request, contrats)
    title = "Contrats ARS antérieurs à l'ACI"
    return render(
        request,
        "cpts/contrat_anterieur_list.html",
        {
            "title": title,
            "page_obj": page,
            "page_query": page_query,
            "breadcrumb_data": {"links": [{"url": "/cpts/", "title": "CPTS"}], "current": title},
        },
    )
