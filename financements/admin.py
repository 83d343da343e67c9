from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from financements.models import Beneficiaire, Cofinancement, Engagement, Enveloppe, Paiement


@admin.register(Enveloppe)
class EnveloppeAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "financeur", "annee", "montant", "is_fictif"]
    list_filter = ["financeur", "annee"]
    filter_horizontal = ["departements"]
    readonly_fields = ["public_id", "created_by"]


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["beneficiaire", "enveloppe", "montant", "statut", "date_decision"]
    list_filter = ["statut", "enveloppe"]
    readonly_fields = ["public_id", "created_by"]

    def has_change_permission(self, request, obj=None):
        return False  # writes go through the services (over-commitment rule)


admin.site.register([Beneficiaire, Paiement, Cofinancement])
