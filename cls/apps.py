from django.apps import AppConfig


class ClsConfig(AppConfig):
    name = "cls"
    verbose_name = "Contrats locaux de santé"

    def ready(self):
        from django.urls import reverse

        from cls.forms import LettreForm
        from cls.services import lettres
        from cls.views import lettres as pages
        from comptes.enums import OrganisationType
        from financements.enums import Programme
        from financements.links import register_link
        from instruction.kinds import DossierKind, Section, register

        register_link(
            Programme.CLS_INGENIERIE,
            lambda beneficiaire: reverse("cls:contrat_detail", args=[beneficiaire.cls_ingenierie.contrat.public_id]),
        )

        register(
            DossierKind(
                code=lettres.KIND,
                label="Lettre d'intention de contrat local de santé",
                reference_prefix="CLS",
                receipt_lines=lettres.lettre_receipt_lines,
                submit_check=lettres.lettre_submit_check,
                departement_of=lettres.lettre_departement,
                on_accepted=lettres.contrat_create_from_lettre,
                content="lettre_cls",
                urls="cls:lettre",
                noun="lettre d'intention",
                submit_label="Déposer la lettre d'intention",
                filed_message="Votre lettre d'intention est déposée. L'accusé de dépôt est disponible.",
                form_class=LettreForm,
                sections=(
                    Section(
                        "territoire",
                        "Territoire du contrat",
                        fields=("epcis", "communes"),
                        template="cls/includes/_lettre_territoire.html",
                    ),
                    Section(
                        "contacts",
                        "Contacts et portage politique",
                        fields=("contact_nom", "contact_email", "contact_telephone", "elu_nom", "elu_fonction"),
                    ),
                    Section(
                        "projet",
                        "Le projet",
                        fields=(
                            "motivations",
                            "thematiques",
                            "thematique_autre",
                            "partenaires",
                            "calendrier",
                            "demande_ingenierie",
                            "etp_souhaites",
                        ),
                    ),
                    Section("pieces", "Pièces jointes", fields=("lettre_signee", "annexe"), pieces=True),
                ),
                update=lambda lettre, **data: lettres.lettre_update_draft(lettre=lettre, **data),
                deposant_types=(OrganisationType.COLLECTIVITE,),
                list_title="Mes lettres d'intention de contrat local de santé",
                create=lettres.lettre_create,
                create_label="Rédiger une lettre d'intention",
                population=lambda lettre: lettre.population,
                templates={
                    "summary": "cls/includes/_lettre_demande.html",
                    "header": "cls/includes/_lettre_contrat.html",
                    "intro": "cls/includes/_lettre_intro.html",
                    "aside": "cls/includes/_lettre_aides.html",
                },
                form_context=pages.form_context,
                page_context=pages.page_context,
                instruction_list="cls:instruction_list",
                select_related=("contrat",),  # the contract opened once accepted, named under the title
            )
        )
