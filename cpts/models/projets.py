"""The projet de santé filed online (an instruction.Dossier kind) and the log of mission reminders."""

from django.db import models
from simple_history.models import HistoricalRecords

from cpts.enums import TypeEcheance
from cpts.models.catalogue import Mission
from cpts.models.cpts import Cpts, MissionCpts


class ProjetSanteCpts(models.Model):
    """The CPTS-specific content of a projet de santé (instruction.Dossier of kind « cpts_projet »)."""

    dossier = models.OneToOneField(
        "instruction.Dossier", on_delete=models.CASCADE, related_name="projet_cpts", primary_key=True
    )
    cpts = models.ForeignKey(Cpts, verbose_name="CPTS", on_delete=models.CASCADE, related_name="projets")
    diagnostic = models.TextField(
        "synthèse du diagnostic territorial",
        blank=True,
        help_text="Besoins de santé, offre de soins, difficultés d'accès constatées sur le territoire.",
    )
    missions = models.ManyToManyField(Mission, verbose_name="missions engagées", blank=True, related_name="+")
    actions = models.TextField(
        "actions prévues pour chaque mission",
        blank=True,
        help_text="Pour chaque mission engagée : objectifs, actions et indicateurs de suivi.",
    )
    gouvernance = models.TextField(
        "organisation et gouvernance",
        blank=True,
        help_text="Forme juridique, instances, coordination, professionnels adhérents.",
    )
    professionnels = models.PositiveIntegerField("professionnels de santé adhérents", null=True, blank=True)
    calendrier = models.TextField("calendrier de mise en œuvre", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "projet de santé de CPTS"
        verbose_name_plural = "projets de santé de CPTS"

    def __str__(self):
        return str(self.dossier)


class RappelMission(models.Model):
    """One reminder e-mail sent for a mission deadline: at most one per mission, deadline, date and step."""

    mission = models.ForeignKey(MissionCpts, on_delete=models.CASCADE, related_name="rappels")
    echeance = models.CharField("échéance", max_length=15, choices=TypeEcheance.choices)
    date_echeance = models.DateField("date de l'échéance")
    palier = models.CharField("palier", max_length=10, help_text="« J-30 », « J-7 »… ou « retard ».")
    envoye_le = models.DateTimeField("envoyé le", auto_now_add=True)
    date_reference = models.DateField("journée de traitement")
    destinataires = models.JSONField("destinataires", default=list)

    class Meta:
        verbose_name = "rappel d'échéance de mission"
        verbose_name_plural = "rappels d'échéance de mission"
        ordering = ["-envoye_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "echeance", "date_echeance", "palier"], name="cpts_rappel_unique_palier"
            ),
        ]

    def __str__(self):
        return f"{self.mission} — {self.get_echeance_display()} {self.palier}"
