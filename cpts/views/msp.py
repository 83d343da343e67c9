"""The register of MSP: list (filters, exports) and fiche (eligibility, SISA, remuneration: register rules)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.perms import refuse
from config.exports import export_response
from cpts import perms
from cpts.forms import MspForm
from cpts.selectors import get_msp_for_user, msp_list
from cpts.services.exports import MSP_HEADER, msp_rows
from cpts.services.msp import msp_eligibilite, msp_fin_aci, msp_regles, msp_remuneration, msp_save
from cpts.services.regles import RegleManquante, region_of
from cpts.views.common import paginate

MSP_CRUMB = {"url": "/cpts/msp/", "title": "MSP"}


@require_GET
def msp_index(request):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    filterset = msp_list(user=request.user, params=request.GET or None)
    if request.GET.get("export") in ("csv", "xlsx"):
        return export_response(fmt=request.GET["export"], name="msp", header=MSP_HEADER, rows=msp_rows(filterset.qs))
    page, page_query = paginate(request, filterset.qs)
    today = timezone.localdate()
    rules: dict[str, object] = {}  # the MSP rules of each region, read once
    rows, manquante = [], ""
    for msp in page:
        region = region_of(msp)
        try:
            if region not in rules:
                rules[region] = msp_regles(region=region, on=today)
            rows.append({"msp": msp, "eligibilite": msp_eligibilite(msp=msp, on=today, rows=rules[region])})
        except RegleManquante as error:
            rows.append({"msp": msp, "eligibilite": None})
            manquante = str(error)
    return render(
        request,
        "cpts/msp_list.html",
        {
            "title": "Registre des MSP",
            "filter": filterset,
            "page_obj": page,
            "rows": rows,
            "regle_manquante": manquante,
            "page_query": page_query,
            "can_create": perms.can_create_msp(request.user),
            "breadcrumb_data": {"links": [], "current": "MSP"},
        },
    )


@require_GET
def msp_detail(request, public_id):
    msp = get_msp_for_user(request.user, public_id)
    today = timezone.localdate()
    rules = {"eligibilite": None, "remuneration": None, "fin_aci": None, "regle_manquante": ""}
    try:
        rows = msp_regles(msp=msp, on=today)
        rules["eligibilite"] = msp_eligibilite(msp=msp, on=today, rows=rows)
        rules["remuneration"] = msp_remuneration(msp=msp, on=today, rows=rows)
        rules["fin_aci"] = msp_fin_aci(msp=msp)
    except RegleManquante as error:
        rules["regle_manquante"] = str(error)
    return render(
        request,
        "cpts/msp_detail.html",
        {
            "title": msp.nom,
            "msp": msp,
            **rules,
            "criteres": msp.criteres.select_related("critere").order_by("critere__ordre"),
            "financements": msp.financements.all(),
            "can_manage": perms.can_manage_msp(request.user, msp),
            "breadcrumb_data": {
                "links": [MSP_CRUMB],
                "current": msp.nom,
            },
        },
    )


def _msp_form_page(request, *, msp=None):
    departements = perms.managed_departements(request.user)
    form = MspForm(request.POST or None, instance=msp, departements=departements)
    if request.method == "POST" and form.is_valid():
        try:
            saved = msp_save(msp=msp, data=form.cleaned_data, equipe=form.equipe(), site=form.site(), by=request.user)
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            messages.success(request, "La structure est enregistrée au registre.")
            return redirect("cpts:msp_detail", saved.public_id)
    title = f"Modifier « {msp.nom} »" if msp else "Inscrire une MSP"
    return render(
        request,
        "cpts/msp_form.html",
        {
            "title": title,
            "form": form,
            "msp": msp,
            "breadcrumb_data": {"links": [MSP_CRUMB], "current": title},
        },
    )


@require_http_methods(["GET", "POST"])
def msp_create(request):
    if not perms.can_create_msp(request.user):
        raise refuse(perms.can_create_msp)
    return _msp_form_page(request)


@require_http_methods(["GET", "POST"])
def msp_edit(request, public_id):
    msp = get_msp_for_user(request.user, public_id)
    if not perms.can_manage_msp(request.user, msp):
        raise refuse(perms.can_manage_msp)
    return _msp_form_page(request, msp=msp)


@require_POST
def msp_financements(request, public_id):
    """The structure's page in the funding ledger (ARS commitments, co-financing lines)."""
    from cpts.services.financement import msp_beneficiaire
    from financements.perms import can_engager

    msp = get_msp_for_user(request.user, public_id)
    if not can_engager(request.user, msp.departement_id):
        raise refuse(can_engager)
    return redirect("financements:beneficiaire_detail", msp_beneficiaire(msp=msp).public_id)
