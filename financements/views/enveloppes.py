"""Envelopes: list, detail (its commitments), create and edit (siège gestionnaires)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from comptes.perms import get_scope
from financements import perms, services
from financements.filters import EnveloppeFilterSet
from financements.forms import EnveloppeForm
from financements.models import Enveloppe
from financements.views.common import CRUMB, add_service_errors, get_enveloppe_for_user, paginate, require

ENVELOPPES_CRUMB = {"url": "/financements/enveloppes/", "title": "Enveloppes"}


@require_GET
def enveloppe_list(request):
    require(perms.can_view_financements(request.user), perms.can_view_financements)
    queryset = Enveloppe.objects.visible_to(request.user).with_totals().order_by("-annee", "libelle")
    filterset = EnveloppeFilterSet(request.GET or None, queryset=queryset)
    page, page_query = paginate(request, filterset.qs)
    return render(
        request,
        "financements/enveloppe_list.html",
        {
            "title": "Enveloppes de financement",
            "filter": filterset,
            "page_obj": page,
            "page_query": page_query,
            "can_manage": perms.can_manage_enveloppes(request.user),
            "breadcrumb_data": {"links": [CRUMB], "current": "Enveloppes"},
        },
    )


@require_GET
def enveloppe_detail(request, public_id):
    enveloppe = get_enveloppe_for_user(request.user, public_id)
    (totaux,) = Enveloppe.objects.filter(pk=enveloppe.pk).with_totals()
    engagements = enveloppe.engagements.visible_to(request.user).with_list_data().order_by("-date_decision", "-pk")
    page, page_query = paginate(request, engagements)
    return render(
        request,
        "financements/enveloppe_detail.html",
        {
            "title": enveloppe.libelle,
            "enveloppe": enveloppe,
            "totaux": totaux,
            "page_obj": page,
            "page_query": page_query,
            "can_manage": perms.can_manage_enveloppes(request.user),
            "can_engager": perms.can_engager(request.user),
            "breadcrumb_data": {"links": [CRUMB, ENVELOPPES_CRUMB], "current": enveloppe.libelle},
        },
    )


def _region_of(user):
    from territoires.models import Region

    region_ids = get_scope(user).region_ids
    return Region.objects.filter(pk__in=region_ids).order_by("code").first()


@require_http_methods(["GET", "POST"])
def enveloppe_form(request, public_id=None):
    require(perms.can_manage_enveloppes(request.user), perms.can_manage_enveloppes)
    enveloppe = get_enveloppe_for_user(request.user, public_id) if public_id else None
    region = enveloppe.region if enveloppe else _region_of(request.user)
    form = EnveloppeForm(request.POST or None, instance=enveloppe, region=region)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        departements = list(data.pop("departements"))
        try:
            if enveloppe is None:
                enveloppe = services.enveloppe_create(region=region, departements=departements, by=request.user, **data)
            else:
                services.enveloppe_update(enveloppe=enveloppe, departements=departements, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'enveloppe est enregistrée.")
            return redirect("financements:enveloppe_detail", enveloppe.public_id)
    title = f"Modifier l'enveloppe « {enveloppe.libelle} »" if enveloppe else "Nouvelle enveloppe"
    return render(
        request,
        "financements/enveloppe_form.html",
        {
            "title": title,
            "form": form,
            "breadcrumb_data": {"links": [CRUMB, ENVELOPPES_CRUMB], "current": title},
        },
        status=400 if form.is_bound and form.errors else 200,
    )
