from django.apps import AppConfig


class AccesSoinsConfig(AppConfig):
    name = "acces_soins"
    verbose_name = "Plan d’accès aux soins"

    def ready(self):
        from django.urls import reverse

        from financements.enums import Programme
        from financements.links import register_link

        register_link(
            Programme.FEUILLE_DE_ROUTE,
            lambda beneficiaire: reverse("acces_soins:action_detail", args=[beneficiaire.action_feuille.public_id]),
        )
