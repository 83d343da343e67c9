from django.db import transaction
from django.urls import path

from zonage.api import views

urlpatterns = [
    # Read-only: no transaction, so one call stays within three SQL queries.
    path(
        "communes/<str:code_insee>/",
        transaction.non_atomic_requests(views.CommuneZonageView.as_view()),
        name="zonage-commune",
    ),
    path("arretes/", views.ArreteListView.as_view(), name="zonage-arrete-list"),
    path("arretes/<uuid:public_id>/classement/", views.ClassementListView.as_view(), name="zonage-classement"),
]
