from django.http import HttpResponse, HttpResponseNotModified
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from territoires.models import Commune
from zonage import selectors, services
from zonage.api import cache as api_cache
from zonage.api import contexte
from zonage.api.renderers import CsvRenderer
from zonage.api.serializers import ArreteSerializer, ClassementSerializer, CommuneZonageSerializer
from zonage.filters import ArreteFilterSet
from zonage.models import ArreteZonage
from zonage.services.lookup import classements_couvrant
from zonage.services.rules import today

# Public endpoints: no padlock in Swagger/Redoc. A logged-in ARS agent still sees every status (the
# session cookie is read), but nobody needs to log in to use them.
public_schema = extend_schema(auth=[])
CLIENT_MAX_AGE = 60  # seconds a browser or proxy may reuse an answer before asking again (with its ETag)
NOT_FOUND = b""


class PublicApiMixin:
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]


def _arretes_for(user):
    """Published arrêtés of every region (each carries its region), plus the drafts of the user's ARS regions."""
    return ArreteZonage.objects.publics_or_visible_to(user).select_related("profession", "region")


@public_schema
class CommuneZonageView(PublicApiMixin, APIView):
    """Zonage en vigueur aujourd'hui dans une commune, par profession, avec les aides que chaque zone ouvre."""

    @extend_schema(responses=CommuneZonageSerializer, operation_id="zonage_commune")
    def get(self, request, code_insee: str):
        """Served from the cache (zonage.api.cache) when the zonage data has not changed: no query; a client that
        sends back the ETag gets a 304."""
        if not (len(code_insee) == 5 and code_insee.isascii() and code_insee.isalnum()):
            raise NotFound(f"Commune inconnue : {code_insee}.")  # not an INSEE code: neither read nor cached
        on = today()
        version = api_cache.version()
        key = api_cache.commune_key(code_insee, on, data_version=version)
        tag = api_cache.etag(key)
        headers = {"ETag": tag, "Cache-Control": f"public, max-age={CLIENT_MAX_AGE}"}
        if tag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers=headers)
        body = api_cache.cached_body(key, lambda: self._body(code_insee, on, version))
        if body == NOT_FOUND:
            raise NotFound(f"Commune inconnue : {code_insee}.")
        return HttpResponse(body, content_type="application/json", headers=headers)

    @staticmethod
    def _body(code_insee: str, on, version: str) -> bytes:
        """Two queries (the commune with its overlays in force, its classement rows), plus the région's shared
        data the first time in this process for this day and version (zonage.api.contexte)."""
        commune = (
            Commune.objects.select_related("departement__region")
            .annotate(**contexte.overlay_annotations(on))
            .filter(code_insee=code_insee)
            .first()
        )
        if commune is None:
            return NOT_FOUND  # cached too: a scan of unknown codes costs one query per code and version
        shared = contexte.contexte(commune.departement.region, on=on, version=version)
        rows, seen = [], set()
        for row in classements_couvrant(commune, shared.arretes):
            if row.arrete.profession_id not in seen:
                seen.add(row.arrete.profession_id)
                row.aides = shared.aides_par_zone.get(row.zone_id, [])
                rows.append(row)
        aides_commune = services.aides_commune(
            commune,
            on=on,
            regles=shared.regles,
            aides=shared.aides_commune,
            overlays=contexte.overlays(commune, shared),
        )
        data = CommuneZonageSerializer.build(commune, rows, aides_commune)
        return JSONRenderer().render(CommuneZonageSerializer(data).data)


@public_schema
class ArreteListView(PublicApiMixin, generics.ListAPIView):
    """Arrêtés de zonage publiés (tous les statuts pour les agents de l'ARS)."""

    serializer_class = ArreteSerializer
    filterset_class = ArreteFilterSet
    renderer_classes = [JSONRenderer, CsvRenderer]

    def get_queryset(self):
        return _arretes_for(self.request.user).order_by("profession__ordre", "-date_effet", "-pk")


@public_schema
class ClassementListView(PublicApiMixin, generics.ListAPIView):
    """Annexe d'un arrêté : le classement de chaque territoire (TVS ou commune). `?format=csv` pour un CSV complet."""

    serializer_class = ClassementSerializer
    renderer_classes = [JSONRenderer, CsvRenderer]
    filter_backends = []

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["json", "csv"])])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        arrete = get_object_or_404(_arretes_for(self.request.user), public_id=self.kwargs["public_id"])
        return selectors.classement_rows_for_api(arrete)

    def paginate_queryset(self, queryset):
        if getattr(self.request, "accepted_renderer", None) and self.request.accepted_renderer.format == "csv":
            return None
        return super().paginate_queryset(queryset)
