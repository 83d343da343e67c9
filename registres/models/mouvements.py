"""The register of doctor movements per délégation: installations, departures and retirements, with the zone and
the TVS of the commune on the date (computed) and the aid contracts signed. Personal data are minimised: RPPS,
names and birth year are optional, shown only to the délégation and the siège, every read is logged and they are
erased after the retention period of the référentiel (`registres.services.purge`)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from config.typography import fr_date
from registres.enums import ModeExercice, ProfessionMedecin, TypeMouvement
from registres.models.base import EntreeRegistre, ZoneALaDate
from registres.models.structures import rpps_validator


class MouvementMedecin(EntreeRegistre, ZoneALaDate):
    """One installation, departure or retirement (`date_debut` is the date of the movement)."""

    type_mouvement = models.CharField("mouvement", max_length=15, choices=TypeMouvement.choices)
    profession = models.CharField(
        "profession", max_length=15, choices=ProfessionMedecin.choices, default=ProfessionMedecin.GENERALISTE
    )
    specialite = models.CharField("spécialité", max_length=100, blank=True, help_text="Pour un médecin spécialiste.")
    mode = models.CharField("mode d'exercice", max_length=10, choices=ModeExercice.choices)
    tvs = models.ForeignKey(
        "territoires.TerritoireVieSante",
        verbose_name="territoire de vie-santé (calculé)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    rpps = models.CharField("numéro RPPS", max_length=11, blank=True, validators=[rpps_validator])
    nom = models.CharField("nom", max_length=150, blank=True)
    prenom = models.CharField("prénom", max_length=150, blank=True)
    annee_naissance = models.PositiveSmallIntegerField(
        "année de naissance",
        null=True,
        blank=True,
        validators=[MinValueValidator(1920), MaxValueValidator(2010)],
        help_text="L'année seule suffit pour repérer les médecins de 60 ans et plus.",
    )
    aides = models.ManyToManyField(
        "registres.ContratAide", verbose_name="contrats d'aide signés", related_name="mouvements", blank=True
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "mouvement de médecin"
        verbose_name_plural = "mouvements de médecins"

    @property
    def libelle(self) -> str:
        where = self.commune.nom if self.commune_id else self.departement.code
        when = f" le {fr_date(self.date_debut)}" if self.date_debut else ""
        return f"{self.get_type_mouvement_display()} — {where}{when}"

    def age_en(self, year: int) -> int | None:
        return None if self.annee_naissance is None else year - self.annee_naissance
