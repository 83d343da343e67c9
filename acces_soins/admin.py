from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from acces_soins.models import (
    Action,
    BilanSemestriel,
    Campagne,
    ComiteDePilotage,
    Contribution,
    Decision,
    DeclinaisonMesure,
    DocumentComite,
    Erratum,
    FeuilleDeRoute,
    Jalon,
    Mesure,
    NoteSemestrielle,
    Plan,
    Priorite,
    RolePilotage,
    Solution,
    TerritoireSante,
)


class PrioriteInline(admin.TabularInline):
    model = Priorite
    extra = 0


class RolePilotageInline(admin.TabularInline):
    model = RolePilotage
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "region_code", "date_debut", "date_fin", "document"]
    filter_horizontal = ["organisations_copil"]
    inlines = [RolePilotageInline, PrioriteInline]


class DeclinaisonInline(admin.TabularInline):
    model = DeclinaisonMesure
    extra = 0


@admin.register(Mesure)
class MesureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "niveau", "statut", "statut_date", "pilote"]
    list_filter = ["priorite", "niveau", "statut"]
    list_select_related = ["priorite"]
    filter_horizontal = ["indicateurs"]
    inlines = [DeclinaisonInline]
    readonly_fields = ["updated_by"]


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ["numero", "texte", "responsable_personne", "responsable_organisation", "echeance", "statut"]
    raw_id_fields = ["responsable_personne", "responsable_organisation"]
    extra = 0
    show_change_link = True


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


# --- Feuilles de route territoriales ---------------------------------------------------------


@admin.register(TerritoireSante)
class TerritoireSanteAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "code", "region_code", "conseil_nom"]
    filter_horizontal = ["departements"]


@admin.register(Solution)
class SolutionAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "region_code", "theme", "actif", "ordre"]
    list_filter = ["region_code", "theme", "actif"]


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["numero", "libelle", "statut", "date_debut", "date_fin"]
    extra = 0
    show_change_link = True


@admin.register(FeuilleDeRoute)
class FeuilleDeRouteAdmin(SimpleHistoryAdmin):
    list_display = ["territoire", "periode_debut", "periode_fin", "statut", "is_fictif"]
    inlines = [ActionInline]


class JalonInline(admin.TabularInline):
    model = Jalon
    extra = 0


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "feuille", "statut", "date_fin"]
    list_filter = ["statut", "theme"]
    inlines = [JalonInline]
    filter_horizontal = ["indicateurs"]


@admin.register(NoteSemestrielle)
class NoteSemestrielleAdmin(SimpleHistoryAdmin):
    """Every semester note (actions, measures, fiches, missions, indicators): read in the admin, written on the
    pages (one form, one service)."""

    list_display = ["__str__", "semestre", "avancement", "statut", "valeur", "updated_at"]
    list_filter = ["content_type", "semestre"]
    readonly_fields = ["updated_by"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "comite", "responsable", "echeance", "statut"]
    list_filter = ["statut"]
    filter_horizontal = ["mesures", "indicateurs"]
    raw_id_fields = ["responsable_personne", "responsable_organisation", "fiches"]


# --- Campagnes de remontées --------------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Campaign rows move through their services only (state machine, logs): the admin reads them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Campagne)
class CampagneAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "date_cloture", "statut", "gelee_le"]
    list_filter = ["statut", "semestre"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["libelle", "campagne", "type", "etat", "transmise_le", "apres_gel"]
    list_filter = ["etat", "type", "campagne"]


@admin.register(Erratum)
class ErratumAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "campagne", "cree_le"]
