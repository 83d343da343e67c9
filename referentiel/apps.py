from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReferentielConfig(AppConfig):
    name = "referentiel"
    verbose_name = "Référentiel des règles et valeurs"

    def ready(self):
        from referentiel.seed import create_missing

        post_migrate.connect(create_missing, sender=self, dispatch_uid="referentiel_create_missing")
