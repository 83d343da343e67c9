from django.core.management.base import BaseCommand, CommandError

from comptes.onboarding import region_open
from territoires.models import Region


class Command(BaseCommand):
    help = (
        "Ouvre une région sur le portail (idempotent) : siège et délégations départementales de l'ARS, identité "
        "régionale, valeurs du référentiel à confirmer et premier compte gestionnaire (e-mail d'invitation)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Code INSEE de la région (ex. 53 pour la Bretagne).")
        parser.add_argument("--gestionnaire", default="", help="Adresse e-mail du premier gestionnaire du siège.")
        parser.add_argument("--sans-invitation", action="store_true", help="Ne pas envoyer l'e-mail d'invitation.")

    def handle(self, *args, code, gestionnaire, sans_invitation, **options):
        try:
            result = region_open(code=code, gestionnaire_email=gestionnaire, invite=not sans_invitation)
        except Region.DoesNotExist as error:
            raise CommandError(f"Région {code} inconnue : importez d'abord sa géographie.") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Région {result.region.code} {result.region.nom} : {len(result.delegations)} délégation(s), "
            f"{result.created_organisations} organisation(s) créée(s), identité "
            f"{'créée' if result.identite_created else 'déjà présente'}, "
            f"{result.parametres_copied} valeur(s) du référentiel reprise(s) « à confirmer »"
            + (f", invitation envoyée à {result.gestionnaire.email}" if result.invitation_sent else "")
            + "."
        )
