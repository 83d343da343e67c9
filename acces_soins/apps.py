from django.apps import AppConfig


class AccesSoinsConfig(AppConfig):
    name = "acces_soins"
    verbose_name = "Plan d’accès aux soins"
