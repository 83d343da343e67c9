"""One model for « a note per semester »: what someone says about one thing (an action of a feuille de route, a
measure of the plan, a fiche action of a CLS, a mission of a CPTS, an indicator on a perimeter…) for one semester.

The target is keyed by content type (the lower apps never know about it: acces_soins sits on top); `cle` refines it
when one object has several notes per semester (a measure's declination in one département, an indicator on one
perimeter). Which fields a note of a given target carries (progress, new status, value) is said once, by its
`NoteKind` (`acces_soins/notes.py`).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from acces_soins.models.plan import SEMESTRE_REGEX, semestre_field


class NoteQuerySet(models.QuerySet):
    def of(self, obj, *, cle: str = ""):
        """The notes of one object (every semester), newest first."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk, cle=cle).order_by("-semestre")

    def for_targets(self, targets, *, semestres):
        """The notes of (content type id, object id, cle) targets for the given semesters, in one query."""
        targets = list(targets)
        if not targets:
            return self.none()
        condition = Q()
        for content_type_id, object_id, cle in targets:
            condition |= Q(content_type_id=content_type_id, object_id=object_id, cle=cle)
        return self.filter(condition, semestre__in=[str(s) for s in semestres])


class NoteSemestrielle(models.Model):
    """A note per semester on one object (see the module docstring); one per target, `cle` and semester."""

    content_type = models.ForeignKey(ContentType, verbose_name="type d'objet", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField("identifiant de l'objet")
    cible = GenericForeignKey("content_type", "object_id")
    cle = models.CharField(
        "précision",
        max_length=40,
        blank=True,
        help_text="Quand un objet a plusieurs notes par semestre : « departement:37 » (déclinaison d'une mesure, "
        "indicateur sur un périmètre).",
    )
    semestre = semestre_field()
    texte = models.TextField("note", blank=True)
    avancement = models.PositiveSmallIntegerField(
        "avancement (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    statut = models.CharField("nouveau statut", max_length=20, blank=True)
    valeur = models.DecimalField("valeur", max_digits=14, decimal_places=3, null=True, blank=True)
    secret = models.BooleanField("secret statistique", default=False)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="rédigée par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = "note semestrielle"
        verbose_name_plural = "notes semestrielles"
        ordering = ["content_type", "object_id", "cle", "-semestre"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "cle", "semestre"],
                name="note_unique_cible_semestre",
                violation_error_message="Une note existe déjà pour cet objet et ce semestre.",
            ),
            models.CheckConstraint(condition=Q(semestre__regex=SEMESTRE_REGEX), name="note_semestrielle_format"),
            models.CheckConstraint(
                condition=Q(avancement__isnull=True) | Q(avancement__lte=100), name="note_semestrielle_avancement_100"
            ),
            models.CheckConstraint(
                condition=Q(secret=False) | Q(valeur__isnull=True), name="note_semestrielle_secret_sans_valeur"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="note_cible_idx")]

    def __str__(self):
        return f"Note {self.semestre} ({self.content_type.model} {self.object_id}{' ' + self.cle if self.cle else ''})"

    @property
    def target_key(self) -> tuple[int, int, str]:
        return (self.content_type_id, self.object_id, self.cle)
