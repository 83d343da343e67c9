"""The registers in the admin: read-only consultation with their history (they are kept on the portal pages,
where the scope, the zone computation and the ledger apply); the read log and the imports, read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registres import models


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model in (
    models.MaitreStage,
    models.OffreLogement,
    models.SiteTelemedecine,
    models.ProtocoleCooperation,
    models.ContratAide,
    models.ConsultationAvancee,
    models.OrganisationSoins,
    models.Dac,
    models.Ght,
    models.ProjetTerritorial,
    models.MouvementMedecin,
    models.EffectifMedecins,
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (ReadOnlyAdmin,),
            {
                "list_display": ["__str__", "departement", "statut", "date_debut", "date_fin", "is_fictif"],
                "list_filter": ["statut", "is_fictif", "departement"],
                "list_select_related": True,
            },
        ),
    )


@admin.register(models.LectureDonnees)
class LectureDonneesAdmin(admin.ModelAdmin):
    list_display = ["le", "user", "registre", "action", "nombre", "chemin"]
    list_filter = ["registre", "action"]
    list_select_related = ["user"]
    search_fields = ["user__email", "chemin"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.ImportRegistre)
class ImportRegistreAdmin(admin.ModelAdmin):
    list_display = ["le", "registre", "fichier", "lignes", "par"]
    list_select_related = ["par"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
