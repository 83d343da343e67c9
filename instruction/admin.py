from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from instruction.models import (
    Annotation,
    Avis,
    CoInstructionEvent,
    Dossier,
    Message,
    Notification,
    Participation,
    Piece,
    Transition,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ["at", "from_etat", "to_etat", "by", "reason"]
    readonly_fields = fields


class PieceInline(ReadOnlyInline):
    model = Piece
    fields = ["categorie", "original_name", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class ParticipationInline(ReadOnlyInline):
    model = Participation
    fields = ["organisation", "invited_by", "invited_at", "automatique"]
    readonly_fields = fields


class AvisInline(ReadOnlyInline):
    model = Avis
    fields = ["organisation", "sens", "motivation", "author", "given_at"]
    readonly_fields = fields


class CoInstructionEventInline(ReadOnlyInline):
    model = CoInstructionEvent
    fields = ["at", "action", "organisation", "by", "detail"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "kind", "etat", "deposant", "departement", "referent", "deposee_le"]
    list_filter = ["kind", "etat", "departement"]
    search_fields = ["reference", "deposant__nom"]
    readonly_fields = [f.name for f in Dossier._meta.fields]
    inlines = [TransitionInline, ParticipationInline, AvisInline, CoInstructionEventInline, PieceInline]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["dossier", "evenement", "statut", "created_at", "sent_at"]
    list_filter = ["statut", "evenement"]
    readonly_fields = [
        "dossier",
        "evenement",
        "transition",
        "message",
        "organisation",
        "statut",
        "recipients",
        "created_at",
        "sent_at",
    ]


admin.site.register([Message, Annotation], admin.ModelAdmin)


@admin.register(Avis)
class AvisAdmin(SimpleHistoryAdmin):
    list_display = ["dossier", "organisation", "sens", "author", "given_at"]
    list_filter = ["sens", "organisation"]
    readonly_fields = ["dossier", "organisation", "author", "sens", "motivation", "given_at"]
