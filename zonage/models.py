import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from comptes.perms import get_scope
from config.production import ProductionJob
from config.typography import fr_date
from config.uploads import private_upload_path
from zonage.enums import (
    PUBLIC_STATUTS,
    ArreteStatut,
    DocumentType,
    Eligibilite,
    Financeur,
    Granularite,
    OrigineScenario,
)


class Profession(models.Model):
    """A zoned profession; its zone categories are rows of ZoneCategorie (data, not code)."""

    code = models.SlugField("code", max_length=40, unique=True)
    libelle = models.CharField("libellé", max_length=100)
    granularite = models.CharField("maille du classement", max_length=10, choices=Granularite.choices)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "profession zonée"
        verbose_name_plural = "professions zonées"
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return self.libelle


class ZoneCategorie(models.Model):
    """A zone category of one profession (ZIP, ZAC, ZV, HC; très sous-dotée … sur-dotée)."""

    profession = models.ForeignKey(Profession, on_delete=models.CASCADE, related_name="zones")
    code = models.CharField("code", max_length=20)
    libelle = models.CharField("libellé", max_length=100)
    couleur = models.CharField("couleur sur la carte", max_length=7, help_text="Code hexadécimal, ex. #ff8c00.")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "catégorie de zone"
        verbose_name_plural = "catégories de zone"
        ordering = ["profession__ordre", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["profession", "code"], name="zonecategorie_unique_profession_code"),
        ]

    def __str__(self):
        return f"{self.libelle} ({self.profession})"


class AideQuerySet(models.QuerySet):
    def en_vigueur(self, *, on):
        return self.filter(Q(valide_du__isnull=True) | Q(valide_du__lte=on)).filter(
            Q(valide_au__isnull=True) | Q(valide_au__gte=on)
        )


class Aide(models.Model):
    """An aid (CAIM, COSCOM, CESP…) opened by some zone categories, or by a criterion on the commune (EXO-CFE).

    Its amounts, durations and criteria are rows of the référentiel sharing the code `referentiel_code`."""

    code = models.CharField("code", max_length=30, unique=True)
    libelle = models.CharField("libellé", max_length=200)
    financeur = models.CharField("financeur", max_length=20, choices=Financeur.choices)
    eligibilite = models.CharField("ouverte par", max_length=10, choices=Eligibilite.choices, default=Eligibilite.ZONE)
    zones = models.ManyToManyField(ZoneCategorie, verbose_name="zones qui l'ouvrent", related_name="aides", blank=True)
    resume = models.TextField(
        "conditions", blank=True, help_text="Sans chiffre : montants et durées sont au référentiel."
    )
    referentiel_code = models.SlugField(
        "code de ses valeurs au référentiel",
        max_length=60,
        blank=True,
        help_text="Code (domaine zonage) des montants, durées et critères de l'aide, ex. « aide_caim ».",
    )
    valide_du = models.DateField("valable du", null=True, blank=True, help_text="Vide : date non connue.")
    valide_au = models.DateField("valable jusqu'au", null=True, blank=True)
    source_url = models.URLField("source", max_length=400, blank=True)
    a_confirmer = models.BooleanField("à confirmer", default=False)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    history = HistoricalRecords()

    objects = AideQuerySet.as_manager()

    class Meta:
        verbose_name = "aide"
        verbose_name_plural = "aides"
        ordering = ["ordre", "code"]

    def __str__(self):
        return f"{self.code} — {self.libelle}"


class ArreteQuerySet(models.QuerySet):
    def publics(self):
        return self.filter(statut__in=PUBLIC_STATUTS)

    def en_vigueur(self, *, on):
        """Arrêtés published (possibly since replaced) whose period of effect covers `on`."""
        return self.publics().filter(date_effet__lte=on).filter(Q(date_fin__isnull=True) | Q(date_fin__gte=on))

    def visible_to(self, user):
        """Every version, projects included, for the ARS agents of the arrêté's region (siège or délégation)."""
        from comptes.perms import get_scope

        return self.filter(region__code__in=get_scope(user).ars_region_codes)

    def publics_or_visible_to(self, user):
        """What the public pages and the API show: published arrêtés for everyone, plus `visible_to`."""
        from comptes.perms import get_scope

        return self.filter(Q(statut__in=PUBLIC_STATUTS) | Q(region__code__in=get_scope(user).ars_region_codes))

    def with_list_data(self):
        return (
            self.select_related("profession", "region")
            .annotate(nb_territoires=models.Count("classements"))
            .order_by("profession__ordre", "-date_effet", "-created_at", "-pk")
        )


class ArreteZonage(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="arretes")
    region = models.ForeignKey("territoires.Region", verbose_name="région", on_delete=models.PROTECT)
    reference = models.CharField("référence", max_length=120)
    titre = models.CharField("titre", max_length=300)
    methodologie = models.CharField(
        "version de la méthodologie nationale",
        max_length=20,
        help_text="Ex. « 2021-10 » (annexe de l'arrêté du 13/11/2017).",
    )
    millesime_population = models.CharField(
        "millésime des populations",
        max_length=4,
        blank=True,
        help_text="Millésime INSEE des populations sur lesquelles les parts de population sont calculées.",
    )
    version_tvs = models.CharField(
        "version de la liste des TVS",
        max_length=40,
        blank=True,
        help_text="Version importée du rattachement des communes aux TVS ; vide : rattachement courant.",
    )
    date_signature = models.DateField("date de signature", null=True, blank=True)
    date_effet = models.DateField("date d'effet", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)
    date_debut_concertation_urps = models.DateField("début de la concertation des URPS", null=True, blank=True)
    date_fin_concertation_urps = models.DateField("fin de la concertation des URPS", null=True, blank=True)
    date_saisine_crsa = models.DateField(
        "saisine de la CRSA", null=True, blank=True, help_text="Date de la saisine : le délai d'avis court de ce jour."
    )
    date_avis_crsa = models.DateField("avis de la CRSA", null=True, blank=True)
    document_url = models.URLField("lien vers l'arrêté publié", max_length=400, blank=True)
    statut = models.CharField("statut", max_length=12, choices=ArreteStatut.choices, default=ArreteStatut.PROJET)
    precedent = models.ForeignKey(
        "self", verbose_name="version précédente", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ArreteQuerySet.as_manager()

    class Meta:
        verbose_name = "arrêté de zonage"
        verbose_name_plural = "arrêtés de zonage"
        ordering = ["-date_effet", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["region", "reference"], name="arrete_unique_region_reference"),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_effet__isnull=True)
                | Q(date_fin__gte=models.F("date_effet")),
                name="arrete_fin_after_effet",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.profession}"

    def clean(self):
        """The procedure's dates follow each other: URPS concertation, then CRSA referral, then its opinion."""
        steps = [
            ("date_debut_concertation_urps", "le début de la concertation des URPS"),
            ("date_fin_concertation_urps", "la fin de la concertation des URPS"),
            ("date_saisine_crsa", "la saisine de la CRSA"),
            ("date_avis_crsa", "l'avis de la CRSA"),
        ]
        errors, previous = {}, None
        for name, label in steps:
            value = getattr(self, name)
            if value is None:
                continue
            if previous is not None and value < previous[1]:
                errors[name] = f"Cette date précède {previous[0]} ({fr_date(previous[1])})."
            previous = (label, value)
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.statut in PUBLIC_STATUTS


class ArreteTransition(models.Model):
    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="transitions")
    de = models.CharField("de", max_length=12, choices=ArreteStatut.choices)
    vers = models.CharField("vers", max_length=12, choices=ArreteStatut.choices)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    le = models.DateTimeField("le", auto_now_add=True)
    motif = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["le", "pk"]

    def __str__(self):
        return f"{self.get_de_display()} → {self.get_vers_display()}"


class AnnexeImport(models.Model):
    """Journal of the annex files applied to an arrêté (the rows themselves are replaced)."""

    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="imports")
    fichier = models.CharField("fichier", max_length=255)
    lignes = models.PositiveIntegerField("territoires classés")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    le = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "import d'annexe"
        verbose_name_plural = "imports d'annexe"
        ordering = ["le", "pk"]

    def __str__(self):
        return f"{self.fichier} ({self.lignes})"


class ArreteDocumentQuerySet(models.QuerySet):
    def publics(self):
        """Signed arrêtés of published arrêtés (in force, replaced or repealed): public administrative acts."""
        return self.filter(type=DocumentType.ARRETE_SIGNE, arrete__statut__in=PUBLIC_STATUTS)


class ArreteDocument(models.Model):
    """A document of an arrêté (signed act, annexes, URPS concertation, CRSA opinion), in private storage."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField("type de document", max_length=20, choices=DocumentType.choices)
    titre = models.CharField("titre", max_length=200)
    fichier = models.FileField("fichier", upload_to=private_upload_path, max_length=200)
    nom_original = models.CharField("nom d'origine", max_length=255)
    type_contenu = models.CharField("type de contenu", max_length=120)
    taille = models.PositiveBigIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    depose_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", on_delete=models.RESTRICT, related_name="+"
    )
    depose_le = models.DateTimeField("déposé le", auto_now_add=True)
    history = HistoricalRecords()

    objects = ArreteDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document d'arrêté"
        verbose_name_plural = "documents d'arrêté"
        ordering = ["depose_le", "pk"]

    def __str__(self):
        return f"{self.titre} ({self.nom_original})"

    @property
    def is_public(self) -> bool:
        return self.type == DocumentType.ARRETE_SIGNE and self.arrete.is_public


class Commentaire(models.Model):
    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="commentaires")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    texte = models.TextField("commentaire")
    le = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["le", "pk"]

    def __str__(self):
        return f"{self.auteur} — {self.le:%d/%m/%Y}"


class Classement(models.Model):
    """One row of an arrêté's annex: a TVS (médecins) or a commune (other professions) in a zone."""

    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="classements")
    zone = models.ForeignKey(ZoneCategorie, on_delete=models.PROTECT, related_name="+")
    tvs = models.ForeignKey(
        "territoires.TerritoireVieSante", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    commune = models.ForeignKey(
        "territoires.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    apl = models.DecimalField("APL", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "classement"
        verbose_name_plural = "classements"
        constraints = [
            models.UniqueConstraint(fields=["arrete", "tvs"], name="classement_unique_arrete_tvs"),
            models.UniqueConstraint(fields=["arrete", "commune"], name="classement_unique_arrete_commune"),
            models.CheckConstraint(
                condition=Q(tvs__isnull=True, commune__isnull=False) | Q(tvs__isnull=False, commune__isnull=True),
                name="classement_tvs_xor_commune",
            ),
        ]

    def __str__(self):
        return f"{self.tvs or self.commune} : {self.zone.code}"


# --- Scenarios of the simulator (siège, before a new arrêté) ------------------------------------------------------


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Agents of the siège, for the regions of their siège membership; nobody else."""
        scope = get_scope(user)
        if not scope.is_siege:
            return self.none()
        return self.filter(region_id__in=scope.region_ids)

    def with_list_data(self):
        return self.select_related("profession", "region", "base", "arrete", "created_by").order_by(
            "-updated_at", "-pk"
        )


class Scenario(models.Model):
    """A classification of the TVS the siège tries before a new arrêté: a copy of an arrêté's annex, edited."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nom = models.CharField("nom du scénario", max_length=150)
    region = models.ForeignKey("territoires.Region", verbose_name="région", on_delete=models.PROTECT, related_name="+")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="scenarios")
    methodologie = models.CharField(
        "version de la méthodologie nationale",
        max_length=20,
        help_text="Les plafonds régionaux de population (référentiel) sont ceux de cette version.",
    )
    base = models.ForeignKey(
        ArreteZonage,
        verbose_name="arrêté de départ",
        on_delete=models.PROTECT,
        related_name="scenarios_derives",
        help_text="Arrêté en vigueur ou projet : la population qui change de zone se compte par rapport à lui.",
    )
    millesime_population = models.CharField("millésime des populations", max_length=4, blank=True)
    version_tvs = models.CharField("version de la liste des TVS", max_length=40, blank=True)
    origine = models.CharField(
        "origine", max_length=12, choices=OrigineScenario.choices, default=OrigineScenario.MANUEL
    )
    description = models.TextField("notes", blank=True)
    arrete = models.OneToOneField(
        ArreteZonage,
        verbose_name="projet d'arrêté issu du scénario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scenario",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créé par", on_delete=models.RESTRICT, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords()

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = "scénario de zonage"
        verbose_name_plural = "scénarios de zonage"
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "profession", "nom"],
                name="scenario_unique_nom",
                violation_error_message="Un scénario de cette profession porte déjà ce nom.",
            ),
        ]

    def __str__(self):
        return self.nom

    @property
    def is_proposed(self) -> bool:
        return self.arrete_id is not None


class ScenarioClassement(models.Model):
    """One TVS of a scenario: its zone, its APL (copied from the arrêté de départ) and why it is there."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="classements")
    tvs = models.ForeignKey("territoires.TerritoireVieSante", on_delete=models.PROTECT, related_name="+")
    zone = models.ForeignKey(ZoneCategorie, on_delete=models.PROTECT, related_name="+")
    apl = models.DecimalField("APL", max_digits=5, decimal_places=2, null=True, blank=True)
    justification = models.TextField("justification", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "classement d'un scénario"
        verbose_name_plural = "classements d'un scénario"
        constraints = [
            models.UniqueConstraint(fields=["scenario", "tvs"], name="scenarioclassement_unique_tvs"),
        ]

    def __str__(self):
        return f"{self.tvs_id} : {self.zone_id}"


def consultation_file_path(instance, filename):
    return f"zonage/consultations/{instance.public_id}-{uuid.uuid4().hex[:8]}.pdf"


class DossierConsultation(ProductionJob):
    """The consultation file of an arrêté project (classification, justifications, counters), produced by the
    worker; once ready it is also filed among the arrêté's documents (URPS concertation)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    arrete = models.ForeignKey(ArreteZonage, on_delete=models.CASCADE, related_name="consultations")
    scenario = models.ForeignKey(
        Scenario, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="demandé par", on_delete=models.RESTRICT, related_name="+"
    )
    snapshot = models.JSONField("instantané", null=True, blank=True, editable=False)
    fichier = models.FileField("PDF", upload_to=consultation_file_path, blank=True)
    document = models.OneToOneField(
        ArreteDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation"
    )

    class Meta:
        verbose_name = "dossier de consultation"
        verbose_name_plural = "dossiers de consultation"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="consultation_progress_max_100"),
        ]

    def __str__(self):
        return f"Dossier de consultation — {self.arrete.reference}"

    @property
    def download_name(self) -> str:
        return f"consultation-{self.arrete.reference}.pdf"
