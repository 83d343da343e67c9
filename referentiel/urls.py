from django.urls import path

from referentiel import views

app_name = "referentiel"

urlpatterns = [
    path("", views.parametre_list, name="list"),
    path("<int:pk>/adopter/", views.parametre_adopt, name="adopt"),
]
