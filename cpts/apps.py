from django.apps import AppConfig


def msp_or_centre_url(beneficiaire) -> str:
    """The programme « MSP / centre de santé » of the ledger covers two registers."""
    from django.urls import reverse

    if hasattr(beneficiaire, "centre_sante"):
        return reverse("cpts:centre_detail", args=[beneficiaire.centre_sante.public_id])
    return reverse("cpts:msp_detail", args=[beneficiaire.msp.public_id])


class CptsConfig(AppConfig):
    name = "cpts"
    verbose_name = "CPTS et MSP"

    def ready(self):
        from django.urls import reverse

        from comptes.enums import OrganisationType
        from cpts.forms import LettreForm, NouvelleLettreForm, ProjetForm
        from cpts.services import lettres, projets
        from cpts.views.projets import breadcrumb as projet_breadcrumb
        from financements.enums import Programme
        from financements.links import register_link
        from instruction.kinds import DossierKind, Section, register
        from instruction.services import partners_covering

        register_link(Programme.CPTS, lambda b: reverse("cpts:detail", args=[b.cpts.public_id]))
        register_link(Programme.MSP, msp_or_centre_url)

        # What both filings share: filed by a porteur, about a CPTS, instructed from the CPTS list.
        common = {
            "content": "",
            "heading": lambda content: content.cpts.nom,
            "subject": lambda content: content.cpts.nom,
            "population": lambda content: content.cpts.population,
            "instruction_list": "cpts:instruction_list",
            "select_related": ("cpts",),
        }
        register(
            DossierKind(
                **{**common, "content": "lettre_cpts"},
                code=lettres.KIND,
                label="Lettre d'intention de CPTS",
                reference_prefix="CPTS",
                receipt_lines=lettres.lettre_receipt_lines,
                submit_check=lettres.lettre_submit_check,
                departement_of=lettres.lettre_departement,
                on_filed=lettres.lettre_filed,
                on_accepted=lettres.lettre_accepted,
                # Instructed jointly by the ARS, the Assurance maladie and the URPS (issue 6 §1).
                co_instruction=partners_covering,
                avis_required=True,
                urls="cpts:lettre",
                noun="lettre d'intention",
                submit_label="Déposer la lettre d'intention",
                filed_message="Votre lettre d'intention est déposée. L'accusé de dépôt est disponible.",
                form_class=LettreForm,
                form_kwargs=lambda lettre: {"departement": lettre.cpts.departement},
                sections=(
                    Section("territoire", "Territoire", fields=("epcis", "communes")),
                    Section(
                        "projet",
                        "Diagnostic, partenaires et orientations",
                        fields=("diagnostic", "partenaires", "orientations", "orientations_detail", "calendrier"),
                    ),
                    Section("contact", "Contact", fields=("contact_nom", "contact_email", "contact_telephone")),
                    Section("pieces", "Pièces jointes", fields=("lettre_signee", "annexe"), pieces=True),
                ),
                update=lambda lettre, **data: lettres.lettre_update_draft(lettre=lettre, **data),
                deposant_types=(OrganisationType.PORTEUR,),
                list_title="Mes lettres d'intention de CPTS",
                create=lettres.lettre_create,
                create_form=NouvelleLettreForm,
                create_label="Rédiger une lettre d'intention",
                templates={
                    "summary": "cpts/includes/_lettre_demande.html",
                    "header": "cpts/includes/_depot_cpts.html",
                    "intro": "cpts/includes/_lettre_intro.html",
                },
                page_context=lambda request, lettre, context: {"territoire": lettres.territoire_label(lettre)},
            )
        )
        register(
            DossierKind(
                **{**common, "content": "projet_cpts"},
                code=projets.KIND,
                label="Projet de santé CPTS",
                reference_prefix="PS-CPTS",
                receipt_lines=projets.projet_receipt_lines,
                submit_check=projets.projet_submit_check,
                departement_of=projets.projet_departement,
                on_filed=projets.projet_filed,
                on_accepted=projets.projet_accepted,
                urls="cpts:projet",
                noun="projet de santé",
                submit_label="Déposer le projet de santé",
                filed_message="Votre projet de santé est déposé. L'accusé de dépôt est disponible.",
                form_class=ProjetForm,
                sections=(
                    Section("diagnostic", "Diagnostic du territoire", fields=("diagnostic",)),
                    Section("missions", "Missions engagées", fields=("missions", "actions")),
                    Section(
                        "gouvernance",
                        "Organisation, gouvernance et calendrier",
                        fields=("gouvernance", "professionnels", "calendrier"),
                    ),
                    Section(
                        "pieces", "Le projet de santé et ses annexes", fields=("projet_sante", "annexe"), pieces=True
                    ),
                ),
                update=lambda projet, **data: projets.projet_update_draft(projet=projet, **data),
                deposant_types=(OrganisationType.PORTEUR,),
                templates={
                    "summary": "cpts/includes/_projet_demande.html",
                    "header": "cpts/includes/_depot_cpts.html",
                    "intro": "cpts/includes/_projet_intro.html",
                },
                breadcrumb=projet_breadcrumb,
            )
        )
