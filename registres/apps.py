from django.apps import AppConfig


class RegistresConfig(AppConfig):
    name = "registres"
    verbose_name = "Registres du plan d'accès aux soins"

    def ready(self):
        from django.urls import reverse

        from financements.enums import Programme
        from financements.links import register_link
        from registres.catalogue import register_all

        register_all()
        register_link(
            Programme.CONTRAT_AIDE,
            lambda beneficiaire: reverse(
                "registres:detail", args=["contrats-aide", beneficiaire.contrat_aide.public_id]
            ),
        )
