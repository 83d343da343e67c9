"""Read-only API of the register, for the same users as the page, with the same FilterSet."""

from rest_framework import generics, permissions

from referentiel.api.serializers import ParametreSerializer
from referentiel.filters import ParametreFilterSet
from referentiel.models import Parametre
from referentiel.perms import can_view_referentiel


class CanViewReferentiel(permissions.BasePermission):
    """Agents de l'ARS et comité d'évaluation (voir referentiel.perms.can_view_referentiel)."""

    def has_permission(self, request, view):
        return can_view_referentiel(request.user)


class ParametreListView(generics.ListAPIView):
    """Les valeurs du référentiel : région, opérateur, dates de validité, source, « à confirmer »."""

    permission_classes = [permissions.IsAuthenticated, CanViewReferentiel]
    serializer_class = ParametreSerializer
    filterset_class = ParametreFilterSet
    queryset = Parametre.objects.with_list_data()
