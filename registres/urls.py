from django.urls import path

from registres.views import donnees, mouvements, pages

app_name = "registres"

urlpatterns = [
    path("", pages.index, name="index"),
    path("communes/", donnees.communes, name="communes"),
    path("documents/<uuid:public_id>/", pages.document_download, name="document_download"),
    path("documents/<uuid:public_id>/supprimer/", pages.document_delete, name="document_delete"),
    path("mouvements-medecins/bilan/", mouvements.bilan, name="bilan_mouvements"),
    path("<slug:code>/", pages.entree_list, name="list"),
    path("<slug:code>/nouveau/", pages.entree_create, name="create"),
    path("<slug:code>/import/", donnees.entree_import, name="import"),
    path("<slug:code>/modele.csv", donnees.modele, name="modele"),
    path("<slug:code>/export.<str:fmt>", donnees.entree_export, name="export"),
    path("<slug:code>/carte/", donnees.carte, name="carte"),
    path("<slug:code>/carte.geojson", donnees.carte_donnees, name="carte_donnees"),
    path("<slug:code>/<uuid:public_id>/", pages.entree_detail, name="detail"),
    path("<slug:code>/<uuid:public_id>/modifier/", pages.entree_edit, name="edit"),
    path("<slug:code>/<uuid:public_id>/supprimer/", pages.entree_delete, name="delete"),
    path("<slug:code>/<uuid:public_id>/documents/", pages.document_add, name="document_add"),
]
