"""The semester reporting campaign (« campagne de remontées »): one per semester and région.

The siège opens it; the contributors are generated from the data (each CLS coordination, each CPTS porteur, each
délégation, each partner owning an indicator), each gets a `Contribution` made of pre-filled `LigneContribution`s;
a contribution moves brouillon → transmise → validée (by the délégation) → consolidée (by the siège), or back to
renvoyée with a reason, every move logged (`TransitionContribution`). Freezing stores the campaign's snapshot and
produces the bilans; a contribution transmitted after the freeze is recorded as a dated `Erratum`.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from acces_soins.enums import EtatContribution, OrigineGel, StatutCampagne, TypeContributeur
from acces_soins.models.plan import SEMESTRE_REGEX, semestre_field
from acces_soins.periods import Semestre


class CampagneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The siège sees the campaigns of its région, a délégation those of the région of its départements."""
        from acces_soins.perms import campagne_region_codes

        return self.filter(region_code__in=campagne_region_codes(user))

    def ouvertes(self):
        return self.filter(statut=StatutCampagne.OUVERTE)


class Campagne(models.Model):
    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    region_code = models.CharField("code INSEE de la région", max_length=3)
    semestre = semestre_field()
    date_cloture = models.DateField(
        "clôture des remontées", help_text="Dernier jour pour transmettre une contribution."
    )
    cloture_regle = models.CharField(
        "règle de la date de clôture",
        max_length=400,
        blank=True,
        help_text="D'où vient la date proposée (valeur du référentiel, sa source, « à confirmer »).",
    )
    statut = models.CharField("statut", max_length=10, choices=StatutCampagne.choices, default=StatutCampagne.OUVERTE)
    ouverte_le = models.DateTimeField("ouverte le", auto_now_add=True)
    ouverte_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ouverte par", on_delete=models.RESTRICT, null=True, related_name="+"
    )
    gelee_le = models.DateTimeField("gelée le", null=True, blank=True)
    gelee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gelée par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    origine_gel = models.CharField("origine du gel", max_length=14, choices=OrigineGel.choices, blank=True)
    snapshot = models.JSONField("instantané gelé", null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    objects = CampagneQuerySet.as_manager()

    class Meta:
        verbose_name = "campagne de remontées"
        verbose_name_plural = "campagnes de remontées"
        ordering = ["-semestre", "region_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "semestre"],
                name="campagne_unique_region_semestre",
                violation_error_message="Une campagne existe déjà pour cette région et ce semestre.",
            ),
            models.CheckConstraint(condition=Q(semestre__regex=SEMESTRE_REGEX), name="campagne_semestre_format"),
            models.CheckConstraint(
                condition=~Q(statut=StatutCampagne.GELEE) | (Q(gelee_le__isnull=False) & Q(snapshot__isnull=False)),
                name="campagne_gelee_a_un_instantane",
            ),
        ]

    def __str__(self):
        return f"Campagne de remontées {self.semestre} (région {self.region_code})"

    @property
    def semestre_obj(self) -> Semestre:
        return Semestre.parse(self.semestre)

    @property
    def est_gelee(self) -> bool:
        return self.statut == StatutCampagne.GELEE


class ContributionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contributors see their organisations' contributions; the ARS the ones of its scope (see perms)."""
        from acces_soins.perms import contribution_scope

        return self.filter(contribution_scope(user))

    def with_list_data(self):
        return self.select_related("campagne", "organisation", "departement")


class Contribution(models.Model):
    """What one contributor reports in one campaign (generated from the data when the campaign opens)."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    campagne = models.ForeignKey(
        Campagne, verbose_name="campagne", on_delete=models.CASCADE, related_name="contributions"
    )
    type = models.CharField("contributeur", max_length=12, choices=TypeContributeur.choices)
    organisation = models.ForeignKey(
        "comptes.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="contributions"
    )
    departement = models.ForeignKey(
        "territoires.Departement",
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Sa délégation valide la contribution ; vide : le siège (contributeur régional).",
    )
    objet_type = models.ForeignKey(
        ContentType,
        verbose_name="type de l'objet suivi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objet_id = models.PositiveBigIntegerField("objet suivi", default=0, help_text="0 : l'organisation elle-même.")
    libelle = models.CharField("contribution", max_length=300)
    etat = models.CharField("état", max_length=12, choices=EtatContribution.choices, default=EtatContribution.BROUILLON)
    motif = models.TextField("motif du dernier renvoi", blank=True)
    apres_gel = models.BooleanField(
        "transmise après le gel", default=False, help_text="Versée en erratum : hors des chiffres gelés."
    )
    transmise_le = models.DateTimeField("transmise le", null=True, blank=True)
    prerempli = models.JSONField("chiffres calculés", default=dict, blank=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords(excluded_fields=["prerempli"])

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = "contribution"
        verbose_name_plural = "contributions"
        ordering = ["campagne", "departement__code", "type", "libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["campagne", "type", "organisation", "objet_id"], name="contribution_unique_contributeur"
            ),
            models.CheckConstraint(
                condition=~Q(etat=EtatContribution.RENVOYEE) | ~Q(motif=""),
                name="contribution_renvoi_motive",
                violation_error_message="Un renvoi dit pourquoi.",
            ),
        ]

    def __str__(self):
        return self.libelle


class LigneContribution(models.Model):
    """One thing a contribution reports on: its target (a fiche, a mission, a measure in a département, an indicator
    on a perimeter…), what the portal already computes about it, and whether a person must write something."""

    contribution = models.ForeignKey(
        Contribution, verbose_name="contribution", on_delete=models.CASCADE, related_name="lignes"
    )
    ordre = models.PositiveIntegerField("ordre", default=0)
    kind = models.CharField("nature", max_length=20)
    content_type = models.ForeignKey(ContentType, verbose_name="type d'objet", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField("identifiant de l'objet")
    cle = models.CharField("précision", max_length=40, blank=True)
    reference = models.CharField("référence", max_length=60, blank=True)
    libelle = models.CharField("libellé", max_length=300)
    priorite = models.PositiveSmallIntegerField("priorité du plan", null=True, blank=True)
    requis = models.BooleanField("à renseigner", default=True)
    complete = models.BooleanField("renseignée", default=False)
    prerempli = models.JSONField("pré-remplissage", default=dict, blank=True)
    note = models.ForeignKey(
        "acces_soins.NoteSemestrielle",
        verbose_name="note",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lignes",
    )

    class Meta:
        verbose_name = "ligne de contribution"
        verbose_name_plural = "lignes de contribution"
        ordering = ["contribution", "ordre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "content_type", "object_id", "cle"], name="ligne_unique_cible"
            ),
            models.CheckConstraint(
                condition=Q(priorite__isnull=True) | Q(priorite__gte=1, priorite__lte=4), name="ligne_priorite_1_4"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.libelle}".strip()

    @property
    def target_key(self) -> tuple[int, int, str]:
        return (self.content_type_id, self.object_id, self.cle)


class TransitionContribution(models.Model):
    """The log of a contribution's states: who moved it, when, and why when it was sent back."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="transitions")
    de = models.CharField("état de départ", max_length=12, choices=EtatContribution.choices)
    vers = models.CharField("nouvel état", max_length=12, choices=EtatContribution.choices)
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, null=True, related_name="+"
    )
    le = models.DateTimeField("le", auto_now_add=True)
    motif = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état de contribution"
        verbose_name_plural = "changements d'état de contribution"
        ordering = ["contribution", "le", "pk"]

    def __str__(self):
        return f"{self.contribution} : {self.get_de_display()} → {self.get_vers_display()}"


class RappelCampagne(models.Model):
    """One reminder step sent for one contribution (J-15, J-7, J-1, then « retard » told to the délégation).
    Written in the same transaction as the sending: a step is never sent twice."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="rappels")
    palier = models.CharField("palier", max_length=10)
    date_reference = models.DateField("jour de l'envoi")
    destinataires = models.JSONField("destinataires", default=list)
    envoye_le = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "rappel de campagne"
        verbose_name_plural = "rappels de campagne"
        ordering = ["contribution", "envoye_le"]
        constraints = [models.UniqueConstraint(fields=["contribution", "palier"], name="rappel_campagne_unique")]

    def __str__(self):
        return f"{self.palier} — {self.contribution}"


class Erratum(models.Model):
    """A contribution transmitted after the campaign was frozen: dated, kept beside the bilan, never in its numbers."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    campagne = models.ForeignKey(Campagne, verbose_name="campagne", on_delete=models.CASCADE, related_name="errata")
    contribution = models.ForeignKey(
        Contribution, verbose_name="contribution", on_delete=models.CASCADE, related_name="errata"
    )
    cree_le = models.DateTimeField("daté du", auto_now_add=True)
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="transmis par", on_delete=models.RESTRICT, null=True, related_name="+"
    )
    contenu = models.JSONField("contenu transmis", default=dict)

    class Meta:
        verbose_name = "erratum"
        verbose_name_plural = "errata"
        ordering = ["campagne", "cree_le", "pk"]

    def __str__(self):
        return f"Erratum du {self.cree_le:%d/%m/%Y} — {self.contribution}"
