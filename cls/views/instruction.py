"""Délégation side: the instruction lists of CLS lettres d'intention."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cls import perms
from cls.selectors import instruction_list
from instruction.filters import VUES

PAGE_SIZE = 20


@require_GET
def instruction_index(request):
    if not perms.can_instruct_cls(request.user):
        raise PermissionDenied
    filterset = instruction_list(user=request.user, params=request.GET or None)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    current_vue = request.GET.get("vue", "")
    query = request.GET.copy()
    query.pop("page", None)
    tabs = []
    for code, label in [("", "Tous"), *VUES]:
        params = query.copy()
        params["vue"] = code
        tabs.append({"code": code, "label": label, "query": params.urlencode(), "current": code == current_vue})
    page_query = query.urlencode()
    return render(
        request,
        "cls/instruction_list.html",
        {
            "title": "Instruction des lettres d'intention CLS",
            "filter": filterset,
            "page_obj": page,
            "tabs": tabs,
            "page_query": page_query,
            "breadcrumb_data": {"links": [], "current": "Instruction des lettres d'intention"},
        },
    )
