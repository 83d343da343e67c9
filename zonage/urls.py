from django.urls import path

from zonage.views import documents, public, staff

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
]
