"""The admin site: Django's, with French number input on every model form it builds.

Installed as `config.adminsite.AdminConfig` in place of `django.contrib.admin`, so every
`@admin.register` (today's and tomorrow's) and every inline goes through `FrenchNumbersAdmin`.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.db import models

from config.numbers import localize_field


class FrenchNumbersAdmin:
    """Mixed into every ModelAdmin and inline: number and date fields read French (`config.numbers`);
    URL fields assume https (Django 6's default, and no deprecation warning on every admin page)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return localize_field(field) if field is not None else None


def _french(admin_class):
    if issubclass(admin_class, FrenchNumbersAdmin):
        return admin_class
    return type(admin_class.__name__, (FrenchNumbersAdmin, admin_class), {"__module__": admin_class.__module__})


class AdminSite(admin.AdminSite):
    site_header = "Santé Territoires — administration"
    site_title = "Santé Territoires"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = _french(admin_class or admin.ModelAdmin)
        admin_class.inlines = [_french(inline) for inline in admin_class.inlines]
        super().register(model_or_iterable, admin_class, **options)


class AdminConfig(DjangoAdminConfig):
    default_site = "config.adminsite.AdminSite"
