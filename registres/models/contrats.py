"""The register of aid contracts (CAIM, COSCOM, COTRAM, CSTM, CESP, PTMG, aides L1511-8 des collectivités): the
beneficiary's practice commune, the zone in force on the day of signature (computed), amount, dates, funder; the
contracts funded by the ARS or a collectivité feed the funding ledger (`registres.services.ledger`)."""

from django.db import models
from django.db.models import Q

from config.typography import fr_date
from registres.enums import Financeur
from registres.models.base import EntreeRegistre, ZoneALaDate
from registres.models.structures import rpps_validator

# The aids of the zonage catalogue (zonage.Aide codes) that are signed as individual contracts.
AIDES_CONTRATS = ("CAIM", "COSCOM", "COTRAM", "CSTM", "CESP", "PTMG", "L1511-8")


class ContratAide(EntreeRegistre, ZoneALaDate):
    """One aid contract signed by a health professional (or a student, for the CESP)."""

    DATE_ZONE = "date_signature"

    aide = models.ForeignKey(
        "zonage.Aide",
        verbose_name="aide",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code__in": AIDES_CONTRATS},
    )
    beneficiaire_nom = models.CharField("bénéficiaire", max_length=200, blank=True)
    rpps = models.CharField("numéro RPPS", max_length=11, blank=True, validators=[rpps_validator])
    date_signature = models.DateField("signé le")
    montant = models.DecimalField(
        "montant prévu (€)", max_digits=12, decimal_places=2, null=True, blank=True, help_text="Sur toute la durée."
    )
    financeur = models.CharField("financeur", max_length=20, choices=Financeur.choices)
    financeur_nom = models.CharField(
        "organisme financeur", max_length=200, blank=True, help_text="Nom de la collectivité qui finance, par exemple."
    )
    enveloppe = models.ForeignKey(
        "financements.Enveloppe",
        verbose_name="enveloppe de l'ARS",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Pour un contrat financé par l'ARS : l'enveloppe sur laquelle le montant est engagé.",
    )
    # The ledger's record of this contract (financements.Beneficiaire), for the funders the ledger follows.
    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contrat_aide",
        editable=False,
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "contrat d'aide"
        verbose_name_plural = "contrats d'aide"
        ordering = ["departement__code", "-date_signature", "-pk"]
        constraints = [
            *EntreeRegistre.Meta.constraints,
            models.CheckConstraint(
                condition=Q(montant__isnull=True) | Q(montant__gte=0), name="registres_contrat_montant"
            ),
            models.CheckConstraint(
                condition=Q(enveloppe__isnull=True) | Q(financeur=Financeur.ARS),
                name="registres_contrat_enveloppe_ars",
                violation_error_message="Seul un contrat financé par l'ARS est engagé sur une enveloppe.",
            ),
        ]

    @property
    def libelle(self) -> str:
        where = self.commune.nom if self.commune_id else self.departement.code
        return f"{self.aide.code} signé le {fr_date(self.date_signature)} — {where}"

    @property
    def zone_ouvre_aide(self) -> bool | None:
        """Whether the zone at signature opens this aid (None when no arrêté covered the commune that day)."""
        if self.zone_id is None:
            return None
        return self.aide.zones.filter(pk=self.zone_id).exists()
