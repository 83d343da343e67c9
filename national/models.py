"""The national synthesis PDF, produced once by the worker (`config.production`) from a frozen comparison."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from config.production import ProductionJob


def synthese_file_path(instance, filename):
    return f"national/synthese-{instance.public_id}-{uuid.uuid4().hex[:8]}.pdf"


class SyntheseNationale(ProductionJob):
    """One PDF of the comparison of the régions on a day, requested by a member of the ministry."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jour = models.DateField("jour des données")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField("instantané", null=True, blank=True, editable=False)
    fichier = models.FileField("PDF", upload_to=synthese_file_path, blank=True)

    class Meta:
        verbose_name = "synthèse nationale (PDF)"
        verbose_name_plural = "synthèses nationales (PDF)"
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="synthese_progress_max_100")]

    def __str__(self):
        return f"Synthèse nationale du {self.jour:%d/%m/%Y}"

    @property
    def download_name(self) -> str:
        return f"synthese-nationale-{self.jour:%Y%m%d}.pdf"
