from django.urls import path

from national import views

app_name = "national"

urlpatterns = [
    path("", views.index, name="index"),
    path("zonage/", views.zonage, name="zonage"),
    path("carte/", views.carte, name="carte"),
    path("carte.geojson", views.carte_geojson, name="carte_geojson"),
    path("export/<str:tableau>.<str:fmt>", views.export, name="export"),
    path("synthese/", views.synthese_request, name="synthese_request"),
    path("synthese/<uuid:public_id>/", views.synthese, name="synthese"),
    path("synthese/<uuid:public_id>/pdf/", views.synthese_download, name="synthese_download"),
]
