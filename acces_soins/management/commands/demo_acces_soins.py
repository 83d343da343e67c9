from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acces_soins.campagne.demo import create_demo_campagne
from acces_soins.demo import create_demo_bilan, create_demo_plan_follow_up
from acces_soins.enums import EtatContribution


class Command(BaseCommand):
    help = "Crée le suivi fictif du plan (séances du comité, statuts) et un bilan régional prêt. Démo seulement."

    def handle(self, *args, **options):
        if not getattr(settings, "IS_DEMO", False):
            raise CommandError(
                "Les données de démonstration ne peuvent être créées qu'avec les réglages de démonstration "
                "(config.settings.dev), jamais en production."
            )
        sessions = create_demo_plan_follow_up()
        bilan = create_demo_bilan()
        siege_user = self._siege_user()
        self.stdout.write(self.style.SUCCESS(f"Plan d'accès aux soins : {len(sessions)} séances fictives du comité."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Bilan {bilan.semestre} {bilan.perimetre_libelle} v{bilan.version} : {bilan.get_statut_display()}."
            )
        )
        if siege_user is None:
            self.stdout.write("Campagne de remontées non créée : aucun compte du siège (lancez « demo_comptes »).")
            return
        campagne = create_demo_campagne(siege_user=siege_user)
        etats = Counter(campagne.contributions.values_list("etat", flat=True))
        detail = ", ".join(f"{label.lower()} : {etats[etat]}" for etat, label in EtatContribution.choices)
        self.stdout.write(self.style.SUCCESS(f"Campagne de remontées {campagne.semestre} ouverte : {detail}."))

    def _siege_user(self):
        """The demo siège account (the campaign's opener and validator), or nobody when the siège has no member."""
        from comptes.enums import OrganisationType
        from comptes.models import Membership

        membership = (
            Membership.objects.filter(organisation__type=OrganisationType.ARS_SIEGE)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else None
