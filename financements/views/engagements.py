"""Commitments: list (filters, exports), form, detail with payments, confirmation and cancellation;
a beneficiary's page with its commitments and co-financing lines."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.exports import FORMATS, export_response
from financements import exports, links, perms, selectors, services
from financements.enums import StatutEngagement
from financements.filters import EngagementFilterSet
from financements.forms import AnnulationForm, CofinancementForm, ConfirmationForm, EngagementForm, PaiementForm
from financements.models import Beneficiaire, Enveloppe
from financements.views.common import (
    CRUMB,
    add_service_errors,
    get_beneficiaire_for_user,
    get_engagement_for_user,
    paginate,
    require,
)

ENGAGEMENTS_CRUMB = {"url": "/financements/engagements/", "title": "Engagements"}


@require_GET
def engagement_list(request):
    require(perms.can_view_financements(request.user), perms.can_view_financements)
    queryset = selectors.engagements_visible(request.user).with_list_data().order_by("-date_decision", "-pk")
    filterset = EngagementFilterSet(request.GET or None, queryset=queryset, user=request.user)
    if request.GET.get("export") in FORMATS:
        return export_response(
            fmt=request.GET["export"], name="engagements", header=exports.HEADER, rows=exports.rows(filterset.qs)
        )
    page, page_query = paginate(request, filterset.qs)
    return render(
        request,
        "financements/engagement_list.html",
        {
            "title": "Engagements",
            "filter": filterset,
            "page_obj": page,
            "page_query": page_query,
            "can_engager": perms.can_engager(request.user),
            "breadcrumb_data": {"links": [CRUMB], "current": "Engagements"},
        },
    )


def _initial(request) -> dict:
    """Prefill from the owning app's link (?beneficiaire=<uuid>&montant=…&enveloppe=<uuid>)."""
    initial = {"statut": StatutEngagement.ENGAGE}
    for key in ("beneficiaire", "enveloppe", "reference_convention"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    try:
        if request.GET.get("montant"):
            initial["montant"] = Decimal(request.GET["montant"])
    except InvalidOperation:
        pass
    return initial


@require_http_methods(["GET", "POST"])
def engagement_form(request):
    require(perms.can_engager(request.user), perms.can_engager)
    from comptes.perms import get_scope

    scope = get_scope(request.user)
    beneficiaires = Beneficiaire.objects.visible_to(request.user)
    enveloppes = Enveloppe.objects.visible_to(request.user)
    if not scope.is_siege:
        enveloppes = enveloppes.filter(departements__in=scope.departement_ids).distinct()
    form = EngagementForm(
        request.POST or None, initial=_initial(request), enveloppes=enveloppes, beneficiaires=beneficiaires
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'engagement est enregistré.")
            return redirect("financements:engagement_detail", engagement.public_id)
    return render(
        request,
        "financements/engagement_form.html",
        {
            "title": "Engager des crédits",
            "form": form,
            "breadcrumb_data": {"links": [CRUMB, ENGAGEMENTS_CRUMB], "current": "Engager des crédits"},
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _engagement_page(request, engagement, *, forms=None, status=200):
    can_edit = perms.can_engager(request.user, engagement.beneficiaire.departement_id)
    forms = forms or {}
    statut = engagement.statut_calcule
    return render(
        request,
        "financements/engagement_detail.html",
        {
            "title": str(engagement),
            "engagement": engagement,
            "paiements": engagement.paiements.all(),
            "owner_url": links.owner_url(engagement.beneficiaire),
            "paiement_form": forms.get("paiement") or PaiementForm(prefix="paiement"),
            "annulation_form": forms.get("annulation") or AnnulationForm(prefix="annulation"),
            "confirmation_form": forms.get("confirmation") or ConfirmationForm(prefix="confirmation"),
            # a refused submission is always shown again, with its errors and the typed values
            "can_pay": can_edit
            and (
                "paiement" in forms
                or (engagement.statut == StatutEngagement.ENGAGE and statut != StatutEngagement.SOLDE)
            ),
            "can_cancel": can_edit
            and ("annulation" in forms or statut in (StatutEngagement.PREVU, StatutEngagement.ENGAGE)),
            "can_confirm": can_edit and ("confirmation" in forms or statut == StatutEngagement.PREVU),
            "breadcrumb_data": {"links": [CRUMB, ENGAGEMENTS_CRUMB], "current": str(engagement)},
        },
        status=status,
    )


@require_GET
def engagement_detail(request, public_id):
    return _engagement_page(request, get_engagement_for_user(request.user, public_id))


ACTIONS = {
    "paiement": (
        PaiementForm,
        lambda e, d, u: services.paiement_add(engagement=e, by=u, **d),
        "Le versement est enregistré.",
    ),
    "annulation": (
        AnnulationForm,
        lambda e, d, u: services.engagement_annuler(engagement=e, by=u, **d),
        "L'engagement est annulé.",
    ),
    "confirmation": (
        ConfirmationForm,
        lambda e, d, u: services.engagement_confirmer(engagement=e, by=u, **d),
        "L'engagement est confirmé.",
    ),
}


@require_POST
def engagement_action(request, public_id, action):
    engagement = get_engagement_for_user(request.user, public_id)
    if action not in ACTIONS:
        raise PermissionDenied(f"« {action} » n'est pas une action possible sur un engagement.")
    require(perms.can_engager(request.user, engagement.beneficiaire.departement_id), perms.can_engager)
    form_class, run, success = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            run(engagement, form.cleaned_data, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("financements:engagement_detail", engagement.public_id)
    return _engagement_page(request, engagement, forms={action: form}, status=400)


def _beneficiaire_page(request, beneficiaire, *, form=None, status=200):
    return render(
        request,
        "financements/beneficiaire_detail.html",
        {
            "title": beneficiaire.libelle,
            "beneficiaire": beneficiaire,
            "owner_url": links.owner_url(beneficiaire),
            "engagements": selectors.engagements_of(beneficiaire),
            "cofinancements": beneficiaire.cofinancements.all(),
            "form": form or CofinancementForm(),
            "can_edit": perms.can_engager(request.user, beneficiaire.departement_id),
            "breadcrumb_data": {"links": [CRUMB, ENGAGEMENTS_CRUMB], "current": beneficiaire.libelle},
        },
        status=status,
    )


@require_GET
def beneficiaire_detail(request, public_id):
    return _beneficiaire_page(request, get_beneficiaire_for_user(request.user, public_id))


@require_POST
def cofinancement_add(request, public_id):
    beneficiaire = get_beneficiaire_for_user(request.user, public_id)
    require(perms.can_engager(request.user, beneficiaire.departement_id), perms.can_engager)
    form = CofinancementForm(request.POST)
    if form.is_valid():
        try:
            services.cofinancement_add(beneficiaire=beneficiaire, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La ligne de co-financement est enregistrée.")
            return redirect("financements:beneficiaire_detail", beneficiaire.public_id)
    return _beneficiaire_page(request, beneficiaire, form=form, status=400)
