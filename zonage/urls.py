from django.urls import path

from zonage.views import consultations, documents, public, scenarios, staff

app_name = "zonage"

urlpatterns = [
    path("ma-commune/", public.ma_commune, name="ma_commune"),
    path("ma-commune/<str:code_insee>/", public.commune_zonage, name="commune"),
    path("carte/", public.carte, name="carte"),
    path("carte/donnees/", public.carte_donnees, name="carte_donnees"),
    path("arretes/", staff.arrete_list, name="arrete_list"),
    path("arretes/nouveau/", staff.arrete_create, name="arrete_create"),
    path("arretes/<uuid:public_id>/", staff.arrete_detail, name="arrete_detail"),
    path("arretes/<uuid:public_id>/modifier/", staff.arrete_edit, name="arrete_edit"),
    path("arretes/<uuid:public_id>/annexe/", staff.arrete_import, name="arrete_import"),
    path("arretes/<uuid:public_id>/annexe.csv", staff.arrete_export, {"fmt": "csv"}, name="arrete_export_csv"),
    path("arretes/<uuid:public_id>/annexe.xlsx", staff.arrete_export, {"fmt": "xlsx"}, name="arrete_export_xlsx"),
    path("arretes/<uuid:public_id>/statut/", staff.arrete_transition, name="arrete_transition"),
    path("arretes/<uuid:public_id>/commentaires/", staff.arrete_comment, name="arrete_comment"),
    path("arretes/<uuid:public_id>/documents/", documents.document_upload, name="document_upload"),
    path("documents/<uuid:public_id>/", documents.document_download, name="document_download"),
    path("documents/<uuid:public_id>/supprimer/", documents.document_delete, name="document_delete"),
    path(
        "arretes/<uuid:public_id>/consultation/", consultations.consultation_request_view, name="consultation_request"
    ),
    path("consultations/<uuid:public_id>/", consultations.consultation_status, name="consultation_status"),
    path("consultations/<uuid:public_id>/pdf/", consultations.consultation_download, name="consultation_download"),
    path("scenarios/", scenarios.scenario_list, name="scenario_list"),
    path("scenarios/nouveau/", scenarios.scenario_create_view, name="scenario_create"),
    path("scenarios/comparer/", scenarios.scenario_compare, name="scenario_compare"),
    path("scenarios/<uuid:public_id>/", scenarios.scenario_detail, name="scenario_detail"),
    path("scenarios/<uuid:public_id>/tvs/<int:tvs_id>/", scenarios.scenario_tvs, name="scenario_tvs"),
    path("scenarios/<uuid:public_id>/compteurs/", scenarios.scenario_compteurs_view, name="scenario_compteurs"),
    path("scenarios/<uuid:public_id>/modifier/", scenarios.scenario_edit, name="scenario_edit"),
    path("scenarios/<uuid:public_id>/copier/", scenarios.scenario_copy_view, name="scenario_copy"),
    path("scenarios/<uuid:public_id>/proposer/", scenarios.scenario_propose_view, name="scenario_propose"),
    path("scenarios/<uuid:public_id>/carte.geojson", scenarios.scenario_carte_geojson, name="scenario_carte"),
    path("scenarios/<uuid:public_id>/carte.svg", scenarios.scenario_carte_svg, name="scenario_carte_svg"),
]
