from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cls.models import (
    Avenant,
    AxeStrategique,
    ContratLocalSante,
    EtapeTransition,
    FicheAction,
    FinancementIngenierie,
    LettreIntention,
    LigneBudget,
    RevueAnnuelle,
    Signataire,
    Thematique,
)


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "ordre"]


@admin.register(LettreIntention)
class LettreIntentionAdmin(SimpleHistoryAdmin):
    list_display = ["dossier", "population", "demande_ingenierie"]
    readonly_fields = ["dossier", "population"]


class EtapeInline(admin.TabularInline):
    model = EtapeTransition
    extra = 0
    can_delete = False
    readonly_fields = ["date", "at", "from_etape", "to_etape", "by", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContratLocalSante)
class ContratLocalSanteAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "porteur", "departement", "etape", "date_signature", "is_fictif"]
    list_filter = ["etape", "departement", "is_fictif"]
    search_fields = ["nom", "porteur__nom"]
    readonly_fields = ["departements"]
    inlines = [EtapeInline]

    def save_related(self, request, form, formsets, change):
        """The départements concerned follow the perimeter, whatever was edited here."""
        from cls.services.contrats import contrat_departements_sync

        super().save_related(request, form, formsets, change)
        contrat_departements_sync(form.instance)


class LigneBudgetInline(admin.TabularInline):
    model = LigneBudget
    extra = 0


@admin.register(FicheAction)
class FicheActionAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "intitule", "contrat", "statut", "date_fin"]
    list_filter = ["statut", "contrat__departement"]
    search_fields = ["intitule", "contrat__nom"]
    inlines = [LigneBudgetInline]


admin.site.register([Signataire, AxeStrategique, Avenant, RevueAnnuelle, FinancementIngenierie])
