"""The CPTS register: list (filters, exports), fiche, and the stage actions of ARS staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.perms import refuse, role_in
from config.exports import export_response
from cpts import perms
from cpts.enums import Etape
from cpts.forms import AbandonForm, AciForm, AtteinteForm, AvenantForm, CptsForm, EtapeForm, MissionForm
from cpts.selectors import cpts_list, get_cpts_for_user
from cpts.services import registre
from cpts.services.exports import CPTS_HEADER, cpts_rows
from cpts.services.financement import cpts_references, releve_annuel
from cpts.services.lettres import KIND as LETTRE
from cpts.services.projets import KIND as PROJET
from cpts.services.projets import projet_filing_refusal, staff_recordable_stages
from cpts.services.regles import RegleManquante, add_years
from cpts.services.suivi import overlaps
from cpts.views.common import form_errors_to_messages, paginate, validation_error_to_messages
from financements.perms import can_engager
from instruction.enums import Etat
from instruction.models import Dossier
from referentiel.perms import can_view_referentiel

LIST_CRUMB = {"url": "/cpts/", "title": "CPTS"}


@require_GET
def cpts_index(request):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    filterset = cpts_list(user=request.user, params=request.GET or None)
    if request.GET.get("export") in ("csv", "xlsx"):
        return export_response(fmt=request.GET["export"], name="cpts", header=CPTS_HEADER, rows=cpts_rows(filterset.qs))
    page, page_query = paginate(request, filterset.qs)
    return render(
        request,
        "cpts/cpts_list.html",
        {
            "title": "Registre des CPTS",
            "filter": filterset,
            "page_obj": page,
            "page_query": page_query,
            "can_register": perms.can_register_cpts(request.user),
            "breadcrumb_data": {"links": [], "current": "CPTS"},
        },
    )


def _annee_courante(cpts, today) -> int:
    """The contract year running today, never past the last year of the contract."""
    if cpts.date_aci is None:
        return 0
    annee = 1
    while add_years(cpts.date_aci, annee) <= today and add_years(cpts.date_aci, annee) < cpts.date_fin_aci:
        annee += 1
    return annee


def _filings(user, cpts) -> dict[str, list]:
    """The dossiers of a CPTS's lettres and projets, newest first, read in one query ({kind: dossiers}); drafts
    only for the members of its porteur organisation."""
    queryset = Dossier.objects.filter(Q(lettre_cpts__cpts=cpts) | Q(projet_cpts__cpts=cpts)).order_by("-created_at")
    if role_in(user, cpts.porteur_id) is None:
        queryset = queryset.exclude(etat=Etat.BROUILLON)
    found = {LETTRE: [], PROJET: []}
    for dossier in queryset:
        found[dossier.kind].append(dossier)
    return found


@require_GET
def cpts_detail(request, public_id):
    cpts = get_cpts_for_user(request.user, public_id)
    today = timezone.localdate()
    can_manage = perms.can_manage_cpts(request.user, cpts)
    missions = [
        {
            "row": row,
            "statut": row.statut(today),
            "retard": row.retard_demarrage(today) or row.retard_deploiement(today),
            "form": MissionForm(
                prefix=f"m{row.pk}",
                initial={
                    "date_demarrage": row.date_demarrage,
                    "date_deploiement": row.date_deploiement,
                    "indicateurs": row.indicateurs,
                },
            )
            if can_manage
            else None,
            "atteinte_form": AtteinteForm(prefix=f"a{row.pk}") if can_manage else None,
        }
        for row in cpts.missions.all()
    ]
    releve, regle_manquante = None, ""
    annee = _annee_courante(cpts, today)
    try:
        if annee and perms.can_view_financement(request.user, cpts):
            requested = request.GET.get("annee", "")
            annee = int(requested) if requested.isdigit() and 1 <= int(requested) <= 10 else annee
            releve = releve_annuel(cpts=cpts, annee=annee)
        references = cpts_references(
            cpts=cpts,
            taille=releve.taille if releve else cpts.taille,
            on=releve.debut if releve else today,
            rows=releve.regles if releve else None,
        )
    except RegleManquante as error:
        regle_manquante, references = str(error), None
    next_stages = staff_recordable_stages(cpts)
    filings = _filings(request.user, cpts)
    can_file_projet = perms.can_file_projet(request.user, cpts) and not projet_filing_refusal(cpts)
    context = {
        "title": cpts.nom,
        "cpts": cpts,
        "today": today,
        "overlaps": overlaps(cpts),
        "missions": missions,
        "etapes": cpts.etapes.select_related("by"),
        "avenants": cpts.avenants.all(),
        "lettres": filings[LETTRE],
        "projets": filings[PROJET],
        "can_file_projet": can_file_projet,
        "releve": releve,
        "references": references,
        "regle_manquante": regle_manquante,
        "contrats_anterieurs": cpts.contrats_anterieurs.select_related("source"),
        "can_view_referentiel": can_view_referentiel(request.user),
        "can_engager": bool(releve) and can_engager(request.user, cpts.departement_id),
        "annees": range(1, _annee_courante(cpts, today) + 1) if releve else range(0),
        "can_manage": can_manage,
        "etape_form": EtapeForm(choices=next_stages, initial={"date": today}) if can_manage and next_stages else None,
        "aci_form": AciForm(initial={"date": today}) if can_manage and cpts.etape == Etape.PROJET_VALIDE else None,
        "abandon_form": AbandonForm(initial={"date": today})
        if can_manage and cpts.etape not in (Etape.ABANDONNEE, Etape.ACI_SIGNE)
        else None,
        "avenant_form": AvenantForm() if can_manage and cpts.etape == Etape.ACI_SIGNE else None,
        "breadcrumb_data": {"links": [LIST_CRUMB], "current": cpts.nom},
    }
    return render(request, "cpts/cpts_detail.html", context)


def _managed(request, public_id):
    cpts = get_cpts_for_user(request.user, public_id)
    if not perms.can_manage_cpts(request.user, cpts):
        raise refuse(perms.can_manage_cpts)
    return cpts


def _run(request, cpts, form, action, success: str):
    if not form.is_valid():
        form_errors_to_messages(request, form)
    else:
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
        else:
            messages.success(request, success)
    return redirect(reverse("cpts:detail", args=[cpts.public_id]))


@require_POST
def cpts_etape(request, public_id):
    cpts = _managed(request, public_id)
    form = EtapeForm(request.POST, choices=staff_recordable_stages(cpts))
    return _run(
        request,
        cpts,
        form,
        lambda data: registre.cpts_advance(
            cpts=cpts, to_etape=data["to_etape"], date=data["date"], by=request.user, reason=data["reason"]
        ),
        "L'étape est enregistrée.",
    )


@require_POST
def cpts_abandon(request, public_id):
    cpts = _managed(request, public_id)
    return _run(
        request,
        cpts,
        AbandonForm(request.POST),
        lambda data: registre.cpts_abandon(cpts=cpts, reason=data["reason"], date=data["date"], by=request.user),
        "L'abandon de la CPTS est enregistré.",
    )


@require_POST
def cpts_aci(request, public_id):
    cpts = _managed(request, public_id)
    return _run(
        request,
        cpts,
        AciForm(request.POST),
        lambda data: registre.aci_sign(
            cpts=cpts, date=data["date"], by=request.user, optionnelles=list(data["optionnelles"])
        ),
        "La signature de l'ACI est enregistrée : les échéances des missions sont calculées.",
    )


@require_POST
def cpts_avenant(request, public_id):
    cpts = _managed(request, public_id)
    return _run(
        request,
        cpts,
        AvenantForm(request.POST),
        lambda data: registre.avenant_add(cpts=cpts, by=request.user, **data),
        "L'avenant est enregistré.",
    )


@require_POST
def mission_edit(request, public_id, mission_id):
    cpts = _managed(request, public_id)
    mission = get_object_or_404(cpts.missions.select_related("cpts"), pk=mission_id)
    return _run(
        request,
        cpts,
        MissionForm(request.POST, prefix=f"m{mission.pk}"),
        lambda data: registre.mission_update(mission=mission, by=request.user, **data),
        f"La mission « {mission.mission} » est mise à jour.",
    )


@require_POST
def atteinte(request, public_id, mission_id):
    cpts = _managed(request, public_id)
    mission = get_object_or_404(cpts.missions.all(), pk=mission_id)
    return _run(
        request,
        cpts,
        AtteinteForm(request.POST, prefix=f"a{mission.pk}"),
        lambda data: registre.atteinte_set(mission=mission, by=request.user, **data),
        "Le taux d'atteinte est enregistré.",
    )


def _cpts_form_page(request, *, cpts=None):
    form = CptsForm(
        request.POST or None,
        departements=perms.managed_departements(request.user),
        initial=(
            {
                "nom": cpts.nom,
                "forme_juridique": cpts.forme_juridique,
                "porteur": cpts.porteur_id,
                "departement": cpts.departement_id,
                "communes": list(cpts.communes.values_list("pk", flat=True)),
            }
            if cpts
            else None
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        communes = list(data.pop("communes"))
        try:
            if cpts:
                saved = registre.cpts_update(cpts=cpts, by=request.user, communes=communes, **data)
            else:
                saved = registre.cpts_create(by=request.user, communes=communes, **data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
        else:
            messages.success(request, "La CPTS est enregistrée au registre.")
            return redirect("cpts:detail", saved.public_id)
    title = f"Modifier « {cpts.nom} »" if cpts else "Inscrire une CPTS en émergence"
    return render(
        request,
        "cpts/cpts_form.html",
        {"title": title, "form": form, "breadcrumb_data": {"links": [LIST_CRUMB], "current": title}},
    )


@require_http_methods(["GET", "POST"])
def cpts_create(request):
    if not perms.can_register_cpts(request.user):
        raise refuse(perms.can_register_cpts)
    return _cpts_form_page(request)


@require_http_methods(["GET", "POST"])
def cpts_edit(request, public_id):
    return _cpts_form_page(request, cpts=_managed(request, public_id))


@require_POST
def cpts_engager(request, public_id, annee):
    """Open the ledger's commitment form for contract year `annee`: the amount is the total of the
    yearly statement computed here (`releve_annuel`), prefilled, never recomputed by `financements`."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from cpts.services.financement import cpts_beneficiaire

    cpts = get_cpts_for_user(request.user, public_id)
    if not can_engager(request.user, cpts.departement_id):
        raise refuse(can_engager)
    if cpts.date_aci is None or not 1 <= annee <= 10:
        raise PermissionDenied("Un relevé de financement n'existe que pour les années 1 à 10 d'un ACI signé.")
    releve = releve_annuel(cpts=cpts, annee=annee)
    beneficiaire = cpts_beneficiaire(cpts=cpts)
    query = urlencode(
        {
            "beneficiaire": beneficiaire.public_id,
            "montant": releve.total_fixe + releve.total_variable,
            "reference_convention": f"ACI {cpts.nom} — année {annee}",
        }
    )
    return redirect(f"{reverse('financements:engagement_create')}?{query}")
