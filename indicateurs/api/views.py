from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action

from comptes.perms import user_region_code
from indicateurs.api.serializers import IndicateurSerializer, ValeurSerializer
from indicateurs.filters import ValeurFilterSet
from indicateurs.models import Indicateur, Valeur
from indicateurs.perms import can_view_indicateurs
from territoires.regions import in_regions


class CanViewIndicateurs(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_view_indicateurs(request.user)


class IndicateurViewSet(viewsets.ReadOnlyModelViewSet):
    """Catalogue des indicateurs d'évaluation (agents de l'ARS et comité d'évaluation)."""

    serializer_class = IndicateurSerializer
    permission_classes = [permissions.IsAuthenticated, CanViewIndicateurs]
    lookup_field = "code"
    queryset = Indicateur.objects.actifs()

    def get_queryset(self):
        queryset = self.queryset.of_region(user_region_code(self.request.user))
        if self.action == "valeurs":
            return queryset
        # "mesures": the plan's side of the link (acces_soins.Mesure.indicateurs), prefetched by name
        return queryset.select_related("sens_document").prefetch_related("mesures__priorite")

    @extend_schema(
        responses=ValeurSerializer(many=True),
        parameters=[
            OpenApiParameter("territoire", str, description="« niveau:code » (ex. departement:37) ou code seul."),
            OpenApiParameter("periode", str, description="Semestre au format 2026-S1."),
        ],
    )
    @action(detail=True, methods=["get"], serializer_class=ValeurSerializer)
    def valeurs(self, request, code=None):
        """Valeurs d'un indicateur, filtrables par territoire (niveau:code) et semestre."""
        indicateur = self.get_object()
        # The user's région first (territoires.regions): never another région's values.
        queryset = (
            in_regions(Valeur.objects.filter(indicateur=indicateur), [user_region_code(request.user)])
            .select_related("indicateur", "perimetre")
            .order_by("perimetre__kind", "perimetre__code", "-periode")
        )
        queryset = ValeurFilterSet(request.GET, queryset=queryset, request=request).qs
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ValeurSerializer(page, many=True).data)
