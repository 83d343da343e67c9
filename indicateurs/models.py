from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicateurs.enums import (
    Mode,
    PerimetreKind,
    Periodicite,
    Priorite,
    Provenance,
    Qualificatif,
    RecalculStatus,
    Sens,
    Statut,
    Unite,
)
from indicateurs.referentiel_sources import CiteSource, document_field, source_affichee
from indicateurs.semestre import SEMESTRE_REGEX, Semestre, validate_semestre
from indicateurs.statut import DEFAULT_SEUIL_A_RISQUE, DEFAULT_SEUIL_BONNE_VOIE, Point, statut_of


def semestre_field(verbose_name: str, **kwargs) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=7, validators=[validate_semestre], help_text="Format : 2026-S1.", **kwargs
    )


def semestre_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__regex": SEMESTRE_REGEX}), name=name)


class Perimetre(models.Model):
    """A territory or programme entity an indicator is measured on: data, not a generic relation.

    `code` is the INSEE code (région, département), the SIREN (EPCI) or the programme's own
    identifier (CLS, CPTS: set by the app that owns them). `departement` scopes délégation access.
    """

    kind = models.CharField("niveau", max_length=12, choices=PerimetreKind.choices)
    code = models.CharField("code", max_length=40)
    libelle = models.CharField("libellé", max_length=200)
    departement = models.ForeignKey(
        "territoires.Departement",
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "territoires.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Déduite du code (niveau région) ou du département ; vide pour un périmètre sans département.",
    )

    class Meta:
        verbose_name = "périmètre"
        verbose_name_plural = "périmètres"
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="perimetre_unique_kind_code"),
        ]

    def __str__(self):
        return self.libelle

    def save(self, *args, **kwargs):
        """The region is derived, never typed: the region of that code, or the département's (territoires.regions)."""
        from territoires.models import Region

        if self.kind == PerimetreKind.REGION and self.region_id is None:
            self.region_id = Region.objects.filter(code=self.code).values_list("pk", flat=True).first()
        elif self.departement_id:
            self.region_id = self.departement.region_id
        super().save(*args, **kwargs)

    @property
    def key(self) -> str:
        """The "niveau:code" key used by imports and the API (e.g. "departement:37")."""
        return f"{self.kind}:{self.code}"


class IndicateurQuerySet(models.QuerySet):
    def actifs(self):
        return self.filter(actif=True)

    def of_region(self, region_code: str | None):
        """The battery followed in a région: the national indicators (region null) and the région's own."""
        return self.filter(Q(region=None) | Q(region__code=region_code))


class Indicateur(models.Model):
    code = models.SlugField("code", max_length=40, unique=True, help_text="Identifiant stable, ex. P1_POP_ZIP.")
    libelle = models.CharField("libellé", max_length=200)
    definition = models.TextField("définition")
    methode = models.TextField("formule / méthode de calcul")
    unite = models.CharField("unité", max_length=20, choices=Unite.choices)
    source = models.CharField("source", max_length=250)
    periodicite = models.CharField("périodicité", max_length=12, choices=Periodicite.choices)
    sens = models.CharField("sens d'amélioration", max_length=6, choices=Sens.choices)
    sens_document = document_field("document qui fonde le sens")
    sens_source = models.CharField("passage qui fonde le sens", max_length=300, blank=True)
    sens_a_confirmer = models.BooleanField(
        "sens à confirmer", default=True, help_text="Tant qu'aucun document ne fonde le sens d'amélioration."
    )
    priorite = models.PositiveSmallIntegerField("priorité du plan", choices=Priorite.choices)
    niveaux = models.JSONField(
        "niveaux territoriaux", default=list, help_text="Liste parmi : region, departement, epci, cls, cpts."
    )
    mode = models.CharField("mode d'alimentation", max_length=8, choices=Mode.choices)
    seuil_bonne_voie = models.DecimalField(
        "seuil « en bonne voie »",
        max_digits=4,
        decimal_places=2,
        default=DEFAULT_SEUIL_BONNE_VOIE,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Part minimale de la progression attendue à date (0,90 = 90 %).",
    )
    seuil_a_risque = models.DecimalField(
        "seuil « à risque »",
        max_digits=4,
        decimal_places=2,
        default=DEFAULT_SEUIL_A_RISQUE,
        validators=[MinValueValidator(Decimal(0))],
        help_text="En dessous de cette part de la progression attendue, l'indicateur est « en retard ».",
    )
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    actif = models.BooleanField("actif", default=True)
    region = models.ForeignKey(
        "territoires.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicateurs",
        help_text="Vide : indicateur de la batterie nationale, suivi dans toutes les régions.",
    )
    fournisseurs = models.ManyToManyField(
        "comptes.Organisation",
        verbose_name="partenaires qui remontent la valeur",
        related_name="indicateurs_fournis",
        blank=True,
        help_text="Partenaires (CPAM, URPS…) qui détiennent la donnée : la campagne de remontées la leur demande "
        "pour les départements qu'ils couvrent.",
    )

    objects = IndicateurQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["priorite", "ordre", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(priorite__gte=1, priorite__lte=4), name="indicateur_priorite_1_4"),
            models.CheckConstraint(
                condition=Q(seuil_a_risque__lte=models.F("seuil_bonne_voie")), name="indicateur_seuils_ordonnes"
            ),
            models.CheckConstraint(
                condition=Q(sens_a_confirmer=True) | Q(sens_document__isnull=False),
                name="indicateur_sens_source_ou_a_confirmer",
                violation_error_message="Un sens d'amélioration sans document source est « à confirmer ».",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.libelle}"

    def get_absolute_url(self):
        return reverse("indicateurs:detail", args=[self.code])

    def clean(self):
        unknown = [niveau for niveau in self.niveaux or [] if niveau not in PerimetreKind.values]
        if not isinstance(self.niveaux, list) or not self.niveaux or unknown:
            raise ValidationError(
                {"niveaux": f"Niveaux attendus parmi : {', '.join(PerimetreKind.values)} (au moins un)."}
            )

    @property
    def est_calcule(self) -> bool:
        return self.mode == Mode.CALCULE

    @property
    def sens_source_affichee(self) -> str:
        """What founds the direction: « document, passage », or our reading when it is « à confirmer »."""
        return source_affichee(self.sens_document, self.sens_source)

    def statut(self, valeur: "Valeur | None", baseline: "Baseline | None", cible: "Cible | None") -> Statut:
        return statut_of(
            valeur=valeur.valeur if valeur else None,
            periode=valeur.semestre if valeur else None,
            baseline=baseline.point if baseline else None,
            cible=cible.point if cible else None,
            sens=self.sens,
            seuil_bonne_voie=self.seuil_bonne_voie,
            seuil_a_risque=self.seuil_a_risque,
        )


class ImportLot(models.Model):
    """One CSV/XLSX file of values, imported all or nothing."""

    fichier = models.CharField("fichier", max_length=255)
    importe_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="importé par", on_delete=models.RESTRICT, related_name="+"
    )
    importe_le = models.DateTimeField("importé le", auto_now_add=True)
    nb_valeurs = models.PositiveIntegerField("nombre de valeurs", default=0)

    class Meta:
        verbose_name = "lot d'import"
        verbose_name_plural = "lots d'import"
        ordering = ["-importe_le"]

    def __str__(self):
        return f"{self.fichier} ({self.importe_le:%d/%m/%Y %H:%M})"


class ValeurQuerySet(models.QuerySet):
    def with_list_data(self):
        return self.select_related("indicateur", "perimetre", "saisi_par")


class Valeur(models.Model):
    """A measured value of an indicator on a perimeter for a semester, with its provenance."""

    indicateur = models.ForeignKey(
        Indicateur, verbose_name="indicateur", on_delete=models.PROTECT, related_name="valeurs"
    )
    perimetre = models.ForeignKey(Perimetre, verbose_name="périmètre", on_delete=models.PROTECT, related_name="valeurs")
    periode = semestre_field("période")
    valeur = models.DecimalField("valeur", max_digits=14, decimal_places=3, null=True, blank=True)
    secret = models.BooleanField(
        "secret statistique", default=False, help_text="Valeur masquée par le secret statistique (ni 0, ni vide)."
    )
    provenance = models.CharField("provenance", max_length=8, choices=Provenance.choices)
    saisi_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    saisi_le = models.DateTimeField("saisi le", auto_now=True)
    lot = models.ForeignKey(
        ImportLot, verbose_name="lot d'import", on_delete=models.PROTECT, null=True, blank=True, related_name="valeurs"
    )
    commentaire = models.CharField("commentaire", max_length=500, blank=True)
    fictif = models.BooleanField("donnée fictive (démonstration)", default=False)

    objects = ValeurQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valeur"
        verbose_name_plural = "valeurs"
        ordering = ["indicateur", "perimetre", "-periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicateur", "perimetre", "periode"], name="valeur_unique_indicateur_perimetre_periode"
            ),
            semestre_check("periode", "valeur_periode_format"),
            models.CheckConstraint(
                condition=Q(secret=True, valeur__isnull=True) | Q(secret=False, valeur__isnull=False),
                name="valeur_secret_xor_nombre",
            ),
        ]

    def __str__(self):
        return f"{self.indicateur.code} · {self.perimetre} · {self.periode}"

    @property
    def semestre(self) -> Semestre:
        return Semestre.parse(self.periode)


class Repere(CiteSource, models.Model):
    """Common shape of a baseline and a target: a value at a semester for an indicator and a perimeter."""

    indicateur = models.ForeignKey(Indicateur, verbose_name="indicateur", on_delete=models.CASCADE, related_name="+")
    perimetre = models.ForeignKey(Perimetre, verbose_name="périmètre", on_delete=models.PROTECT, related_name="+")
    valeur = models.DecimalField("valeur", max_digits=14, decimal_places=3)
    qualificatif = models.CharField(
        "qualificatif",
        max_length=10,
        choices=Qualificatif.choices,
        default=Qualificatif.EXACT,
        blank=True,
        help_text="« plus de 330 » : la source ne donne pas le chiffre exact.",
    )
    document = document_field()
    source = models.CharField(
        "source ou passage", max_length=250, blank=True, help_text="Le passage du document, ou la source en texte."
    )
    a_confirmer = models.BooleanField("à confirmer", default=False)
    note = models.TextField("note", blank=True)
    fictif = models.BooleanField("donnée fictive (démonstration)", default=False)

    class Meta:
        abstract = True

    @property
    def point(self) -> Point:
        return Point(self.valeur, Semestre.parse(self.periode))


class Baseline(Repere):
    periode = semestre_field("période de référence")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "valeur de référence"
        verbose_name_plural = "valeurs de référence"
        constraints = [
            models.UniqueConstraint(fields=["indicateur", "perimetre"], name="baseline_unique_indicateur_perimetre"),
            semestre_check("periode", "baseline_periode_format"),
        ]

    def __str__(self):
        return f"Référence {self.indicateur.code} · {self.perimetre} : {self.valeur} ({self.periode})"


class Cible(Repere):
    periode = semestre_field("échéance")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "cible"
        verbose_name_plural = "cibles"
        constraints = [
            models.UniqueConstraint(fields=["indicateur", "perimetre"], name="cible_unique_indicateur_perimetre"),
            semestre_check("periode", "cible_periode_format"),
        ]

    def __str__(self):
        return f"Cible {self.indicateur.code} · {self.perimetre} : {self.valeur} ({self.periode})"


class Avis(models.Model):
    """An opinion of the comité d'évaluation on an indicator for a semester. Every avis is kept."""

    indicateur = models.ForeignKey(Indicateur, verbose_name="indicateur", on_delete=models.PROTECT, related_name="avis")
    periode = semestre_field("semestre")
    texte = models.TextField("avis", max_length=5000)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.RESTRICT, related_name="+"
    )
    cree_le = models.DateTimeField("rédigé le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis du comité"
        verbose_name_plural = "avis du comité"
        ordering = ["-periode", "-cree_le", "-pk"]
        constraints = [semestre_check("periode", "avis_periode_format")]

    def __str__(self):
        return f"Avis {self.indicateur.code} {self.periode}"


class Recalcul(models.Model):
    """One run of the computed indicators (on demand or scheduled), with its per-indicator outcome."""

    periode = semestre_field("semestre")
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField("état", max_length=8, choices=RecalculStatus.choices, default=RecalculStatus.PENDING)
    resultats = models.JSONField("résultats", default=dict, blank=True)
    erreur = models.TextField("erreur", blank=True)
    cree_le = models.DateTimeField("demandé le", auto_now_add=True)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "recalcul des indicateurs"
        verbose_name_plural = "recalculs des indicateurs"
        ordering = ["-cree_le", "-pk"]
        get_latest_by = "cree_le"
        constraints = [semestre_check("periode", "recalcul_periode_format")]

    def __str__(self):
        return f"Recalcul {self.periode} ({self.get_status_display()})"


class IndicateurFiche(models.Model):
    """A catalogue indicator followed by a fiche action of a CLS, with the fiche's own target.

    The link lives here (indicateurs sits above cls in the import direction): cls never imports it.
    """

    fiche = models.ForeignKey(
        "cls.FicheAction", verbose_name="fiche action", on_delete=models.CASCADE, related_name="indicateurs_lies"
    )
    indicateur = models.ForeignKey(Indicateur, verbose_name="indicateur", on_delete=models.PROTECT, related_name="+")
    cible_valeur = models.DecimalField("cible de la fiche", max_digits=14, decimal_places=3)
    echeance = semestre_field("échéance")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lié par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("lié le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur d'une fiche action"
        verbose_name_plural = "indicateurs des fiches actions"
        ordering = ["indicateur__priorite", "indicateur__ordre", "indicateur__code"]
        constraints = [
            models.UniqueConstraint(fields=["fiche", "indicateur"], name="indicateur_fiche_unique"),
            semestre_check("echeance", "indicateur_fiche_echeance_format"),
        ]

    def __str__(self):
        return f"{self.indicateur.code} · fiche {self.fiche_id} : {self.cible_valeur} ({self.echeance})"

    @property
    def point(self) -> Point:
        """The fiche's target as a point of the status rule (same shape as Cible.point)."""
        return Point(self.cible_valeur, Semestre.parse(self.echeance))
