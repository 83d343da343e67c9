from django.apps import AppConfig


class ZonageConfig(AppConfig):
    name = "zonage"
    verbose_name = "Zonage"

    def ready(self):
        from zonage.api import cache

        cache.connect()
