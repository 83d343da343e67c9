from django.urls import path

from indicateurs.views import fiches, saisie, tableau

app_name = "indicateurs"

urlpatterns = [
    path("", tableau.dashboard, name="dashboard"),
    path("import/", saisie.importer, name="import"),
    path("recalcul/", saisie.recalculer, name="recalcul"),
    path("recalcul/<int:pk>/", saisie.recalcul_etat, name="recalcul_etat"),
    path("fiches-actions/<uuid:fiche_id>/lier/", fiches.fiche_lier, name="fiche_lier"),
    path("fiches-actions/<uuid:fiche_id>/liens/<int:pk>/retirer/", fiches.fiche_delier, name="fiche_delier"),
    path("<slug:code>/", tableau.detail, name="detail"),
    path("<slug:code>/saisie/", saisie.saisie, name="saisie"),
    path("<slug:code>/avis/", saisie.avis, name="avis"),
    path("<slug:code>/reperes/", saisie.reperes, name="reperes"),
]
