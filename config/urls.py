from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from comptes.views import home
from config.autocomplete import autocomplete
from config.views import PublicPageView, api_not_found, healthz

api_v1 = [
    path("territoires/", include("territoires.api.urls")),
    path("zonage/", include("zonage.api.urls")),
    path("indicateurs/", include("indicateurs.api.urls")),
    path("cls/", include("cls.api.urls")),
    path("", include("cpts.api.urls")),
    path("financements/", include("financements.api.urls")),
    path("referentiel/", include("referentiel.api.urls")),
    path("registres/", include("registres.api.urls")),
    re_path(r"^[\s\S]*$", api_not_found, name="not-found"),  # any path, new lines included
]

urlpatterns = [
    path("", home, name="home"),
    path("comptes/", include("comptes.urls")),
    path("territoires/portrait/", include("portraits.urls")),
    path("territoires/", include("territoires.urls")),
    path("zonage/", include("zonage.urls")),
    path("", include("acces_soins.urls")),
    path("indicateurs/", include("indicateurs.urls")),
    path("instruction/", include("instruction.urls")),
    path("cls/", include("cls.urls")),
    path("cpts/", include("cpts.urls")),
    path("financements/", include("financements.urls")),
    path("referentiel/", include("referentiel.urls")),
    path("registres/", include("registres.urls")),
    path("national/", include("national.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("autocomplete/<slug:source>/", autocomplete, name="autocomplete"),
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "api/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("healthz", healthz, name="healthz"),
    path(
        "accessibilite/",
        PublicPageView.as_view(template_name="pages/accessibilite.html", extra_context={"title": "Accessibilité"}),
        name="accessibilite",
    ),
    path(
        "mentions-legales/",
        PublicPageView.as_view(
            template_name="pages/mentions_legales.html", extra_context={"title": "Mentions légales"}
        ),
        name="mentions_legales",
    ),
    path(
        "donnees-personnelles/",
        PublicPageView.as_view(
            template_name="pages/donnees_personnelles.html", extra_context={"title": "Données personnelles"}
        ),
        name="donnees_personnelles",
    ),
    # The admin's own login would skip the TOTP step of comptes.otp: it goes through the portal's login page.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="comptes:login", query_string=True)),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]

# DSFR error pages (JSON under /api/), see config/errors.py.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
