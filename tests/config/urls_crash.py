"""The portal's URLs plus a view that crashes, to see the 500 page (tests only)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401 (error handlers)


@login_not_required
def crash(request):
    raise RuntimeError("Erreur volontaire pour les tests de la page 500")


urlpatterns = [*urlpatterns, path("essai-erreur-500/", crash, name="crash")]
