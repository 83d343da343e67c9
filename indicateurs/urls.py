from django.urls import path

from indicateurs.views import saisie, tableau

app_name = "indicateurs"

urlpatterns = [
    path("", tableau.dashboard, name="dashboard"),
    path("import/", saisie.importer, name="import"),
    path("recalcul/", saisie.recalculer, name="recalcul"),
    path("recalcul/<int:pk>/", saisie.recalcul_etat, name="recalcul_etat"),
    path("<slug:code>/", tableau.detail, name="detail"),
    path("<slug:code>/saisie/", saisie.saisie, name="saisie"),
    path("<slug:code>/avis/", saisie.avis, name="avis"),
    path("<slug:code>/reperes/", saisie.reperes, name="reperes"),
]
