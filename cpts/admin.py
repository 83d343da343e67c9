from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cpts import models


@admin.register(models.Mission)
class MissionAdmin(SimpleHistoryAdmin):
    """The catalogue only: deadlines and amounts are rows of the register (« Référentiel »)."""

    list_display = ["libelle", "type", "valide_du", "valide_au", "source", "ordre"]
    list_select_related = ["source"]


@admin.register(models.CritereAciMsp)
class CritereAdmin(SimpleHistoryAdmin):
    """The catalogue only: points are rows of the register (« Référentiel »)."""

    list_display = ["libelle", "type", "valide_du", "valide_au", "ordre"]


@admin.register(models.ContratAnterieurAci)
class ContratAnterieurAciAdmin(SimpleHistoryAdmin):
    list_display = [
        "nom",
        "date_libelle",
        "date_signature",
        "region_code",
        "departement",
        "cpts",
        "source",
        "is_fictif",
    ]
    list_filter = ["region_code", "is_fictif"]
    list_select_related = ["departement", "cpts", "source"]
    autocomplete_fields = ["cpts"]
    search_fields = ["nom"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EtapeInline(ReadOnlyInline):
    model = models.EtapeCpts


class MissionInline(admin.TabularInline):
    model = models.MissionCpts
    extra = 0


@admin.register(models.Cpts)
class CptsAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "departement", "taille", "etape", "date_aci", "is_fictif"]
    list_filter = ["etape", "taille", "departement", "is_fictif"]
    search_fields = ["nom"]
    readonly_fields = ["public_id", "etape", "population", "taille", "taille_signature"]
    autocomplete_fields = ["communes"]
    inlines = [MissionInline, EtapeInline]


class SiteInline(admin.TabularInline):
    model = models.SiteMsp
    extra = 0
    autocomplete_fields = ["commune"]


class ProfessionnelInline(admin.TabularInline):
    model = models.ProfessionnelMsp
    extra = 0


class FinancementInline(admin.TabularInline):
    model = models.FinancementMsp
    extra = 0
    exclude = ["centre"]


class CritereMspInline(admin.TabularInline):
    model = models.CritereMsp
    extra = 0


@admin.register(models.Msp)
class MspAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "departement", "statut", "sisa", "date_sisa", "date_aci", "patientele", "is_fictif"]
    list_filter = ["statut", "departement", "sisa", "is_fictif"]
    search_fields = ["nom"]
    inlines = [SiteInline, ProfessionnelInline, CritereMspInline, FinancementInline]


class ProfessionnelCentreInline(admin.TabularInline):
    model = models.ProfessionnelCentre
    extra = 0


class FinancementCentreInline(admin.TabularInline):
    model = models.FinancementMsp
    fk_name = "centre"
    extra = 0
    exclude = ["msp"]


@admin.register(models.CentreSante)
class CentreSanteAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "sous_type", "gestionnaire_type", "finess", "departement", "statut", "date_ouverture"]
    list_filter = ["sous_type", "gestionnaire_type", "statut", "departement", "is_fictif"]
    search_fields = ["nom", "finess"]
    autocomplete_fields = ["commune"]
    inlines = [ProfessionnelCentreInline, FinancementCentreInline]


@admin.register(models.EquipeSoinsPrimaires)
class EquipeSoinsPrimairesAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "departement", "commune", "statut", "date_constitution", "nb_medecins_generalistes"]
    list_filter = ["statut", "departement", "is_fictif"]
    search_fields = ["nom"]
    autocomplete_fields = ["commune"]


@admin.register(models.RappelMission)
class RappelMissionAdmin(admin.ModelAdmin):
    list_display = ["mission", "echeance", "date_echeance", "palier", "envoye_le"]
    list_filter = ["echeance", "palier"]
    readonly_fields = ["mission", "echeance", "date_echeance", "palier", "envoye_le", "date_reference", "destinataires"]
