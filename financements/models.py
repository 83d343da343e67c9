"""The funding ledger: envelopes, the funded objects (beneficiaries), commitments, payments, co-financing."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, DecimalField, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from financements.enums import Financeur, Programme, StatutCofinancement, StatutEngagement

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Value(Decimal("0"), output_field=DecimalField(**MONEY))


def _sum_subquery(queryset, field: str):
    """Sum of `field` over a correlated queryset, as one scalar subquery (0 when empty)."""
    subquery = queryset.order_by().annotate(total=Func(F(field), function="SUM")).values("total")
    return Coalesce(Subquery(subquery, output_field=DecimalField(**MONEY)), ZERO)


def committed_q(prefix: str = "", on=None) -> Q:
    """Commitments that count against their envelope: not cancelled (now); with `on`, decided on or
    before `on` and not cancelled by then."""
    if on is None:
        return ~Q(**{f"{prefix}statut": StatutEngagement.ANNULE})
    return Q(**{f"{prefix}date_decision__lte": on}) & (
        ~Q(**{f"{prefix}statut": StatutEngagement.ANNULE}) | Q(**{f"{prefix}date_annulation__gt": on})
    )


def paid_q(prefix: str = "", on=None) -> Q:
    return Q() if on is None else Q(**{f"{prefix}date__lte": on})


class EnveloppeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Siège: the envelopes of its region; délégation: the envelopes opened to one of its départements."""
        from comptes.perms import get_scope

        scope = get_scope(user)
        if not scope.is_ars:
            return self.none()
        opened = Enveloppe.departements.through.objects.filter(departement_id__in=scope.departement_ids)
        return self.filter(Q(region_id__in=scope.region_ids) | Q(pk__in=opened.values("enveloppe_id")))

    def opened_to(self, departement_id):
        return self.filter(departements=departement_id)

    def with_totals(self, on=None):
        """Annotate `engage`, `verse` and `disponible` (one scalar subquery each: no row multiplication)."""
        engagements = Engagement.objects.filter(committed_q(on=on), enveloppe=OuterRef("pk"))
        paiements = Paiement.objects.filter(
            paid_q(on=on), committed_q("engagement__", on=None), engagement__enveloppe=OuterRef("pk")
        )
        return self.annotate(
            engage=_sum_subquery(engagements, "montant"), verse=_sum_subquery(paiements, "montant")
        ).annotate(disponible=F("montant") - F("engage"))


class Enveloppe(models.Model):
    """An amount a funder opens for one year and one purpose, to some départements."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    financeur = models.CharField("financeur", max_length=20, choices=Financeur.choices, default=Financeur.ARS_FIR)
    annee = models.PositiveSmallIntegerField("année")
    libelle = models.CharField("libellé", max_length=200, help_text="Ex. « Plans d'action CTS 2026 ».")
    programmes = models.JSONField(
        "programmes finançables", default=list, blank=True, help_text="Vide : tous les programmes."
    )
    montant = models.DecimalField("montant (€)", **MONEY)
    region = models.ForeignKey("territoires.Region", on_delete=models.PROTECT, related_name="+")
    departements = models.ManyToManyField(
        "territoires.Departement", related_name="enveloppes", verbose_name="départements bénéficiaires"
    )
    notes = models.TextField("notes", blank=True)
    is_fictif = models.BooleanField("fictive (démonstration)", default=False)
    # empty only for rows taken over from a programme app's former records (cls migration 0006)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = EnveloppeQuerySet.as_manager()

    class Meta:
        verbose_name = "enveloppe"
        ordering = ["-annee", "libelle"]
        constraints = [
            models.CheckConstraint(condition=Q(montant__gte=0), name="financements_enveloppe_montant_positive"),
            models.UniqueConstraint(fields=["financeur", "annee", "libelle"], name="financements_enveloppe_unique"),
        ]

    def __str__(self):
        return self.libelle

    def programme_labels(self) -> list[str]:
        return [Programme(code).label for code in self.programmes] if self.programmes else ["Tous programmes"]

    def funds(self, programme: str) -> bool:
        return not self.programmes or programme in self.programmes


class BeneficiaireQuerySet(models.QuerySet):
    def visible_to(self, user):
        from comptes.perms import get_scope

        return self.filter(departement__in=get_scope(user).ars_departement_ids)


class Beneficiaire(models.Model):
    """The funded object as the ledger sees it. The programme app's object holds a OneToOne to it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.CharField("programme", max_length=20, choices=Programme.choices)
    libelle = models.CharField("libellé", max_length=250)
    departement = models.ForeignKey(
        "territoires.Departement", on_delete=models.PROTECT, related_name="+", verbose_name="département"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BeneficiaireQuerySet.as_manager()

    class Meta:
        verbose_name = "bénéficiaire"
        ordering = ["libelle"]

    def __str__(self):
        return f"{self.libelle} ({self.get_programme_display()})"


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Siège: the commitments to beneficiaries of its region; délégation: of its départements."""
        from comptes.perms import get_scope

        return self.filter(beneficiaire__departement__in=get_scope(user).ars_departement_ids)

    def with_totals(self):
        """Annotate `verse`, `reste` and `statut_calcule`: THE place where « versé partiellement » and
        « soldé » are derived from the payments."""
        verse = _sum_subquery(Paiement.objects.filter(engagement=OuterRef("pk")), "montant")
        return self.annotate(verse=verse).annotate(
            reste=F("montant") - F("verse"),
            statut_calcule=Case(
                When(statut=StatutEngagement.ANNULE, then=Value(StatutEngagement.ANNULE)),
                When(Q(verse__gte=F("montant")) & Q(verse__gt=0), then=Value(StatutEngagement.SOLDE)),
                When(verse__gt=0, then=Value(StatutEngagement.VERSE_PARTIELLEMENT)),
                default=F("statut"),
                output_field=models.CharField(),
            ),
        )

    def with_list_data(self):
        return self.select_related("enveloppe", "beneficiaire__departement").with_totals()


class Engagement(models.Model):
    """An amount committed from an envelope to a beneficiary."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enveloppe = models.ForeignKey(Enveloppe, on_delete=models.PROTECT, related_name="engagements")
    beneficiaire = models.ForeignKey(Beneficiaire, on_delete=models.PROTECT, related_name="engagements")
    montant = models.DecimalField("montant (€)", **MONEY)
    date_decision = models.DateField("date de décision", null=True, blank=True)
    reference_convention = models.CharField("référence de la convention", max_length=100, blank=True)
    statut = models.CharField(
        "statut", max_length=20, choices=StatutEngagement.choices, default=StatutEngagement.ENGAGE
    )
    date_annulation = models.DateField("date d'annulation", null=True, blank=True)
    motif_annulation = models.TextField("motif de l'annulation", blank=True)
    # empty only for rows taken over from a programme app's former records (cls migration 0006)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = EngagementQuerySet.as_manager()

    class Meta:
        verbose_name = "engagement"
        ordering = ["-date_decision", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(montant__gt=0), name="financements_engagement_montant_positive"),
            models.CheckConstraint(
                condition=Q(statut__in=["prevu", "engage", "annule"]), name="financements_engagement_statut_stocke"
            ),
            models.CheckConstraint(
                condition=~Q(statut="annule") | (Q(date_annulation__isnull=False) & ~Q(motif_annulation="")),
                name="financements_engagement_annulation_motivee",
            ),
            models.CheckConstraint(
                condition=Q(statut="prevu") | Q(date_decision__isnull=False),
                name="financements_engagement_date_decision",
            ),
        ]

    def __str__(self):
        return f"{self.beneficiaire.libelle} — {self.enveloppe.libelle}"

    def get_statut_calcule_display(self) -> str:
        return StatutEngagement(getattr(self, "statut_calcule", self.statut)).label


class Paiement(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="paiements")
    date = models.DateField("date du versement")
    montant = models.DecimalField("montant (€)", **MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "versement"
        ordering = ["date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(montant__gt=0), name="financements_paiement_positive")]

    def __str__(self):
        return f"{self.montant} € le {self.date:%d/%m/%Y}"


class Cofinancement(models.Model):
    """A co-financing line by another funder on the same funded object."""

    beneficiaire = models.ForeignKey(Beneficiaire, on_delete=models.CASCADE, related_name="cofinancements")
    financeur = models.CharField("financeur", max_length=20, choices=Financeur.choices)
    organisation = models.CharField("organisation", max_length=200, blank=True)
    montant = models.DecimalField("montant (€)", **MONEY)
    annee = models.PositiveSmallIntegerField("année")
    statut = models.CharField(
        "statut", max_length=10, choices=StatutCofinancement.choices, default=StatutCofinancement.PREVU
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "co-financement"
        ordering = ["annee", "pk"]
        constraints = [models.CheckConstraint(condition=Q(montant__gt=0), name="financements_cofinancement_positive")]

    def __str__(self):
        return f"{self.get_financeur_display()} {self.annee} : {self.montant} €"
