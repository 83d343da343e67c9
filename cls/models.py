import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cls.enums import ACTIVE_ETAPES, Etape, StatutFiche, TypeSignataire
from cls.enums import Thematique as ThematiqueChoices
from comptes.perms import get_scope
from config.uploads import private_upload_path


class Thematique(models.Model):
    """A health priority tag of a lettre d'intention (seeded from enums.Thematique)."""

    code = models.CharField("code", max_length=30, unique=True, choices=ThematiqueChoices.choices)
    libelle = models.CharField("libellé", max_length=100)
    ordre = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "thématique"
        ordering = ["ordre"]

    def __str__(self):
        return self.libelle


class LettreIntention(models.Model):
    """The CLS-specific content of a filed dossier (instruction.Dossier of kind "cls")."""

    dossier = models.OneToOneField(
        "instruction.Dossier", on_delete=models.CASCADE, related_name="lettre_cls", primary_key=True
    )
    epcis = models.ManyToManyField("territoires.EPCI", verbose_name="EPCI", blank=True, related_name="+")
    communes = models.ManyToManyField("territoires.Commune", verbose_name="communes", blank=True, related_name="+")
    population = models.PositiveIntegerField("population du territoire", default=0)
    contact_nom = models.CharField("personne à contacter", max_length=200, blank=True)
    contact_email = models.EmailField("e-mail de la personne à contacter", blank=True)
    contact_telephone = models.CharField("téléphone", max_length=30, blank=True)
    elu_nom = models.CharField("élu·e porteur·se du projet", max_length=200, blank=True)
    elu_fonction = models.CharField("fonction de l'élu·e", max_length=200, blank=True)
    motivations = models.TextField("motivations", blank=True)
    thematiques = models.ManyToManyField(Thematique, verbose_name="priorités de santé envisagées", blank=True)
    thematique_autre = models.CharField("autre priorité (précisez)", max_length=200, blank=True)
    partenaires = models.TextField("partenaires envisagés", blank=True)
    calendrier = models.TextField("calendrier prévisionnel", blank=True)
    demande_ingenierie = models.BooleanField("demande d'appui à l'ingénierie", default=False)
    etp_souhaites = models.DecimalField(
        "ETP d'ingénierie souhaités", max_digits=4, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lettre d'intention CLS"
        verbose_name_plural = "lettres d'intention CLS"
        constraints = [
            models.CheckConstraint(
                condition=Q(etp_souhaites__isnull=True) | Q(etp_souhaites__gt=Decimal("0")),
                name="cls_lettre_etp_positive",
            ),
        ]

    def __str__(self):
        return str(self.dossier)


class ContratQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Collectivité: its own contracts. ARS: the contracts concerning its départements, as pilot or reached
        by the perimeter (siège: the départements of its region). Comité: the signed ones of its region."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = get_scope(user)
        condition = Q(porteur_id__in=scope.collectivite_ids)
        if scope.is_ars:
            condition |= self._concernant(scope.ars_departement_ids)
        if scope.is_comite:
            condition |= Q(date_signature__isnull=False, departement__region__code__in=scope.comite_region_codes)
        return self.filter(condition)

    def _concernant(self, departement_ids) -> Q:
        """Its pilot département, or any other département its perimeter reaches (one subquery, no duplicates)."""
        through = self.model.departements.through.objects.filter(departement_id__in=departement_ids)
        return Q(departement_id__in=departement_ids) | Q(pk__in=through.values("contratlocalsante_id"))

    def concernant(self, *, region=None, departement=None):
        """The contracts of a territory: a département concerned (pilot or reached), or one of a region's."""
        if departement is not None:
            return self.filter(self._concernant([departement.pk]))
        if region is not None:
            return self.filter(self._concernant(region.departements.values("pk")))
        return self

    def active(self):
        return self.filter(etape__in=ACTIVE_ETAPES)

    def with_list_data(self):
        return self.select_related("porteur", "departement", "referent").prefetch_related("departements")


class ContratLocalSante(models.Model):
    """A contrat local de santé, from cadrage to its end."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    nom = models.CharField("nom", max_length=250)
    lettre = models.OneToOneField(
        LettreIntention,
        verbose_name="lettre d'intention",
        on_delete=models.PROTECT,
        related_name="contrat",
        null=True,
        blank=True,
    )
    porteur = models.ForeignKey(
        "comptes.Organisation", verbose_name="collectivité porteuse", on_delete=models.PROTECT, related_name="cls"
    )
    departement = models.ForeignKey(
        "territoires.Departement",
        verbose_name="département pilote",
        on_delete=models.PROTECT,
        related_name="cls",
        help_text="Sa délégation instruit et pilote le contrat ; sa région fixe les règles applicables.",
    )
    departements = models.ManyToManyField(
        "territoires.Departement",
        verbose_name="départements concernés",
        related_name="cls_concernes",
        blank=True,
        help_text="Tous les départements que le périmètre atteint, pilote compris : chaque délégation voit le contrat.",
    )
    perimetre = models.ManyToManyField(
        "territoires.Commune", verbose_name="communes couvertes", related_name="cls", blank=True
    )
    population = models.PositiveIntegerField("population", default=0)
    etape = models.CharField("étape", max_length=20, choices=Etape.choices, default=Etape.CADRAGE, db_index=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent·e ARS",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cls_suivis",
    )
    date_signature = models.DateField("date de signature", null=True, blank=True)
    duree_annees = models.PositiveSmallIntegerField(
        "durée (années)",
        null=True,
        blank=True,
        help_text="Vide quand la fin est fixée autrement (par ex. sur la fin du PRS) : la date de fin fait foi.",
    )
    date_fin = models.DateField("date de fin", null=True, blank=True)
    predecessor = models.OneToOneField(
        "self",
        verbose_name="contrat précédent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        help_text="Le contrat que celui-ci renouvelle.",
    )
    rang = models.PositiveSmallIntegerField(
        "rang", default=1, help_text="1 pour un premier contrat, 2 pour son renouvellement, etc."
    )
    motif_abandon = models.TextField("motif d'abandon", blank=True)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    history = HistoricalRecords()

    objects = ContratQuerySet.as_manager()

    class Meta:
        verbose_name = "contrat local de santé"
        verbose_name_plural = "contrats locaux de santé"
        ordering = ["departement__code", "nom"]
        indexes = [
            models.Index(fields=["departement", "etape"], name="cls_contrat_dep_etape_idx")
        ]  # the list's filters
        constraints = [
            models.CheckConstraint(
                condition=Q(duree_annees__isnull=True) | Q(duree_annees__gte=1), name="cls_contrat_duree_positive"
            ),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_signature__isnull=True)
                | Q(date_fin__gt=models.F("date_signature")),
                name="cls_contrat_fin_apres_signature",
            ),
            models.CheckConstraint(
                condition=~Q(etape=Etape.ABANDONNE) | ~Q(motif_abandon=""), name="cls_contrat_abandon_motive"
            ),
        ]

    def __str__(self):
        return self.nom

    @property
    def departements_codes(self) -> str:
        """« 37, 41 »: every département concerned (prefetch `departements` in lists), the pilot one first."""
        codes = sorted({departement.code for departement in self.departements.all()} - {self.departement.code})
        return ", ".join([self.departement.code, *codes])

    @property
    def annees_du_contrat(self) -> int | None:
        """How many contract years the annual reviews may cover: the duration, or the years up to the end date."""
        if self.duree_annees:
            return self.duree_annees
        if self.date_signature and self.date_fin:
            start, end = self.date_signature, self.date_fin
            months = (end.year - start.year) * 12 + end.month - start.month
            return max(1, -(-(months + 1) // 12))  # contract years started before the end date
        return None


class EtapeTransition(models.Model):
    """The log of a contract's stages, each with the date it took effect (read by `pipeline(on=…)`)."""

    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="etapes")
    from_etape = models.CharField(max_length=20, choices=Etape.choices, blank=True)
    to_etape = models.CharField(max_length=20, choices=Etape.choices)
    date = models.DateField(
        "date d'effet", default=timezone.localdate, help_text="Par ex. la date de signature pour l'étape « Signé »."
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField("enregistré le", default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "changement d'étape"
        ordering = ["date", "at", "pk"]
        indexes = [models.Index(fields=["contrat", "date"], name="cls_etape_contrat_date_idx")]

    def __str__(self):
        return f"{self.contrat} → {self.get_to_etape_display()}"


class GateCheck(models.Model):
    """One ticked item of a stage's gate checklist."""

    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField(max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "point de contrôle validé"
        constraints = [models.UniqueConstraint(fields=["contrat", "code"], name="cls_gatecheck_unique")]

    def __str__(self):
        return f"{self.contrat} : {self.code}"


class ContratDocument(models.Model):
    """A document of the contract (diagnostic, signed contract, review…), in private storage."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="documents")
    etape = models.CharField("étape", max_length=20, choices=Etape.choices)
    type = models.CharField("type de document", max_length=40)
    file = models.FileField(upload_to=private_upload_path, max_length=200)
    original_name = models.CharField("nom d'origine", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document du contrat"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class Signataire(models.Model):
    """One signatory of a contract: a type and an organisation of the portal or a free name. No limit per type:
    three EPCI, a PETR and the département may all sign."""

    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="signataires")
    type = models.CharField("type de signataire", max_length=30, choices=TypeSignataire.choices)
    organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Une organisation du portail ; sinon, écrivez son nom.",
    )
    nom = models.CharField("nom", max_length=200, blank=True, help_text="Nom de l'institution ou du représentant.")

    class Meta:
        verbose_name = "signataire"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(nom=""), name="cls_signataire_organisation_ou_nom"
            ),
            models.UniqueConstraint(
                fields=["contrat", "organisation"],
                condition=Q(organisation__isnull=False),
                name="cls_signataire_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["contrat", "type", "nom"],
                condition=Q(organisation__isnull=True),
                name="cls_signataire_unique_nom",
            ),
        ]

    def __str__(self):
        return self.organisation.nom if self.organisation_id else self.nom


class AxeStrategique(models.Model):
    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="axes")
    numero = models.PositiveSmallIntegerField("numéro")
    intitule = models.CharField("intitulé", max_length=250)

    class Meta:
        verbose_name = "axe stratégique"
        verbose_name_plural = "axes stratégiques"
        ordering = ["contrat", "numero"]
        constraints = [models.UniqueConstraint(fields=["contrat", "numero"], name="cls_axe_unique_numero")]

    def __str__(self):
        return f"Axe {self.numero} — {self.intitule}"


class Avenant(models.Model):
    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="avenants")
    date = models.DateField("date")
    objet = models.TextField("objet")
    document = models.ForeignKey(ContratDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        verbose_name = "avenant"
        ordering = ["date"]

    def __str__(self):
        return f"Avenant du {self.date:%d/%m/%Y}"


class RevueAnnuelle(models.Model):
    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="revues")
    annee = models.PositiveSmallIntegerField("année du contrat", help_text="1 pour la première année, etc.")
    date = models.DateField("date de la revue")
    synthese = models.TextField("synthèse")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        verbose_name = "revue annuelle"
        ordering = ["annee"]
        constraints = [models.UniqueConstraint(fields=["contrat", "annee"], name="cls_revue_unique_annee")]

    def __str__(self):
        return f"Revue de l'année {self.annee}"


class FinancementIngenierie(models.Model):
    """ARS funding of the contract's ingénierie for one calendar year."""

    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="financements")
    annee = models.PositiveSmallIntegerField("année")
    etp = models.DecimalField("ETP financés", max_digits=4, decimal_places=2)
    montant = models.DecimalField("montant ARS (€)", max_digits=10, decimal_places=2)
    cofinancement = models.DecimalField("co-financement de la collectivité (€)", max_digits=10, decimal_places=2)
    # The ledger's record of this funding: commitments and payments live in `financements`.
    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cls_ingenierie",
        editable=False,
    )

    class Meta:
        verbose_name = "financement de l'ingénierie"
        ordering = ["annee"]
        constraints = [
            models.UniqueConstraint(fields=["contrat", "annee"], name="cls_financement_unique_annee"),
            models.CheckConstraint(condition=Q(etp__gt=0) & Q(montant__gte=0), name="cls_financement_positive"),
        ]

    def __str__(self):
        return f"Ingénierie {self.annee}"


class FicheQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(contrat__in=ContratLocalSante.objects.visible_to(user))

    def with_retard(self, on=None):
        """Annotate `en_retard`: end date passed and not réalisée (nor abandonnée)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.annotate(
            en_retard=models.Case(
                models.When(
                    Q(date_fin__lt=on) & ~Q(statut__in=[StatutFiche.REALISEE, StatutFiche.ABANDONNEE]),
                    then=models.Value(True),
                ),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def with_list_data(self):
        return (
            self.select_related("contrat__departement", "contrat__porteur", "axe")
            .prefetch_related("contrat__departements")
            .annotate(budget_total=models.Sum("lignes_budget__montant"))
        )


class FicheAction(models.Model):
    """One action of a CLS programme."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contrat = models.ForeignKey(ContratLocalSante, on_delete=models.CASCADE, related_name="fiches")
    numero = models.CharField("numéro", max_length=20)
    axe = models.ForeignKey(
        AxeStrategique, verbose_name="axe stratégique", on_delete=models.SET_NULL, null=True, blank=True
    )
    intitule = models.CharField("intitulé", max_length=300)
    objectifs = models.TextField("objectifs", blank=True)
    pilote_organisation = models.CharField("pilote (organisation)", max_length=200, blank=True)
    pilote_personne = models.CharField("pilote (personne)", max_length=200, blank=True)
    partenaires = models.TextField("partenaires", blank=True)
    public_cible = models.CharField("public cible", max_length=300, blank=True)
    communes = models.ManyToManyField(
        "territoires.Commune",
        verbose_name="territoire",
        blank=True,
        related_name="+",
        help_text="Vide : tout le territoire du contrat.",
    )
    date_debut = models.DateField("début", null=True, blank=True)
    date_fin = models.DateField("fin", null=True, blank=True)
    statut = models.CharField(
        "statut d'avancement", max_length=20, choices=StatutFiche.choices, default=StatutFiche.NON_DEMARREE
    )
    indicateur_libre = models.TextField(
        "autres indicateurs (texte libre)",
        blank=True,
        help_text="Indicateurs hors catalogue ; ceux du catalogue se lient sous le formulaire, avec leur cible.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = FicheQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"
        ordering = ["contrat", "numero"]
        indexes = [models.Index(fields=["statut", "contrat"], name="cls_fiche_statut_idx")]  # the list's filter
        constraints = [
            models.UniqueConstraint(fields=["contrat", "numero"], name="cls_fiche_unique_numero"),
            models.CheckConstraint(
                condition=Q(date_debut__isnull=True)
                | Q(date_fin__isnull=True)
                | Q(date_fin__gte=models.F("date_debut")),
                name="cls_fiche_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.numero} — {self.intitule}"


class LigneBudget(models.Model):
    fiche = models.ForeignKey(FicheAction, on_delete=models.CASCADE, related_name="lignes_budget")
    financeur = models.CharField("financeur", max_length=200)
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "ligne de budget"
        constraints = [models.CheckConstraint(condition=Q(montant__gte=0), name="cls_ligne_budget_positive")]

    def __str__(self):
        return f"{self.financeur} : {self.montant} €"
