from django.urls import path

from acces_soins.views import actions, bilans, catalogue, comites, feuilles, plan

app_name = "acces_soins"

urlpatterns = [
    path("plan/", plan.plan_detail, name="plan"),
    path("plan/mesures/<int:pk>/", plan.mesure_edit, name="mesure_edit"),
    path("plan/mesures/<int:pk>/departements/<str:code>/", plan.declinaison_edit, name="declinaison_edit"),
    path("plan/comites/", comites.comite_list, name="comite_list"),
    path("plan/comites/nouveau/", comites.comite_edit, name="comite_create"),
    path("plan/comites/<uuid:public_id>/", comites.comite_detail, name="comite_detail"),
    path("plan/comites/<uuid:public_id>/modifier/", comites.comite_edit, name="comite_edit"),
    path("plan/documents/<uuid:public_id>/", comites.document_download, name="document_download"),
    path("feuilles-de-route/", feuilles.feuille_list, name="feuille_list"),
    path("feuilles-de-route/matrice/", feuilles.matrice, name="matrice"),
    path("feuilles-de-route/export.<str:fmt>", feuilles.export_region, name="feuilles_export"),
    path("feuilles-de-route/catalogue/", catalogue.solution_list, name="solution_list"),
    path("feuilles-de-route/catalogue/nouvelle/", catalogue.solution_edit, name="solution_create"),
    path("feuilles-de-route/catalogue/<uuid:public_id>/", catalogue.solution_edit, name="solution_edit"),
    path("feuilles-de-route/territoires/<uuid:public_id>/", feuilles.territoire_detail, name="territoire_detail"),
    path("feuilles-de-route/territoires/<uuid:public_id>/feuille/", feuilles.feuille_edit, name="feuille_edit"),
    path(
        "feuilles-de-route/territoires/<uuid:territoire_id>/actions/nouvelle/",
        actions.action_edit,
        name="action_create",
    ),
    path("feuilles-de-route/actions/<uuid:public_id>/", actions.action_detail, name="action_detail"),
    path("feuilles-de-route/actions/<uuid:public_id>/modifier/", actions.action_edit, name="action_edit"),
    path("feuilles-de-route/actions/<uuid:public_id>/financer/", actions.action_engager, name="action_engager"),
    path("bilans/", bilans.bilan_list, name="bilan_list"),
    path("bilans/demander/", bilans.bilan_request_view, name="bilan_request"),
    path("bilans/<uuid:public_id>/", bilans.bilan_detail, name="bilan_detail"),
    path("bilans/<uuid:public_id>/statut/", bilans.bilan_status, name="bilan_status"),
    path("bilans/<uuid:public_id>/pdf/", bilans.bilan_download, name="bilan_download"),
    path("bilans/<uuid:public_id>/instantane/", bilans.bilan_snapshot, name="bilan_snapshot"),
]
