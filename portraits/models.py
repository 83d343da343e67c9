"""A portrait de territoire rendered as a PDF by the worker (`config.production`), for one perimeter and audience."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from config.production import ProductionJob
from portraits.enums import Audience, NiveauPerimetre


def portrait_file_path(instance, filename):
    return f"portraits/{instance.public_id}-{uuid.uuid4().hex[:8]}.pdf"


class PortraitPdfQuerySet(models.QuerySet):
    def en_production(self):
        return self.filter(statut__in=["en_attente", "en_cours"])


class PortraitPdf(ProductionJob):
    """One PDF of a portrait: the perimeter (as its permalink), the audience it was drawn for, the frozen snapshot.

    Reached by its public identifier only (unguessable): an ARS portrait is downloaded by ARS agents competent for
    its perimeter and by who asked for it, a public one by whoever holds its link. The same perimeter, audience and
    day share one row (no duplicate production)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    niveau = models.CharField("niveau", max_length=12, choices=NiveauPerimetre.choices)
    code = models.TextField(
        "code du périmètre", help_text="Code INSEE, SIREN, code TVS, identifiant, ou liste de codes."
    )
    libelle = models.CharField("périmètre", max_length=250)
    audience = models.CharField("audience", max_length=8, choices=Audience.choices)
    jour = models.DateField("jour des données")
    regions = models.JSONField("régions du périmètre (identifiants)", default=list)
    departements = models.JSONField("départements du périmètre (identifiants)", default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField("instantané", null=True, blank=True, editable=False)
    fichier = models.FileField("PDF", upload_to=portrait_file_path, blank=True)

    objects = PortraitPdfQuerySet.as_manager()

    class Meta:
        verbose_name = "portrait de territoire (PDF)"
        verbose_name_plural = "portraits de territoire (PDF)"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="portraitpdf_progress_max_100"),
        ]
        indexes = [models.Index(fields=["niveau", "audience", "jour"], name="portraitpdf_lookup_idx")]

    def __str__(self):
        return f"Portrait — {self.libelle} ({self.jour:%d/%m/%Y})"

    @property
    def download_name(self) -> str:
        return f"portrait-{self.niveau}-{self.jour:%Y%m%d}.pdf"
