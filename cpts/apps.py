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

        from cpts.services import lettres, projets
        from cpts.views import lettres as lettre_views
        from cpts.views import projets as projet_views
        from financements.enums import Programme
        from financements.links import register_link
        from instruction.kinds import DossierKind, register
        from instruction.services import partners_covering

        register_link(Programme.CPTS, lambda b: reverse("cpts:detail", args=[b.cpts.public_id]))
        register_link(Programme.MSP, msp_or_centre_url)

        register(
            DossierKind(
                code=lettres.KIND,
                label="Lettre d'intention de CPTS",
                reference_prefix="CPTS",
                detail_url=lambda dossier: reverse("cpts:lettre_detail", args=[dossier.public_id]),
                receipt_lines=lettres.lettre_receipt_lines,
                submit_check=lettres.lettre_submit_check,
                departement_of=lettres.lettre_departement,
                render_page=lettre_views.render_dossier_page,
                on_accepted=lettres.lettre_accepted,
                # Instructed jointly by the ARS, the Assurance maladie and the URPS (issue 6 §1).
                co_instruction=partners_covering,
                avis_required=True,
            )
        )
        register(
            DossierKind(
                code=projets.KIND,
                label="Projet de santé CPTS",
                reference_prefix="PS-CPTS",
                detail_url=lambda dossier: reverse("cpts:projet_detail", args=[dossier.public_id]),
                receipt_lines=projets.projet_receipt_lines,
                submit_check=projets.projet_submit_check,
                departement_of=projets.projet_departement,
                render_page=projet_views.render_dossier_page,
                on_accepted=projets.projet_accepted,
            )
        )
