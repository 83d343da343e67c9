from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from referentiel.models import Parametre, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["titre", "auteur", "nature", "date_affichee", "region_code"]
    list_filter = ["nature", "region_code"]
    search_fields = ["titre", "auteur", "code"]


@admin.register(Parametre)
class ParametreAdmin(SimpleHistoryAdmin):
    list_display = ["domaine", "code", "cle", "region_code", "valeur_affichee", "valide_du", "valide_au", "a_confirmer"]
    list_filter = ["domaine", "region_code", "a_confirmer"]
    search_fields = ["code", "libelle", "note"]
    autocomplete_fields = ["source", "adopte_de"]
