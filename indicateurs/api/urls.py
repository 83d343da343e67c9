from rest_framework.routers import SimpleRouter

from indicateurs.api.views import IndicateurViewSet

router = SimpleRouter()
router.register("", IndicateurViewSet, basename="indicateur")

urlpatterns = router.urls
