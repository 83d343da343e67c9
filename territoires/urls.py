from django.urls import path

from territoires import views

app_name = "territoires"

urlpatterns = [
    path("", views.index, name="index"),
    path("communes/", views.commune_list, name="commune_list"),
    path("communes/<str:code_insee>/", views.commune_detail, name="commune_detail"),
    path("epci/<str:siren>/", views.epci_detail, name="epci_detail"),
    path("departements/<str:code>/", views.departement_detail, name="departement_detail"),
]
