from django.urls import path

from instruction import views

app_name = "instruction"

urlpatterns = [
    path("dossiers/<uuid:public_id>/decision/", views.transition, name="transition"),
    path("dossiers/<uuid:public_id>/message/", views.message, name="message"),
    path("dossiers/<uuid:public_id>/annotation/", views.annotation, name="annotation"),
    path("dossiers/<uuid:public_id>/referent/", views.referent, name="referent"),
    path("dossiers/<uuid:public_id>/avis/", views.avis, name="avis"),
    path("dossiers/<uuid:public_id>/partenaires/", views.participation_invite, name="participation_invite"),
    path(
        "dossiers/<uuid:public_id>/partenaires/<int:participation_id>/retrait/",
        views.participation_remove,
        name="participation_remove",
    ),
    path("pieces/<uuid:public_id>/", views.piece_download, name="piece"),
]
