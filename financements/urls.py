from django.urls import path

from financements.views import engagements, enveloppes, tableau

app_name = "financements"

urlpatterns = [
    path("", tableau.tableau_de_bord, name="index"),
    path("enveloppes/", enveloppes.enveloppe_list, name="enveloppe_list"),
    path("enveloppes/nouvelle/", enveloppes.enveloppe_form, name="enveloppe_create"),
    path("enveloppes/<uuid:public_id>/", enveloppes.enveloppe_detail, name="enveloppe_detail"),
    path("enveloppes/<uuid:public_id>/modifier/", enveloppes.enveloppe_form, name="enveloppe_update"),
    path("engagements/", engagements.engagement_list, name="engagement_list"),
    path("engagements/nouveau/", engagements.engagement_form, name="engagement_create"),
    path("engagements/<uuid:public_id>/", engagements.engagement_detail, name="engagement_detail"),
    path("engagements/<uuid:public_id>/<str:action>/", engagements.engagement_action, name="engagement_action"),
    path("beneficiaires/<uuid:public_id>/", engagements.beneficiaire_detail, name="beneficiaire_detail"),
    path("beneficiaires/<uuid:public_id>/cofinancement/", engagements.cofinancement_add, name="cofinancement_add"),
]
