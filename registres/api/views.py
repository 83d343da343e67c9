"""The API endpoint of every register (read-only): `/api/v1/registres/`, `…/<code>/`, `…/<code>/<public_id>/`.
The list shares the register's FilterSet with the HTML list; reads of personal data are logged."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from registres import perms, selectors
from registres.api.serializers import EntreeSerializer, RegistreSerializer
from registres.declarations import REGISTRES, registres
from registres.enums import ActionLecture, Statut
from registres.services.journal import lecture_enregistrer

CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Code du registre (voir /api/v1/registres/).")
FILTRES = [
    OpenApiParameter("q", str, description="Recherche (commune, source, champs textuels du registre)."),
    OpenApiParameter("departement", int, description="Identifiant du département."),
    OpenApiParameter("statut", str, enum=Statut.values),
    OpenApiParameter("en_cours_au", str, description="Entrées en cours à cette date (AAAA-MM-JJ)."),
]


class RegistreMixin:
    def get_registre(self):
        registre = REGISTRES.get(self.kwargs["code"])
        if registre is None or not perms.can_view_registre(self.request.user, registre):
            raise NotFound("Registre inconnu.")
        return registre

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "registre": self.get_registre(),
            "personnels": perms.can_see_personnels(self.request.user),
        }


@extend_schema(tags=["registres"])
class RegistreIndexView(APIView):
    """Les registres que vous pouvez lire, avec la mesure du plan et les indicateurs qu'ils calculent."""

    @extend_schema(responses=RegistreSerializer(many=True), operation_id="registres_index")
    def get(self, request):
        if not perms.can_view_registres(request.user):
            raise NotFound
        visibles = [registre for registre in registres() if perms.can_view_registre(request.user, registre)]
        counts = selectors.entry_counts(visibles, request.user)
        data = [
            {
                "code": registre.code,
                "titre": registre.titre,
                "mesure": registre.mesure,
                "indicateurs": list(registre.indicateurs),
                "nombre": counts[registre.code],
                "url": request.build_absolute_uri(f"/api/v1/registres/{registre.code}/"),
            }
            for registre in visibles
        ]
        return Response(RegistreSerializer(data, many=True).data)


@extend_schema(tags=["registres"], parameters=[CODE, *FILTRES])
class EntreeListView(RegistreMixin, generics.ListAPIView):
    """Les entrées d'un registre, filtrées comme la liste du portail."""

    serializer_class = EntreeSerializer
    filter_backends = []

    def get_queryset(self):
        registre = self.get_registre()
        return selectors.entree_list(registre=registre, user=self.request.user, params=self.request.query_params).qs

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        if page is not None and perms.can_see_personnels(request.user):
            lecture_enregistrer(
                user=request.user, registre=self.get_registre(), action=ActionLecture.API, entrees=page, request=request
            )
        return response


PUBLIC_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Identifiant de l'entrée."
)


@extend_schema(tags=["registres"], parameters=[CODE, PUBLIC_ID])
class EntreeDetailView(RegistreMixin, generics.RetrieveAPIView):
    """Une entrée d'un registre."""

    serializer_class = EntreeSerializer
    lookup_field = "public_id"

    def get_object(self):
        try:
            entree = selectors.get_entree_for_user(self.get_registre(), self.request.user, self.kwargs["public_id"])
        except Http404 as error:
            raise NotFound from error
        if perms.can_view_personnels(self.request.user, entree.departement_id):
            lecture_enregistrer(
                user=self.request.user,
                registre=self.get_registre(),
                action=ActionLecture.API,
                entrees=[entree],
                request=self.request,
            )
        return entree
