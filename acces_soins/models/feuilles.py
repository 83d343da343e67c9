"""Territorial roadmaps (feuilles de route) of the conseils territoriaux de santé.

A région is divided into territoires de démocratie sanitaire, each with its conseil territorial de santé
(CTS). Each CTS adopts a feuille de route: about ten actions picked from a regional catalogue of
solutions, or of its own, each with a pilot, partners, a calendar with milestones, linked indicators
and semester progress notes written by the délégation départementale.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from simple_history.models import HistoricalRecords

from acces_soins.enums import STATUTS_ACTION_TERMINES, StatutAction, StatutFeuille, ThemeSolution
from indicateurs.referentiel_sources import CiteSource, document_field


class TerritoireSanteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """ARS agents (siège and délégations) and the comité d'évaluation see every territory of their region."""
        from comptes.perms import get_scope

        return self.filter(region_code__in=get_scope(user).region_codes)

    def editable_by(self, user):
        """The territories whose roadmap the user may edit (see `perms.can_edit_feuille`)."""
        from acces_soins.perms import editing_delegation_ids
        from comptes.perms import get_scope, is_siege_gestionnaire

        condition = Q(region_code__in=get_scope(user).siege_region_codes) if is_siege_gestionnaire(user) else Q()
        editing = editing_delegation_ids(user)
        if editing:
            condition |= Q(pk__in=self.filter(departements__organisations__in=editing).values("pk"))
        return self.filter(condition) if condition else self.none()


class TerritoireSante(models.Model):
    """A territoire de démocratie sanitaire and its conseil territorial de santé (data, not constants)."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    region_code = models.CharField(
        "code INSEE de la région",
        max_length=3,
        help_text="Un code plutôt qu'un lien : les territoires sont amorcés avant l'import du référentiel.",
    )
    code = models.CharField("code", max_length=10)
    nom = models.CharField("nom", max_length=150)
    conseil_nom = models.CharField("conseil territorial de santé", max_length=200)
    departements = models.ManyToManyField(
        "territoires.Departement", verbose_name="départements couverts", related_name="territoires_sante", blank=True
    )
    source = models.CharField("source", max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[departements])

    objects = TerritoireSanteQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire de démocratie sanitaire"
        verbose_name_plural = "territoires de démocratie sanitaire"
        ordering = ["region_code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "code"], name="territoire_sante_unique_region_code")
        ]

    def __str__(self):
        return self.nom


class SolutionQuerySet(models.QuerySet):
    def actives(self):
        return self.filter(actif=True)

    def de_la_region(self, region_code: str):
        """The région's own catalogue."""
        return self.filter(region_code=region_code)

    def inspirations_pour(self, region_code: str):
        """Other régions' solutions, shown to this région as inspiration only (never as its own catalogue)."""
        return self.exclude(region_code=region_code).select_related("document")

    def proposables(self, region_code: str):
        """What a roadmap of the région may pick: its own solutions first, then other régions' (inspiration)."""
        return self.annotate(
            inspiration=Case(
                When(region_code=region_code, then=Value(False)),
                default=Value(True),
                output_field=models.BooleanField(),
            )
        ).order_by("inspiration", "region_code", "ordre", "libelle")


class Solution(CiteSource, models.Model):
    """One solution of the regional catalogue from which the feuilles de route pick their actions."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    region_code = models.CharField("code INSEE de la région", max_length=3)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    libelle = models.CharField("libellé", max_length=250)
    theme = models.CharField("thème", max_length=24, choices=ThemeSolution.choices)
    description = models.TextField("description", blank=True)
    sites_exemples = models.TextField(
        "sites exemples", blank=True, help_text="Lieux où la solution fonctionne déjà, un par ligne."
    )
    actif = models.BooleanField("active", default=True, help_text="Une solution inactive n'est plus proposée.")
    document = document_field()
    source = models.CharField(
        "source ou passage",
        max_length=600,
        blank=True,
        help_text="Les mots du document entre guillemets ; sans document : d'où vient la solution.",
    )

    history = HistoricalRecords()

    objects = SolutionQuerySet.as_manager()

    class Meta:
        verbose_name = "solution du catalogue régional"
        verbose_name_plural = "solutions du catalogue régional"
        ordering = ["region_code", "ordre", "libelle"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "libelle"], name="solution_unique_region_libelle")
        ]

    def __str__(self):
        return self.libelle

    @property
    def sites_list(self) -> list[str]:
        return [line.strip() for line in self.sites_exemples.splitlines() if line.strip()]

    @property
    def region_libelle(self) -> str:
        """Whose solution it is, as its document names it (« ARS Hauts-de-France »), else the région code."""
        if self.document_id and self.document.region_code == self.region_code and self.document.auteur:
            return self.document.auteur
        return f"région {self.region_code}"


class FeuilleDeRoute(models.Model):
    """The action plan of one territory's CTS for one period."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    territoire = models.ForeignKey(
        TerritoireSante, verbose_name="territoire", on_delete=models.PROTECT, related_name="feuilles"
    )
    periode_debut = models.DateField("début de la période")
    periode_fin = models.DateField("fin de la période")
    date_adoption = models.DateField("adoptée par le CTS le", null=True, blank=True)
    statut = models.CharField("statut", max_length=10, choices=StatutFeuille.choices, default=StatutFeuille.PROJET)
    is_fictif = models.BooleanField("fictive (démonstration)", default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "feuille de route territoriale"
        verbose_name_plural = "feuilles de route territoriales"
        ordering = ["territoire", "-periode_debut"]
        constraints = [
            models.UniqueConstraint(fields=["territoire", "periode_debut"], name="feuille_unique_territoire_debut"),
            models.CheckConstraint(
                condition=Q(periode_fin__gte=models.F("periode_debut")), name="feuille_periode_ordonnee"
            ),
            models.CheckConstraint(
                condition=~Q(statut=StatutFeuille.ADOPTEE) | Q(date_adoption__isnull=False),
                name="feuille_adoptee_a_une_date",
                violation_error_message="Une feuille de route adoptée a une date d'adoption.",
            ),
        ]

    def __str__(self):
        return f"Feuille de route {self.periode_debut.year}–{self.periode_fin.year} — {self.territoire}"


def jalons_en_retard(on: datetime.date) -> Q:
    """A milestone is overdue when it is not achieved and its planned date is before `on`."""
    return Q(date_realisee__isnull=True, date_prevue__lt=on)


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The actions of the territories the user sees (`TerritoireSanteQuerySet.visible_to`)."""
        from acces_soins.perms import can_view_feuilles

        if not can_view_feuilles(user):
            return self.none()
        return self.filter(feuille__territoire__in=TerritoireSante.objects.visible_to(user))

    def with_retard(self, on: datetime.date):
        """Annotate `en_retard` — THE rule, in one place: an action is late on `on` when it is not finished
        (réalisée or abandonnée) and either its end date is passed (before `on`) or one of its milestones is
        overdue (see `jalons_en_retard`)."""
        overdue = Exists(Jalon.objects.filter(jalons_en_retard(on), action=OuterRef("pk")))
        late = ~Q(statut__in=STATUTS_ACTION_TERMINES) & (Q(date_fin__lt=on) | Q(overdue))
        return self.annotate(
            en_retard=Case(When(late, then=Value(True)), default=Value(False), output_field=models.BooleanField())
        )

    def en_retard(self, on: datetime.date):
        return self.with_retard(on).filter(en_retard=True)

    def with_list_data(self, on: datetime.date):
        return (
            self.with_retard(on)
            .select_related("solution__document", "pilote_organisation", "feuille__territoire")
            .prefetch_related(models.Prefetch("jalons", queryset=Jalon.objects.with_retard(on)))
        )


class Action(models.Model):
    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    feuille = models.ForeignKey(
        FeuilleDeRoute, verbose_name="feuille de route", on_delete=models.CASCADE, related_name="actions"
    )
    numero = models.PositiveSmallIntegerField("numéro")
    solution = models.ForeignKey(
        Solution,
        verbose_name="solution du catalogue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="Laisser vide pour une action propre au territoire.",
    )
    libelle = models.CharField("libellé", max_length=250)
    theme = models.CharField("thème", max_length=24, choices=ThemeSolution.choices)
    description = models.TextField("description", blank=True)
    pilote_organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="organisation pilote",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pilote_nom = models.CharField("pilote (personne)", max_length=150, blank=True)
    partenaires = models.TextField("partenaires", blank=True, help_text="Un partenaire par ligne.")
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin prévue")
    statut = models.CharField("statut", max_length=12, choices=StatutAction.choices, default=StatutAction.A_LANCER)
    indicateurs = models.ManyToManyField(
        "indicateurs.Indicateur", verbose_name="indicateurs liés", related_name="+", blank=True
    )
    # The délégation's progress notes, one per semester (`acces_soins.NoteSemestrielle`, kind « action »).
    notes = GenericRelation("acces_soins.NoteSemestrielle", related_query_name="action")
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modifiée par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The ledger's record of this action: its commitments, payments and co-financing by funder live in
    # `financements` (the one place for every euro), created the first time someone funds the action.
    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        verbose_name="bénéficiaire (financements)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_feuille",
        editable=False,
    )

    history = HistoricalRecords(m2m_fields=[indicateurs])

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action de feuille de route"
        verbose_name_plural = "actions de feuille de route"
        ordering = ["feuille", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["feuille", "numero"], name="action_unique_feuille_numero"),
            models.CheckConstraint(condition=Q(date_fin__gte=models.F("date_debut")), name="action_dates_ordonnees"),
        ]

    def __str__(self):
        return f"{self.reference} {self.libelle}"

    @property
    def reference(self) -> str:
        return f"A{self.numero}"

    @property
    def pilote(self) -> str:
        return " — ".join(part for part in (self.pilote_nom, getattr(self.pilote_organisation, "nom", "")) if part)

    @property
    def partenaires_list(self) -> list[str]:
        return [line.strip() for line in self.partenaires.splitlines() if line.strip()]


class JalonQuerySet(models.QuerySet):
    def with_retard(self, on: datetime.date):
        return self.annotate(
            en_retard=Case(
                When(jalons_en_retard(on), then=Value(True)), default=Value(False), output_field=models.BooleanField()
            )
        )


class Jalon(models.Model):
    action = models.ForeignKey(Action, verbose_name="action", on_delete=models.CASCADE, related_name="jalons")
    libelle = models.CharField("jalon", max_length=250)
    date_prevue = models.DateField("date prévue")
    date_realisee = models.DateField("date de réalisation", null=True, blank=True)

    history = HistoricalRecords()

    objects = JalonQuerySet.as_manager()

    class Meta:
        verbose_name = "jalon"
        verbose_name_plural = "jalons"
        ordering = ["action", "date_prevue", "pk"]

    def __str__(self):
        return self.libelle
