"""The siège's and the délégations' side of a campaign: the list, the opening, the completeness board (filters,
CSV/XLSX export, the bilans' progress, the errata) and the freeze."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from acces_soins.campagne.forms import CampagneForm, default_semestre
from acces_soins.campagne.regles import cloture_proposee
from acces_soins.campagne.services import campagne_geler, campagne_ouvrir
from acces_soins.campagne.tableau import completude, retard_jours, tableau, tableau_export
from acces_soins.models import Campagne
from acces_soins.periods import Semestre
from acces_soins.perms import can_manage_campagne, can_view_campagnes
from acces_soins.views import require
from comptes.perms import refuse, user_region_code
from config.exports import FORMATS

PAGE_SIZE = 50
LIST_TITLE = "Campagnes de remontées"
BREADCRUMB_LIST = {"url": "/remontees/campagnes/", "title": LIST_TITLE}


def get_campagne_for_user(request, public_id) -> Campagne:
    require(can_view_campagnes(request.user))
    return get_object_or_404(Campagne.objects.visible_to(request.user), public_id=public_id)


def campagne_list(request):
    require(can_view_campagnes(request.user))
    campagnes = Campagne.objects.visible_to(request.user).select_related("ouverte_par").order_by("-semestre")
    return render(
        request,
        "acces_soins/campagnes/list.html",
        {"title": LIST_TITLE, "campagnes": campagnes, "can_manage": can_manage_campagne(request.user)},
    )


def _semestre_param(request) -> Semestre:
    try:
        return Semestre.parse(request.GET["semestre"])
    except (KeyError, ValidationError):
        return default_semestre()


def campagne_create(request):
    require(can_view_campagnes(request.user))
    if not can_manage_campagne(request.user):
        raise refuse(can_manage_campagne)
    region_code = user_region_code(request.user)
    semestre = _semestre_param(request)
    proposee = cloture_proposee(region_code=region_code, semestre=semestre)
    form = CampagneForm(request.POST or None, semestre=semestre, cloture=proposee.date)
    if request.method == "POST" and form.is_valid():
        semestre = form.cleaned_data["semestre"]
        regle = cloture_proposee(region_code=region_code, semestre=semestre)
        try:
            campagne = campagne_ouvrir(
                region_code=region_code,
                semestre=semestre,
                date_cloture=form.cleaned_data["date_cloture"],
                regle=regle.regle if regle.date == form.cleaned_data["date_cloture"] else "Date fixée par le siège.",
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            count = campagne.contributions.count()
            messages.success(request, f"La campagne {campagne.semestre} est ouverte : {count} contributions attendues.")
            return redirect("acces_soins:campagne_detail", public_id=campagne.public_id)
    return render(
        request,
        "acces_soins/campagnes/form.html",
        {
            "title": "Ouvrir une campagne de remontées",
            "form": form,
            "proposee": proposee,
            "breadcrumb_data": {"links": [BREADCRUMB_LIST], "current": "Ouvrir une campagne"},
        },
        status=400 if form.errors else 200,
    )


def campagne_detail(request, public_id):
    """The completeness board: per contributor its state and lateness, % complete per priority and département."""
    from django.utils import timezone

    campagne = get_campagne_for_user(request, public_id)
    filterset = tableau(campagne=campagne, user=request.user, params=request.GET or None)
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        return tableau_export(fmt=fmt, campagne=campagne, contributions=filterset.qs)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for contribution in page:
        contribution.jours_retard = retard_jours(contribution, on=today)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "acces_soins/campagnes/detail.html",
        {
            "title": f"Campagne de remontées {campagne.semestre}",
            "campagne": campagne,
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "completude": completude(contributions_qs=filterset.qs),
            "bilans": campagne.bilans.with_list_data().order_by("perimetre_type", "perimetre_code", "-version"),
            "errata": campagne.errata.select_related("contribution", "par").order_by("-cree_le"),
            "can_manage": can_manage_campagne(request.user, campagne.region_code),
            "breadcrumb_data": {"links": [BREADCRUMB_LIST], "current": campagne.semestre},
        },
    )


@require_POST
def campagne_geler_view(request, public_id):
    campagne = get_campagne_for_user(request, public_id)
    if not can_manage_campagne(request.user, campagne.region_code):
        raise refuse(can_manage_campagne)
    try:
        campagne_geler(campagne=campagne, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"La campagne {campagne.semestre} est gelée : les bilans sont en production à partir de l'instantané.",
        )
    return redirect(reverse("acces_soins:campagne_detail", args=[campagne.public_id]) + "#bilans")
