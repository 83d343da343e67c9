from django.urls import path

from acces_soins.views import bilans, comites, plan

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
    path("bilans/", bilans.bilan_list, name="bilan_list"),
    path("bilans/demander/", bilans.bilan_request_view, name="bilan_request"),
    path("bilans/<uuid:public_id>/", bilans.bilan_detail, name="bilan_detail"),
    path("bilans/<uuid:public_id>/statut/", bilans.bilan_status, name="bilan_status"),
    path("bilans/<uuid:public_id>/pdf/", bilans.bilan_download, name="bilan_download"),
    path("bilans/<uuid:public_id>/instantane/", bilans.bilan_snapshot, name="bilan_snapshot"),
]
