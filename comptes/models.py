import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from comptes.enums import OrganisationType, Role, TypeEvenement


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. What they see comes from memberships."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_staff = models.BooleanField(
        "accès à l'administration",
        default=False,
        help_text="Permet de se connecter à l'interface d'administration technique.",
    )
    is_active = models.BooleanField("actif", default=True)
    date_joined = models.DateTimeField("date d'inscription", default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class OrganisationQuerySet(models.QuerySet):
    def with_territory(self):
        return self.select_related("region", "epci").prefetch_related("departements")

    def of_region(self, region_code):
        """The organisations of a région (a code, or an expression giving one): by their région, their
        départements, their EPCI or their communes."""
        in_region = self.filter(
            Q(region__code=region_code)
            | Q(departements__region__code=region_code)
            | Q(epci__communes__departement__region__code=region_code)
            | Q(communes__departement__region__code=region_code)
        )
        return self.filter(pk__in=in_region.values("pk"))

    def of_region_of(self, departement_id):
        """The organisations of the région of a département (in the same query: no lookup of the région)."""
        from territoires.models import Departement

        return self.of_region(Subquery(Departement.objects.filter(pk=departement_id).values("region__code")[:1]))


class Organisation(models.Model):
    """An ARS office, a collectivité, a CPTS/MSP porteur, the comité d'évaluation or an institutional partner
    (Assurance maladie, URPS) invited to co-instruct dossiers of the départements it covers."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField("type", max_length=20, choices=OrganisationType.choices)
    nom = models.CharField("nom", max_length=200)
    siren = models.CharField("SIREN", max_length=9, blank=True)
    email = models.EmailField("e-mail de contact", blank=True)
    region = models.ForeignKey(
        "territoires.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text="Région de compétence (siège de l'ARS, comité d'évaluation).",
        null=True,
        blank=True,
    )
    departements = models.ManyToManyField(
        "territoires.Departement",
        verbose_name="départements",
        related_name="organisations",
        blank=True,
        help_text="Départements couverts (délégation départementale, porteur, partenaire institutionnel).",
    )
    epci = models.ForeignKey(
        "territoires.EPCI",
        verbose_name="EPCI",
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text="Pour une collectivité intercommunale.",
    )
    communes = models.ManyToManyField(
        "territoires.Commune",
        verbose_name="communes",
        related_name="organisations",
        blank=True,
        help_text="Pour une commune ou un groupement sans EPCI unique.",
    )
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["type", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["type", "nom"], name="organisation_unique_type_nom"),
            models.CheckConstraint(
                condition=Q(siren="") | Q(siren__regex=r"^[0-9]{9}$"),
                name="organisation_siren_9_digits",
            ),
        ]

    def __str__(self):
        return self.nom

    def clean(self):
        super().clean()
        if self.type == OrganisationType.ARS_SIEGE and self.region_id is None:
            raise ValidationError({"region": "Le siège de l'ARS doit être rattaché à une région."})


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True, user__is_active=True)


class Membership(models.Model):
    """A user's role in one organisation. One row per (user, organisation)."""

    user = models.ForeignKey(User, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.LECTURE)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "appartenance"
        verbose_name_plural = "appartenances"
        ordering = ["organisation__nom"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_organisation"),
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class EvenementAuditQuerySet(models.QuerySet):
    def with_list_data(self):
        return self.select_related("user").order_by("-created_at", "-pk")


class EvenementAudit(models.Model):
    """One line of the audit log: logins, failed logins, exports and downloads (written by comptes.audit)."""

    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)
    type = models.CharField("événement", max_length=20, choices=TypeEvenement.choices, db_index=True)
    user = models.ForeignKey(
        User, verbose_name="utilisateur", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.CharField("identifiant saisi", max_length=254, blank=True)
    ip = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    chemin = models.CharField("adresse", max_length=500, blank=True)
    detail = models.CharField("détail", max_length=500, blank=True)

    objects = EvenementAuditQuerySet.as_manager()

    class Meta:
        verbose_name = "événement du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.get_type_display()} {self.email}"


class IdentiteRegionale(models.Model):
    """How the portal presents one ARS: its name in the DSFR header (bloc-marque), contact addresses, the sender of
    its e-mails and what its legal pages say. One row per région; a région without a row gets names derived from
    the référentiel des régions, every other value marked « à confirmer »."""

    region = models.OneToOneField(
        "territoires.Region", verbose_name="région", on_delete=models.PROTECT, related_name="identite"
    )
    nom = models.CharField(
        "nom de l'agence", max_length=200, help_text="« Agence régionale de santé <Région> », dans l'en-tête."
    )
    adresse = models.TextField("adresse postale du siège", blank=True)
    email_contact = models.EmailField("e-mail de contact", blank=True)
    email_expediteur = models.EmailField(
        "adresse d'expédition des e-mails", blank=True, help_text="Vide : l'adresse nationale du portail."
    )
    email_dpo = models.EmailField("e-mail du délégué à la protection des données", blank=True)
    telephone = models.CharField("téléphone", max_length=30, blank=True)
    site_web = models.URLField("site de l'agence", blank=True)
    directeur_publication = models.CharField("directeur·rice de la publication", max_length=200, blank=True)
    a_confirmer = models.BooleanField(
        "à confirmer",
        default=True,
        help_text="Cochée tant qu'une valeur n'est pas vérifiée auprès de l'agence : les pages l'indiquent.",
    )
    source = models.CharField("source", max_length=300, blank=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "identité régionale"
        verbose_name_plural = "identités régionales"
        ordering = ["region__code"]

    def __str__(self):
        return self.nom

    @property
    def nom_court(self) -> str:
        """« l'ARS Bretagne »."""
        return "l'ARS " + self.nom.removeprefix("Agence régionale de santé").strip()

    @property
    def region_nom(self) -> str:
        return self.nom.removeprefix("Agence régionale de santé").strip()
