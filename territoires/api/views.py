from rest_framework import viewsets

from territoires.api.serializers import CommuneSerializer
from territoires.filters import CommuneFilterSet
from territoires.models import Commune


class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    """Communes du référentiel (COG en vigueur), avec leur population municipale."""

    serializer_class = CommuneSerializer
    filterset_class = CommuneFilterSet
    lookup_field = "code_insee"
    queryset = Commune.objects.with_list_data().order_by("-population", "nom", "code_insee")
