from django.apps import AppConfig


class ClsConfig(AppConfig):
    name = "cls"
    verbose_name = "Contrats locaux de santé"
