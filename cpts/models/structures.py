"""The registers of centres de santé and équipes de soins primaires (ESP): their own kinds, not MSP with a flag.

A centre de santé has salaried professionals, a gestionnaire (association, mutuelle, collectivité…), a FINESS
number and a subtype; the MSP rules (team minimum, SISA) do not apply to it. An ESP is a light coordinated team
around general practitioners. Both share the scope rules of the MSP register (`StructureQuerySet.visible_to`).
"""

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from comptes.perms import get_scope
from cpts.enums import GestionnaireCentre, Profession, StatutMsp, TypeCentreSante

# FINESS: 9 characters, the département (2 digits, or 2A / 2B) then 7 digits.
finess_validator = RegexValidator(
    r"^(\d{2}|2[AB])\d{7}$",
    "Un numéro FINESS compte 9 caractères : le département (2 chiffres, 2A ou 2B) et 7 chiffres.",
)


class StructureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Porteur : ses structures. Délégation : ses départements. Siège et comité : celles de leur région."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = get_scope(user)
        condition = Q(porteur_id__in=scope.porteur_ids)
        if scope.is_ars:
            condition |= Q(departement_id__in=scope.ars_departement_ids)
        if scope.is_comite:
            condition |= Q(departement__region__code__in=scope.comite_region_codes)
        return self.filter(condition)

    def with_list_data(self):
        return self.select_related("departement__region", "porteur", "commune")


class StructureSoins(models.Model):
    """What a centre de santé and an ESP share: identity, porteur, place, status."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    nom = models.CharField("nom", max_length=250)
    porteur = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="organisation porteuse",
        on_delete=models.PROTECT,
        related_name="%(class)s_set",
        null=True,
        blank=True,
    )
    departement = models.ForeignKey(
        "territoires.Departement", verbose_name="département", on_delete=models.PROTECT, related_name="%(class)s_set"
    )
    commune = models.ForeignKey(
        "territoires.Commune",
        verbose_name="commune",
        on_delete=models.PROTECT,
        related_name="%(class)s_set",
        null=True,
        blank=True,
        help_text="Commune du site principal.",
    )
    statut = models.CharField("statut", max_length=20, choices=StatutMsp.choices, default=StatutMsp.PROJET)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = StructureQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["departement__code", "nom"]

    def __str__(self):
        return self.nom


class CentreSante(StructureSoins):
    """A centre de santé (L6323-1 CSP): salaried professionals, a gestionnaire, a FINESS number."""

    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centre_sante",
        editable=False,
    )
    # Blank only for centres taken over from the former MSP register, where neither was recorded.
    sous_type = models.CharField("type de centre", max_length=20, choices=TypeCentreSante.choices, blank=True)
    gestionnaire_type = models.CharField(
        "type de gestionnaire", max_length=30, choices=GestionnaireCentre.choices, blank=True
    )
    gestionnaire_nom = models.CharField("gestionnaire", max_length=250, blank=True)
    finess = models.CharField(
        "numéro FINESS", max_length=9, blank=True, validators=[finess_validator], help_text="9 caractères."
    )
    adresse = models.CharField("adresse", max_length=250, blank=True)
    date_ouverture = models.DateField("ouvert le", null=True, blank=True)
    date_fermeture = models.DateField("fermé le", null=True, blank=True)
    date_projet_sante = models.DateField("projet de santé transmis le", null=True, blank=True)
    date_accord_national = models.DateField("adhésion à l'accord national le", null=True, blank=True)
    note = models.TextField("note", blank=True)

    history = HistoricalRecords()

    class Meta(StructureSoins.Meta):
        verbose_name = "centre de santé"
        verbose_name_plural = "centres de santé"
        constraints = [
            models.UniqueConstraint(fields=["finess"], condition=~Q(finess=""), name="cpts_centre_finess_unique"),
            models.CheckConstraint(
                condition=Q(date_fermeture__isnull=True)
                | Q(date_ouverture__isnull=True)
                | Q(date_fermeture__gt=F("date_ouverture")),
                name="cpts_centre_dates_ordered",
            ),
        ]


class EffectifProfession(models.Model):
    """How many professionals of one profession a structure has (MSP team, centre de santé staff)."""

    profession = models.CharField("profession", max_length=30, choices=Profession.choices)
    nombre = models.PositiveSmallIntegerField("nombre")

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.nombre} {self.get_profession_display()}"


class ProfessionnelCentre(EffectifProfession):
    centre = models.ForeignKey(CentreSante, on_delete=models.CASCADE, related_name="professionnels")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "professionnels du centre par profession"
        ordering = ["centre", "profession"]
        constraints = [models.UniqueConstraint(fields=["centre", "profession"], name="cpts_centre_profession_unique")]


class EquipeSoinsPrimaires(StructureSoins):
    """An équipe de soins primaires (L1411-11-1 CSP): professionals coordinated around general practitioners."""

    date_constitution = models.DateField("constituée le", null=True, blank=True)
    date_fin = models.DateField("dissoute le", null=True, blank=True)
    nb_medecins_generalistes = models.PositiveSmallIntegerField("médecins généralistes", default=0)
    nb_autres_professionnels = models.PositiveSmallIntegerField("autres professionnels de santé", default=0)
    objet = models.TextField("objet de la coordination", blank=True)

    history = HistoricalRecords()

    class Meta(StructureSoins.Meta):
        verbose_name = "équipe de soins primaires"
        verbose_name_plural = "équipes de soins primaires"
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_constitution__isnull=True)
                | Q(date_fin__gt=F("date_constitution")),
                name="cpts_esp_dates_ordered",
            ),
        ]
