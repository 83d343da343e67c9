from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from acces_soins.models import (
    BilanSemestriel,
    ComiteDePilotage,
    CommentaireMesure,
    Decision,
    DeclinaisonMesure,
    DocumentComite,
    Mesure,
    Plan,
    Priorite,
)


class PrioriteInline(admin.TabularInline):
    model = Priorite
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "region_code", "date_debut", "date_fin"]
    inlines = [PrioriteInline]


class DeclinaisonInline(admin.TabularInline):
    model = DeclinaisonMesure
    extra = 0


class CommentaireInline(admin.TabularInline):
    model = CommentaireMesure
    extra = 0
    exclude = ["updated_by"]


@admin.register(Mesure)
class MesureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "pilote", "statut"]
    list_filter = ["priorite", "statut"]
    list_select_related = ["priorite"]
    inlines = [DeclinaisonInline, CommentaireInline]
    readonly_fields = ["updated_by"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    filter_horizontal = ["mesures"]


class DocumentInline(admin.TabularInline):
    model = DocumentComite
    extra = 0
    readonly_fields = ["added_by"]


@admin.register(ComiteDePilotage)
class ComiteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "semestre", "date"]
    inlines = [DecisionInline, DocumentInline]
    readonly_fields = ["updated_by"]


@admin.register(BilanSemestriel)
class BilanAdmin(admin.ModelAdmin):
    """Read-only: bilans are produced by the workers, never edited by hand."""

    list_display = ["semestre", "perimetre_libelle", "version", "statut", "progress", "attempt", "finished_at"]
    list_filter = ["statut", "semestre", "perimetre_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
