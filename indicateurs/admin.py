from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicateurs.models import (
    Avis,
    Baseline,
    Cible,
    ImportLot,
    Indicateur,
    IndicateurFiche,
    Perimetre,
    Recalcul,
    Valeur,
)


@admin.register(Indicateur)
class IndicateurAdmin(SimpleHistoryAdmin):
    list_display = ["code", "libelle", "priorite", "mode", "unite", "actif"]
    list_filter = ["priorite", "mode", "actif"]
    search_fields = ["code", "libelle"]


@admin.register(Perimetre)
class PerimetreAdmin(admin.ModelAdmin):
    list_display = ["libelle", "kind", "code", "departement"]
    list_filter = ["kind"]
    search_fields = ["libelle", "code"]


@admin.register(Baseline, Cible)
class RepereAdmin(SimpleHistoryAdmin):
    list_display = ["indicateur", "perimetre", "valeur", "periode", "source", "fictif"]
    list_filter = ["indicateur__priorite", "perimetre__kind", "fictif"]
    autocomplete_fields = ["indicateur", "perimetre"]


@admin.register(Valeur)
class ValeurAdmin(SimpleHistoryAdmin):
    list_display = ["indicateur", "perimetre", "periode", "valeur", "secret", "provenance", "saisi_par", "saisi_le"]
    list_filter = ["provenance", "periode", "perimetre__kind", "fictif"]
    search_fields = ["indicateur__code", "perimetre__libelle"]
    readonly_fields = ["saisi_par", "saisi_le", "lot", "provenance"]
    autocomplete_fields = ["indicateur", "perimetre"]


@admin.register(Avis)
class AvisAdmin(SimpleHistoryAdmin):
    list_display = ["indicateur", "periode", "auteur", "cree_le"]
    readonly_fields = ["indicateur", "periode", "texte", "auteur", "cree_le"]


@admin.register(ImportLot)
class ImportLotAdmin(admin.ModelAdmin):
    list_display = ["fichier", "importe_par", "importe_le", "nb_valeurs"]
    readonly_fields = ["fichier", "importe_par", "importe_le", "nb_valeurs"]


@admin.register(Recalcul)
class RecalculAdmin(admin.ModelAdmin):
    list_display = ["periode", "status", "demande_par", "cree_le", "termine_le"]
    readonly_fields = ["periode", "status", "demande_par", "resultats", "erreur", "cree_le", "termine_le"]


@admin.register(IndicateurFiche)
class IndicateurFicheAdmin(SimpleHistoryAdmin):
    list_display = ["indicateur", "fiche", "cible_valeur", "echeance", "created_by", "created_at"]
    list_filter = ["indicateur__priorite"]
    raw_id_fields = ["fiche"]
    autocomplete_fields = ["indicateur"]
    readonly_fields = ["created_by", "created_at"]
