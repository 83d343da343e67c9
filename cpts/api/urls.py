from django.urls import path

from cpts.api import views

urlpatterns = [
    path("cpts/", views.CptsListView.as_view(), name="cpts-list"),
    path("cpts/<uuid:public_id>/", views.CptsDetailView.as_view(), name="cpts-detail"),
    path("msp/", views.MspListView.as_view(), name="msp-list"),
    path("centres-sante/", views.CentreSanteListView.as_view(), name="centre-sante-list"),
    path("esp/", views.EspListView.as_view(), name="esp-list"),
]
