from django.urls import path

from referentiel.api import views

urlpatterns = [path("", views.ParametreListView.as_view(), name="referentiel-list")]
