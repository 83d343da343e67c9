from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from comptes.models import IdentiteRegionale, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__organisation__type"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["public_id", "last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "public_id"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "type", "siren", "is_active"]
    list_filter = ["type", "is_active", "departements"]
    search_fields = ["nom", "siren"]
    autocomplete_fields = ["epci", "communes"]
    filter_horizontal = ["departements"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation__type", "is_active"]
    search_fields = ["user__email", "organisation__nom"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(IdentiteRegionale)
class IdentiteRegionaleAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "region", "email_expediteur", "a_confirmer"]
    list_filter = ["a_confirmer"]
    search_fields = ["nom", "region__nom"]
    readonly_fields = ["updated_at"]
