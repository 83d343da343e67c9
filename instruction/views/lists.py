"""The lists of filed dossiers: the ARS instruction lists (one per programme, declared in its urls) and the
co-instruction list of the institutional partners. Tabs, filters and pagination are shared."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from instruction import perms, selectors
from instruction.filters import VUES, CoInstructionFilterSet
from instruction.kinds import get_kind, kinds_with_partners

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
        raise PermissionDenied
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
        raise PermissionDenied
    filterset = selectors.co_instruction_dossiers(
        user=request.user,
        params=request.GET or None,
        kinds=[get_kind(code) for code in (kinds or kinds_with_partners())],
        filterset_class=CoInstructionFilterSet,
    )
    vues = [(code, label) for code, label in VUES if code != "suivis"]
    return _page(request, filterset, title="Dossiers en co-instruction", vues=vues)
