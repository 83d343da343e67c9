"""The lists of dossiers: the ARS instruction lists (one per programme, declared in its urls), the
co-instruction list of the institutional partners (tabs, filters and pagination shared), and the dossiers
with messages, with the unread counts of the navigation."""

from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import render
from django.views.decorators.http import require_GET

from comptes.perms import refuse
from instruction import perms, selectors
from instruction.filters import VUES, CoInstructionFilterSet
from instruction.kinds import get_kind, kinds_with_partners
from instruction.models import Dossier
from instruction.services.lectures import unread_total

PAGE_SIZE = 20


def _page(request, filterset, *, title: str, vues):
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    current_vue = request.GET.get("vue", "")
    tabs = []
    for code, label in [("", "Tous"), *vues]:
        params = query.copy()
        params["vue"] = code
        tabs.append({"code": code, "label": label, "query": params.urlencode(), "current": code == current_vue})
    return render(
        request,
        "instruction/dossier_list.html",
        {
            "title": title,
            "filter": filterset,
            "page_obj": page,
            "rows": selectors.list_rows(page),
            "tabs": tabs,
            "page_query": query.urlencode(),
            "breadcrumb_data": {"links": [], "current": title},
        },
    )


@require_GET
def instruction_list(request, *, kinds, filterset_class, title):
    """The filed dossiers of some kinds that the ARS user instructs (routed by each app with its FilterSet)."""
    if not perms.can_list_instruction(request.user):
        raise refuse(perms.can_list_instruction)
    filterset = selectors.instruction_dossiers(
        user=request.user,
        params=request.GET or None,
        kinds=[get_kind(code) for code in kinds],
        filterset_class=filterset_class,
    )
    return _page(request, filterset, title=title, vues=VUES)


@require_GET
def co_instruction_list(request, *, kinds=None):
    """The dossiers a partner (Assurance maladie, URPS…) is invited to co-instruct: every kind whose
    configuration names partner organisations, or the kinds given by the URL."""
    if not perms.can_list_co_instruction(request.user):
        raise refuse(perms.can_list_co_instruction)
    filterset = selectors.co_instruction_dossiers(
        user=request.user,
        params=request.GET or None,
        kinds=[get_kind(code) for code in (kinds or kinds_with_partners())],
        filterset_class=CoInstructionFilterSet,
    )
    vues = [(code, label) for code, label in VUES if code != "suivis"]
    return _page(request, filterset, title="Dossiers en co-instruction", vues=vues)


@require_GET
def messages_index(request):
    """The dossiers the user follows that have messages, unread ones first, with their unread counts."""
    dossiers = (
        selectors.with_content(Dossier.objects.followed_by(request.user).filter(messages__isnull=False), [])
        .with_unread(request.user)
        .annotate(dernier_message=Max("messages__created_at"))
        .order_by("-non_lus", "-dernier_message")
    )
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instruction/messages.html",
        {
            "title": "Messages",
            "page_obj": page,
            "breadcrumb_data": {"links": [], "current": "Messages"},
        },
    )


@require_GET
def messages_badge(request):
    """The unread count of the navigation (loaded by htmx after the page, so pages keep their queries)."""
    return render(request, "instruction/includes/_messages_badge.html", {"non_lus": unread_total(request.user)})
