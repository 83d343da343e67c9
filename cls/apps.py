from django.apps import AppConfig


class ClsConfig(AppConfig):
    name = "cls"
    verbose_name = "Contrats locaux de santé"

    def ready(self):
        from django.urls import reverse

        from cls.services import lettres
        from cls.views import lettres as lettre_views
        from financements.enums import Programme
        from financements.links import register_link
        from instruction.kinds import DossierKind, register

        register_link(
            Programme.CLS_INGENIERIE,
            lambda beneficiaire: reverse("cls:contrat_detail", args=[beneficiaire.cls_ingenierie.contrat.public_id]),
        )

        register(
            DossierKind(
                code=lettres.KIND,
                label="Lettre d'intention de contrat local de santé",
                reference_prefix="CLS",
                detail_url=lambda dossier: reverse("cls:lettre_detail", args=[dossier.public_id]),
                receipt_lines=lettres.lettre_receipt_lines,
                submit_check=lettres.lettre_submit_check,
                departement_of=lettres.lettre_departement,
                render_page=lettre_views.render_dossier_page,
                on_accepted=lettres.contrat_create_from_lettre,
            )
        )
