from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cpts import models


@admin.register(models.ParametreCpts)
class ParametreAdmin(SimpleHistoryAdmin):
    list_display = ["code", "valeur", "valide_du", "valide_au", "source", "a_confirmer"]
    list_filter = ["code", "a_confirmer"]


@admin.register(models.SeuilTaille)
class SeuilTailleAdmin(SimpleHistoryAdmin):
    list_display = ["taille", "population_min", "valide_du", "valide_au", "source"]


@admin.register(models.Mission)
class MissionAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "type", "delai_demarrage_mois", "delai_deploiement_mois", "ordre"]


class BaremeLigneInline(admin.TabularInline):
    model = models.BaremeLigne
    extra = 0


@admin.register(models.BaremeAci)
class BaremeAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "valide_du", "valide_au", "a_confirmer"]
    inlines = [BaremeLigneInline]


@admin.register(models.CritereAciMsp)
class CritereAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "type", "points", "valide_du", "a_confirmer"]


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
    readonly_fields = ["public_id", "etape", "population", "taille"]
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


@admin.register(models.Msp)
class MspAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "type", "departement", "statut", "sisa", "date_aci", "is_fictif"]
    list_filter = ["type", "statut", "departement", "is_fictif"]
    search_fields = ["nom"]
    inlines = [SiteInline, ProfessionnelInline, FinancementInline]


@admin.register(models.RappelMission)
class RappelMissionAdmin(admin.ModelAdmin):
    list_display = ["mission", "echeance", "date_echeance", "palier", "envoye_le"]
    list_filter = ["echeance", "palier"]
    readonly_fields = ["mission", "echeance", "date_echeance", "palier", "envoye_le", "date_reference", "destinataires"]
