from django.contrib import admin

from territoires.models import (
    EPCI,
    Commune,
    CommuneEpci,
    CommuneOverlay,
    CommuneTvs,
    Contour,
    Departement,
    ImportRun,
    PopulationCommune,
    Region,
    TerritoireVieSante,
)


class ReadOnlyReferentialAdmin(admin.ModelAdmin):
    """The referential is imported from open data, never typed by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyReferentialAdmin):
    list_display = ["code", "nom"]
    search_fields = ["code", "nom"]


@admin.register(Departement)
class DepartementAdmin(ReadOnlyReferentialAdmin):
    list_display = ["code", "nom", "region"]
    list_filter = ["region"]
    search_fields = ["code", "nom"]


@admin.register(EPCI)
class EpciAdmin(ReadOnlyReferentialAdmin):
    list_display = ["siren", "nom", "type", "population"]
    list_filter = ["type"]
    search_fields = ["siren", "nom", "search_text"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyReferentialAdmin):
    list_display = ["code_insee", "nom", "departement", "epci", "population", "millesime"]
    list_filter = ["departement"]
    search_fields = ["code_insee", "nom", "search_text"]
    list_select_related = ["departement", "epci"]


@admin.register(TerritoireVieSante)
class TvsAdmin(ReadOnlyReferentialAdmin):
    list_display = ["code", "nom", "source"]
    list_filter = ["source"]
    search_fields = ["code", "nom"]


@admin.register(CommuneTvs)
class CommuneTvsAdmin(ReadOnlyReferentialAdmin):
    list_display = ["commune", "tvs", "version"]
    list_filter = ["version"]
    list_select_related = ["commune", "tvs"]
    search_fields = ["commune__code_insee", "commune__nom", "tvs__code"]


@admin.register(PopulationCommune)
class PopulationCommuneAdmin(ReadOnlyReferentialAdmin):
    list_display = ["commune", "millesime", "population", "source"]
    list_filter = ["millesime"]
    list_select_related = ["commune"]
    search_fields = ["commune__code_insee", "commune__nom"]


@admin.register(CommuneEpci)
class CommuneEpciAdmin(ReadOnlyReferentialAdmin):
    list_display = ["commune", "epci", "millesime"]
    list_filter = ["millesime"]
    list_select_related = ["commune", "epci"]
    search_fields = ["commune__code_insee", "commune__nom", "epci__siren"]


@admin.register(CommuneOverlay)
class CommuneOverlayAdmin(ReadOnlyReferentialAdmin):
    list_display = ["commune", "kind", "valide_du", "valide_au", "source"]
    list_filter = ["kind"]
    list_select_related = ["commune"]
    search_fields = ["commune__code_insee", "commune__nom"]


@admin.register(Contour)
class ContourAdmin(ReadOnlyReferentialAdmin):
    list_display = ["level", "code", "source", "updated_at"]
    list_filter = ["level"]
    search_fields = ["code"]
    exclude = ["geometry"]


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyReferentialAdmin):
    list_display = ["kind", "source", "scope", "finished_at"]
