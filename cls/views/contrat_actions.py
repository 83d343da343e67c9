"""Every write on a contract goes through one POST view: form → service → redirect.

ACTIONS maps an action name to (form class, service caller, who may do it).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from cls import forms, perms
from cls.selectors import get_contrat_for_user
from cls.services import contrats as services
from comptes.perms import refuse


def _sign(contrat, data, user):
    services.contrat_sign(
        contrat=contrat,
        date_signature=data["date_signature"],
        duree_annees=data["duree_annees"],
        date_fin=data["date_fin"],
        axes=data["axes"],
        by=user,
    )


MANAGE, CONTRIBUTE = perms.can_manage_contrat, perms.can_contribute_contrat

ACTIONS = {
    "etape": (
        forms.AdvanceForm,
        lambda c, d, u: services.contrat_advance(contrat=c, to_etape=d["to_etape"], by=u, on=d["date"]),
        MANAGE,
        "L'étape du contrat a été mise à jour.",
    ),
    "controle": (
        forms.CheckForm,
        lambda c, d, u: services.contrat_check(contrat=c, code=d["code"], done=d["done"], by=u),
        MANAGE,
        "Le point de contrôle a été mis à jour.",
    ),
    "document": (
        forms.DocumentForm,
        lambda c, d, u: services.contrat_document_add(contrat=c, upload=d["document"], type=d["type"], by=u),
        CONTRIBUTE,
        "Le document a été enregistré.",
    ),
    "signature": (forms.SignatureForm, _sign, MANAGE, "La signature du contrat est enregistrée."),
    "signataire": (
        forms.SignataireForm,
        lambda c, d, u: services.signataire_add(
            contrat=c, type=d["type"], organisation=d["organisation"], nom=d["nom"], by=u
        ),
        MANAGE,
        "Le signataire est ajouté.",
    ),
    "signataire-retrait": (
        forms.SignataireRemoveForm,
        lambda c, d, u: services.signataire_remove(contrat=c, signataire_id=d["signataire"], by=u),
        MANAGE,
        "Le signataire est retiré.",
    ),
    "abandon": (
        forms.AbandonForm,
        lambda c, d, u: services.contrat_abandon(contrat=c, reason=d["reason"], by=u),
        MANAGE,
        "Le contrat est abandonné.",
    ),
    "avenant": (
        forms.AvenantForm,
        lambda c, d, u: services.avenant_add(contrat=c, date=d["date"], objet=d["objet"], upload=d["document"], by=u),
        MANAGE,
        "L'avenant est enregistré.",
    ),
    "revue": (
        forms.RevueForm,
        lambda c, d, u: services.revue_add(contrat=c, annee=d["annee"], date=d["date"], synthese=d["synthese"], by=u),
        CONTRIBUTE,
        "La revue annuelle est enregistrée.",
    ),
    "financement": (
        forms.FinancementForm,
        lambda c, d, u: services.financement_add(contrat=c, by=u, **d),
        MANAGE,
        "Le financement de l'ingénierie est enregistré.",
    ),
}


def build_form(action, contrat, data=None, files=None):
    form = ACTIONS[action][0](data, files, prefix=action)
    if hasattr(form, "for_contrat"):  # a form whose choices depend on the contract
        form.for_contrat(contrat)
    return form


@require_POST
def contrat_action(request, public_id, action):
    contrat = get_contrat_for_user(request.user, public_id)
    if action not in ACTIONS:
        raise PermissionDenied(f"« {action} » n'est pas une action possible sur un contrat local de santé.")
    _, run, allowed, success = ACTIONS[action]
    if not allowed(request.user, contrat):
        raise refuse(allowed)
    form = build_form(action, contrat, request.POST, request.FILES)
    if form.is_valid():
        try:
            run(contrat, form.cleaned_data, request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("cls:contrat_detail", contrat.public_id)


@require_POST
def financement_engager(request, public_id, annee):
    """Open the ledger's commitment form for one year of ingénierie funding: the amount computed here
    (FinancementIngenierie.montant) is prefilled, never recomputed by `financements`."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from financements.perms import can_engager

    contrat = get_contrat_for_user(request.user, public_id)
    if not can_engager(request.user, contrat.departement_id):
        raise refuse(can_engager)
    financement = get_object_or_404(contrat.financements, annee=annee)
    beneficiaire = services.financement_beneficiaire(financement=financement)
    query = urlencode({"beneficiaire": beneficiaire.public_id, "montant": financement.montant})
    return redirect(f"{reverse('financements:engagement_create')}?{query}")
