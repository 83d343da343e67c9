from django.urls import path

from registres.api import views

urlpatterns = [
    path("", views.RegistreIndexView.as_view(), name="registres-index"),
    path("<slug:code>/", views.EntreeListView.as_view(), name="registres-list"),
    path("<slug:code>/<uuid:public_id>/", views.EntreeDetailView.as_view(), name="registres-detail"),
]
