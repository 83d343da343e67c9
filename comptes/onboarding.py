"""Opening a région on the portal (`manage.py ouvrir_region`): its ARS organisations, its identity, its
reference data and its first gestionnaire. Every step is idempotent: run it again, nothing is duplicated."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from comptes.enums import OrganisationType, Role
from comptes.models import IdentiteRegionale, Membership, Organisation, User
from comptes.selectors import identite_regionale, nom_derive
from config.typography import fr_de
from territoires.models import Departement, Region

A_CONFIRMER_NOTE = (
    "Reprise de la région de référence à l'ouverture de la région (ouvrir_region) : à confirmer par l'ARS."
)


@dataclass
class Ouverture:
    """What `region_open` created (the counts are of rows created by this run, not of rows found)."""

    region: Region
    siege: Organisation
    delegations: list[Organisation] = field(default_factory=list)
    created_organisations: int = 0
    identite_created: bool = False
    parametres_copied: int = 0
    gestionnaire: User | None = None
    invitation_sent: bool = False


def _siege(region: Region) -> tuple[Organisation, bool]:
    existing = Organisation.objects.filter(type=OrganisationType.ARS_SIEGE, region=region).order_by("pk").first()
    if existing:
        return existing, False
    return Organisation.objects.get_or_create(
        type=OrganisationType.ARS_SIEGE, nom=f"ARS {region.nom} — siège", defaults={"region": region}
    )


def _delegation(region: Region, departement: Departement) -> tuple[Organisation, bool]:
    """The délégation covering exactly this département: the existing one (whatever its name), else a new one."""
    existing = (
        Organisation.objects.filter(type=OrganisationType.DELEGATION, departements=departement)
        .annotate(nb=Count("departements"))
        .filter(nb=1)
        .order_by("pk")
        .first()
    )
    if existing:
        return existing, False
    delegation, created = Organisation.objects.get_or_create(
        type=OrganisationType.DELEGATION,
        nom=f"ARS — délégation départementale {fr_de(departement)}",
        defaults={"region": region},
    )
    delegation.departements.add(departement)
    return delegation, created


def _identite(region: Region) -> bool:
    _, created = IdentiteRegionale.objects.get_or_create(
        region=region,
        defaults={
            "nom": nom_derive(region.nom),
            "a_confirmer": True,
            "source": "Créée par ouvrir_region : nom d'après le Code officiel géographique ; le reste est à confirmer.",
        },
    )
    return created


def _referentiel(region: Region) -> int:
    """Copy, for the keys the reference région fills but no national rule covers, its rows into the new région,
    marked « à confirmer » and « repris de ». National rules (région vide) already apply everywhere."""
    from referentiel.models import Parametre

    reference = settings.REFERENCE_REGION
    if region.code == reference:
        return 0
    national = set(Parametre.objects.filter(region_code="").values_list("domaine", "code", "cle"))
    own = set(Parametre.objects.filter(region_code=region.code).values_list("domaine", "code", "cle"))
    copied = 0
    for row in Parametre.objects.filter(region_code=reference, valide_au__isnull=True).order_by("pk"):
        key = (row.domaine, row.code, row.cle)
        if key in national or key in own:
            continue
        Parametre.objects.create(
            domaine=row.domaine,
            code=row.code,
            cle=row.cle,
            libelle=row.libelle,
            valeur=row.valeur,
            texte=row.texte,
            unite=row.unite,
            operateur=row.operateur,
            region_code=region.code,
            valide_du=row.valide_du,
            source=row.source,
            source_precision=row.source_precision,
            a_confirmer=True,
            note=A_CONFIRMER_NOTE,
            adopte_de=row,
        )
        own.add(key)
        copied += 1
    return copied


def _invite(user: User, identite) -> None:
    """The invitation e-mail: the password-reset link of comptes.forms, with the région's sender."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from comptes.forms import ResetPasswordForm

    context = {
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "user": user,
        "identite": identite,
        "site_name": settings.SITE_NAME,
    }
    ResetPasswordForm().send_mail(
        "comptes/emails/invitation_subject.txt",
        "comptes/emails/invitation.txt",
        context,
        identite.expediteur,
        user.email,
    )


@transaction.atomic
def region_open(*, code: str, gestionnaire_email: str = "", invite: bool = True) -> Ouverture:
    """Open a région whose geography is imported (`import_territoires --region <code>`)."""
    region = Region.objects.get(code=code)
    departements = list(Departement.objects.filter(region=region).order_by("code"))
    if not departements:
        raise ValueError(f"La région {code} n'a aucun département : importez d'abord sa géographie.")
    siege, created = _siege(region)
    result = Ouverture(region=region, siege=siege, created_organisations=int(created))
    for departement in departements:
        delegation, created = _delegation(region, departement)
        result.delegations.append(delegation)
        result.created_organisations += int(created)
    result.identite_created = _identite(region)
    result.parametres_copied = _referentiel(region)
    if gestionnaire_email:
        user, user_created = User.objects.get_or_create(email=gestionnaire_email.strip().lower())
        if user_created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        _, membership_created = Membership.objects.get_or_create(
            user=user, organisation=siege, defaults={"role": Role.GESTIONNAIRE}
        )
        result.gestionnaire = user
        if invite and (user_created or membership_created):
            _invite(user, identite_regionale(region_code=region.code))
            result.invitation_sent = True
    return result
