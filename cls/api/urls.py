from rest_framework.routers import SimpleRouter

from cls.api.views import ContratViewSet

router = SimpleRouter()
router.register("", ContratViewSet, basename="cls")

urlpatterns = router.urls
