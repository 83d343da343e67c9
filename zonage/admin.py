from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zonage.models import (
    Aide,
    AnnexeImport,
    ArreteDocument,
    ArreteTransition,
    ArreteZonage,
    Classement,
    Commentaire,
    Profession,
    ZoneCategorie,
)


class ZoneCategorieInline(admin.TabularInline):
    model = ZoneCategorie
    extra = 0


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "granularite", "ordre"]
    inlines = [ZoneCategorieInline]


@admin.register(Aide)
class AideAdmin(SimpleHistoryAdmin):
    """Amounts, durations and criteria are edited in the référentiel (code `referentiel_code`), not here."""

    list_display = ["code", "libelle", "financeur", "eligibilite", "valide_du", "valide_au", "a_confirmer"]
    list_filter = ["eligibilite", "financeur"]
    filter_horizontal = ["zones"]


class TransitionInline(admin.TabularInline):
    model = ArreteTransition
    extra = 0
    can_delete = False
    readonly_fields = ["de", "vers", "par", "le", "motif"]

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    """Metadata only: files are uploaded and downloaded through the permission-checked pages."""

    model = ArreteDocument
    extra = 0
    can_delete = False
    fields = ["type", "titre", "nom_original", "taille", "sha256", "depose_par", "depose_le"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ArreteZonage)
class ArreteZonageAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "profession", "region", "statut", "date_effet", "date_fin"]
    list_filter = ["profession", "statut"]
    readonly_fields = ["statut", "updated_by", "public_id"]
    inlines = [TransitionInline, DocumentInline]


@admin.register(Classement)
class ClassementAdmin(admin.ModelAdmin):
    list_display = ["arrete", "tvs", "commune", "zone", "apl"]
    list_select_related = ["arrete__profession", "tvs", "commune", "zone__profession"]
    raw_id_fields = ["arrete", "tvs", "commune"]


@admin.register(AnnexeImport)
class AnnexeImportAdmin(admin.ModelAdmin):
    list_display = ["arrete", "fichier", "lignes", "par", "le"]
    readonly_fields = ["arrete", "fichier", "lignes", "par", "le"]


@admin.register(Commentaire)
class CommentaireAdmin(admin.ModelAdmin):
    list_display = ["arrete", "auteur", "le"]
    readonly_fields = ["arrete", "auteur", "texte", "le"]
