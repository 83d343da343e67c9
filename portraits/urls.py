from django.urls import path

from portraits import views

app_name = "portraits"

urlpatterns = [
    path("", views.portrait, name="portrait"),
    path("carte/", views.portrait_carte, name="carte"),
    path("pdf/", views.portrait_pdf_request, name="pdf_request"),
    path("pdf/<uuid:public_id>/", views.portrait_pdf, name="pdf"),
    path("pdf/<uuid:public_id>/telecharger/", views.portrait_pdf_download, name="pdf_download"),
    path("pdf/<uuid:public_id>/joindre/", views.portrait_pdf_attach, name="pdf_attach"),
    path("<str:table>.<str:fmt>", views.portrait_export, name="export"),
]
