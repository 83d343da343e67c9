"""The portal's URLs plus the references of `make bench`: a bare Django page (same layout, a 50-row table, no
query) and a bare DRF endpoint (a constant body). Never part of config/urls.py."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from config.urls import urlpatterns as portal

ROWS = [{"code": f"{37000 + n}", "nom": f"Commune témoin {n}", "population": 1_000 + 37 * n} for n in range(50)]


@login_not_required
def bare_page(request):
    return render(request, "bench/bare.html", {"title": "Page témoin", "rows": ROWS})


@login_not_required
@api_view(["GET"])
@authentication_classes([])
@permission_classes([])
def bare_api(request, code: str):
    return Response({"code_insee": code, "nom": "Commune témoin", "zonages": []})


urlpatterns = [
    path("bench/page-temoin/", bare_page, name="bench-bare-page"),
    path("bench/api-temoin/<str:code>/", bare_api, name="bench-bare-api"),
    *portal,
]
