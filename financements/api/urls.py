from django.urls import path

from financements.api import views

urlpatterns = [
    path("enveloppes/", views.EnveloppeListView.as_view(), name="financements-enveloppes"),
    path("engagements/", views.EngagementListView.as_view(), name="financements-engagements"),
]
