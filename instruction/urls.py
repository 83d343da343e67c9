from django.urls import path

from instruction import views

app_name = "instruction"

urlpatterns = [
    path("dossiers/<uuid:public_id>/decision/", views.transition, name="transition"),
    path("dossiers/<uuid:public_id>/message/", views.message, name="message"),
    path("dossiers/<uuid:public_id>/annotation/", views.annotation, name="annotation"),
    path("dossiers/<uuid:public_id>/referent/", views.referent, name="referent"),
    path("pieces/<uuid:public_id>/", views.piece_download, name="piece"),
]
