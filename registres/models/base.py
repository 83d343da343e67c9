"""What every register entry shares: territory, dates, status, source, attachments, history, scope.

A register's model subclasses `EntreeRegistre` and declares only its own fields; its declaration
(`registres.declarations.Registre`) gives the pages, the import, the export, the map and the API.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from comptes.perms import get_scope
from config.typography import fr_datetime
from config.uploads import private_upload_path
from registres.enums import ActionLecture, Statut


def scope_filter(scope) -> Q:
    """THE scope rule of the registers, as a filter on `departement`.

    An ARS agent: the départements where it acts (its siège's région, its délégation's départements). The
    comité d'évaluation: the départements of its région. Anyone else: nothing (an empty filter)."""
    condition = Q(pk__in=[])
    if scope.is_ars:
        condition |= Q(departement_id__in=scope.ars_departement_ids)
    if scope.is_comite:
        condition |= Q(departement__region__code__in=scope.comite_region_codes)
    return condition


class EntreeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Siège : les entrées de sa région ; délégation : de ses départements ; comité : de sa région ;
        autres : aucune."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(scope_filter(get_scope(user)))

    def en_cours(self, on):
        """Entries in force on a date: started (or no start date), not ended, not a project."""
        return (
            self.exclude(statut=Statut.PROJET)
            .filter(Q(date_debut__isnull=True) | Q(date_debut__lte=on))
            .filter(Q(date_fin__isnull=True) | Q(date_fin__gte=on))
        )

    def in_perimetre(self, *, region=None, departement=None):
        if departement is not None:
            return self.filter(departement=departement)
        if region is not None:
            return self.filter(departement__region=region)
        return self


class EntreeRegistre(models.Model):
    """One structure or event of a register."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    departement = models.ForeignKey(
        "territoires.Departement", verbose_name="département", on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "territoires.Commune", verbose_name="commune", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    communes = models.ManyToManyField(
        "territoires.Commune", verbose_name="périmètre (communes)", related_name="%(class)s_perimetre+", blank=True
    )
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)
    statut = models.CharField("statut", max_length=10, choices=Statut.choices, default=Statut.ACTIF)
    source = models.CharField(
        "source", max_length=250, help_text="D'où vient l'information : liste de la faculté, arrêté, convention…"
    )
    note = models.TextField("note", blank=True)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords(inherit=True, excluded_fields=["created_at", "updated_at"])

    objects = EntreeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["departement__code", "-date_debut", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_debut__isnull=True)
                | Q(date_fin__gte=models.F("date_debut")),
                name="%(app_label)s_%(class)s_dates_ordonnees",
                violation_error_message="La date de fin précède la date de début.",
            ),
        ]

    def __str__(self):
        return self.libelle

    @property
    def libelle(self) -> str:
        """How the entry is named in lists and links: never a personal datum (a register with names overrides it)."""
        return getattr(self, "nom", "") or f"{self._meta.verbose_name} {self.public_id}"

    @property
    def registre(self):
        from registres.declarations import registre_of_model

        return registre_of_model(type(self))


class ZoneALaDate(models.Model):
    """A register whose entries carry the zonage zone in force at one of their dates (`DATE_ZONE`),
    computed from the arrêté in force that day (never typed)."""

    DATE_ZONE = "date_debut"

    zone = models.ForeignKey(
        "zonage.ZoneCategorie",
        verbose_name="zone (calculée)",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    arrete_zonage = models.ForeignKey(
        "zonage.ArreteZonage",
        verbose_name="arrêté de zonage appliqué",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        abstract = True


class Document(models.Model):
    """An attachment of any register entry, stored privately under a random name."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    entree = GenericForeignKey("content_type", "object_id")
    titre = models.CharField("titre", max_length=200)
    fichier = models.FileField("fichier", upload_to=private_upload_path, max_length=200)
    nom_original = models.CharField("nom du fichier déposé", max_length=255)
    type_contenu = models.CharField("type", max_length=120)
    taille = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    ajoute_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    ajoute_le = models.DateTimeField("déposé le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "document d'un registre"
        verbose_name_plural = "documents des registres"
        ordering = ["-ajoute_le", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="registres_document_entree_idx")]

    def __str__(self):
        return self.titre


class LectureDonnees(models.Model):
    """One read of personal data of a register (list, fiche, export, API): who, when, what."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.RESTRICT, related_name="+"
    )
    registre = models.CharField("registre", max_length=60)
    action = models.CharField("action", max_length=10, choices=ActionLecture.choices)
    nombre = models.PositiveIntegerField("entrées lues", default=0)
    objets = models.JSONField("identifiants lus", default=list, blank=True)
    chemin = models.CharField("adresse", max_length=500, blank=True)
    le = models.DateTimeField("le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "lecture de données personnelles"
        verbose_name_plural = "journal des lectures de données personnelles"
        ordering = ["-le", "-pk"]

    def __str__(self):
        return f"{self.user} — {self.registre} ({self.get_action_display()}) le {fr_datetime(self.le)}"


class ImportRegistre(models.Model):
    """One CSV/XLSX file imported into a register, all or nothing."""

    registre = models.CharField("registre", max_length=60)
    fichier = models.CharField("fichier", max_length=255)
    lignes = models.PositiveIntegerField("lignes importées")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    le = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "import dans un registre"
        verbose_name_plural = "imports dans les registres"
        ordering = ["-le", "-pk"]

    def __str__(self):
        return f"{self.fichier} → {self.registre} ({self.lignes})"
