"""The decisions of the comité de pilotage, followed to closure: an owner (a person or an organisation), a due
date, a status (à faire, en cours, faite, abandonnée with a reason), the measures, fiches actions or indicators they
concern, and the log of their follow-up (`SuiviDecision`)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from acces_soins.enums import STATUTS_DECISION_OUVERTS, StatutDecision
from acces_soins.models.plan import ComiteDePilotage, Mesure


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plan readers (ARS, comité) see every decision of their région's sessions; anyone else only the decisions
        they own, as a person or through one of their organisations."""
        from acces_soins.perms import can_view_plan
        from acces_soins.selectors import comites_visible_to
        from comptes.perms import get_scope

        if can_view_plan(user):
            return self.filter(comite__in=comites_visible_to(user))
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(responsable_personne=user) | Q(responsable_organisation__in=list(get_scope(user).roles)))

    def ouvertes(self):
        return self.filter(statut__in=STATUTS_DECISION_OUVERTS)

    def en_retard(self, on: datetime.date):
        """Open decisions whose due date is passed on `on` — THE rule (home page, bilan, agenda)."""
        return self.ouvertes().filter(echeance__lt=on)

    def of_owner(self, user):
        """The decisions a user owns: by name, or through an organisation they belong to."""
        from comptes.perms import get_scope

        return self.filter(Q(responsable_personne=user) | Q(responsable_organisation__in=list(get_scope(user).roles)))

    def with_list_data(self):
        from cls.models import FicheAction

        return self.select_related("comite__plan", "responsable_personne", "responsable_organisation").prefetch_related(
            models.Prefetch("mesures", queryset=Mesure.objects.select_related("priorite")),
            "indicateurs",
            models.Prefetch("fiches", queryset=FicheAction.objects.select_related("contrat")),
        )


class Decision(models.Model):
    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    comite = models.ForeignKey(
        ComiteDePilotage, verbose_name="séance", on_delete=models.CASCADE, related_name="decisions"
    )
    numero = models.PositiveSmallIntegerField("numéro")
    texte = models.TextField("décision")
    mesures = models.ManyToManyField(Mesure, verbose_name="mesures concernées", related_name="decisions", blank=True)
    fiches = models.ManyToManyField(
        "cls.FicheAction", verbose_name="fiches actions concernées", related_name="+", blank=True
    )
    indicateurs = models.ManyToManyField(
        "indicateurs.Indicateur", verbose_name="indicateurs concernés", related_name="+", blank=True
    )
    responsable_personne = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="responsable (personne)",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="decisions_suivies",
    )
    responsable_organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="responsable (organisation)",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="decisions_suivies",
    )
    echeance = models.DateField("échéance", null=True, blank=True)
    statut = models.CharField("statut", max_length=12, choices=StatutDecision.choices, default=StatutDecision.A_FAIRE)
    motif_abandon = models.TextField("motif de l'abandon", blank=True)

    history = HistoricalRecords(m2m_fields=[mesures, fiches, indicateurs])

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["comite", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["comite", "numero"], name="decision_unique_comite_numero"),
            models.CheckConstraint(
                condition=~Q(statut=StatutDecision.ABANDONNEE) | ~Q(motif_abandon=""),
                name="decision_abandon_motive",
                violation_error_message="Une décision abandonnée dit pourquoi.",
            ),
        ]

    def __str__(self):
        return f"Décision {self.numero}"

    @property
    def reference(self) -> str:
        return f"{self.comite.date:%d/%m/%Y} n° {self.numero}"

    @property
    def responsable(self) -> str:
        """« Mme Durand — CPAM d'Indre-et-Loire », or what is set of the two."""
        parts = [str(part) for part in (self.responsable_personne, self.responsable_organisation) if part]
        return " — ".join(parts)

    @property
    def est_ouverte(self) -> bool:
        return self.statut in STATUTS_DECISION_OUVERTS

    def jours_de_retard(self, on: datetime.date) -> int:
        """Days past the due date on `on` for an open decision (0 when on time, closed or undated)."""
        if not self.est_ouverte or self.echeance is None or self.echeance >= on:
            return 0
        return (on - self.echeance).days


class SuiviDecision(models.Model):
    """One step of a decision's follow-up: the status it reached, a comment, who and when."""

    decision = models.ForeignKey(Decision, verbose_name="décision", on_delete=models.CASCADE, related_name="suivis")
    statut = models.CharField("statut", max_length=12, choices=StatutDecision.choices)
    commentaire = models.TextField("commentaire", blank=True)
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, null=True, related_name="+"
    )
    le = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "suivi de décision"
        verbose_name_plural = "suivis de décision"
        ordering = ["decision", "le", "pk"]

    def __str__(self):
        return f"{self.decision} : {self.get_statut_display()} ({self.le:%d/%m/%Y})"
