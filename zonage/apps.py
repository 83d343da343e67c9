from django.apps import AppConfig


class ZonageConfig(AppConfig):
    name = "zonage"
    verbose_name = "Zonage"
