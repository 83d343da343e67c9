import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from comptes.enums import OrganisationType
from comptes.perms import get_scope
from config.uploads import private_upload_path
from instruction.enums import (
    ActionCoInstruction,
    CategoriePiece,
    Etat,
    Evenement,
    MotifVersion,
    SensAvis,
    StatutNotification,
)


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Déposant: its organisations' dossiers (drafts included). ARS: filed dossiers of its region first (siège:
        the dossier's `region`), of its départements (délégation). Partner: filed dossiers its organisation
        co-instructs. Anyone else: nothing."""
        scope = get_scope(user)
        if not getattr(user, "is_authenticated", False):
            return self.none()
        visible = Q(
            deposant_id__in=scope.organisations_of_type(OrganisationType.COLLECTIVITE, OrganisationType.PORTEUR)
        )
        filed = ~Q(etat=Etat.BROUILLON)
        if scope.is_ars:
            visible |= filed & (Q(region_id__in=scope.region_ids) | Q(departement_id__in=scope.departement_ids))
        if scope.partenaire_ids:
            invited = Participation.objects.filter(dossier=OuterRef("pk"), organisation_id__in=scope.partenaire_ids)
            visible |= filed & Exists(invited)
        return self.filter(visible)

    def of_kind(self, code: str):
        return self.filter(kind=code)

    def with_list_data(self):
        return self.select_related("deposant", "departement", "referent")

    def followed_by(self, user):
        """The dossiers whose messages concern the user: its organisations' dossiers (déposant), the filed
        dossiers of its délégation's départements, those it follows as référent·e — always among the dossiers
        it may see (a référent·e who left the délégation no longer follows its dossiers)."""
        scope = get_scope(user)
        if not getattr(user, "is_authenticated", False):
            return self.none()
        followed = Q(
            deposant_id__in=scope.organisations_of_type(OrganisationType.COLLECTIVITE, OrganisationType.PORTEUR)
        ) | Q(referent=user)
        if scope.is_delegation:
            followed |= ~Q(etat=Etat.BROUILLON) & Q(departement_id__in=scope.departement_ids)
        return self.visible_to(user).filter(followed)

    def with_unread(self, user):
        """Annotate `non_lus`: the messages of others posted since the user last opened the dossier (one
        subquery, no extra query). The subquery joins the user's reading of the dossier once (LEFT JOIN on the
        dossier's `Lecture` row of this user) instead of reading it again for every message, and counts on the
        (dossier, created_at) index of messages."""
        unread = (
            Message.objects.filter(dossier=OuterRef("pk"))
            .annotate(lecture=FilteredRelation("dossier__lectures", condition=Q(dossier__lectures__user=user)))
            .exclude(author=user)
            .filter(Q(lecture__lu_le__isnull=True) | Q(created_at__gt=F("lecture__lu_le")))
            .order_by()
            .values("dossier")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(non_lus=Coalesce(Subquery(unread), 0))

    def with_page_data(self, user):
        """Annotate what the dossier page asks before reading its panels (subqueries, no extra query): when the
        user last read its messages (`lu_le_precedent`), and whether it has internal notes, invited partners, a
        co-instruction log and versions answering a complément (a panel with nothing to show is not read)."""
        of_dossier = {"dossier": OuterRef("pk")}
        return self.annotate(
            lu_le_precedent=Subquery(Lecture.objects.filter(**of_dossier, user=user).values("lu_le")[:1]),
            has_annotations=Exists(Annotation.objects.filter(**of_dossier)),
            has_participations=Exists(Participation.objects.filter(**of_dossier)),
            has_co_instruction_events=Exists(CoInstructionEvent.objects.filter(**of_dossier)),
            has_complement_versions=Exists(Version.objects.filter(**of_dossier, motif=MotifVersion.COMPLEMENT)),
        )


class Dossier(models.Model):
    """A filing by an outside organisation, instructed by the ARS (see instruction/README.md)."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("type de dossier", max_length=30, db_index=True)
    reference = models.CharField("numéro de dossier", max_length=30, blank=True, default="")
    etat = models.CharField("état", max_length=20, choices=Etat.choices, default=Etat.BROUILLON, db_index=True)
    deposant = models.ForeignKey(
        "comptes.Organisation", verbose_name="organisation déposante", on_delete=models.PROTECT, related_name="dossiers"
    )
    departement = models.ForeignKey(
        "territoires.Departement",
        verbose_name="département d'instruction",
        on_delete=models.PROTECT,
        related_name="dossiers",
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "territoires.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        related_name="dossiers",
        null=True,
        blank=True,
        editable=False,
        help_text="Celle du département d'instruction, à défaut celle de l'organisation déposante (déduite).",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chargé·e de mission référent·e",
        on_delete=models.SET_NULL,
        related_name="dossiers_suivis",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créé par", on_delete=models.RESTRICT, related_name="dossiers_crees"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    deposee_le = models.DateTimeField("déposé le", null=True, blank=True)
    cloture_le = models.DateTimeField("clôturé le", null=True, blank=True)
    jeton_creation = models.UUIDField(
        "jeton de création",
        null=True,
        blank=True,
        editable=False,
        help_text="Envoyé avec le formulaire qui ouvre le brouillon : un second envoi (double clic, page rejouée) "
        "retrouve ce brouillon au lieu d'en ouvrir un autre.",
    )
    complement_sections = models.JSONField(
        "parties ouvertes aux corrections",
        default=list,
        blank=True,
        help_text="Pendant une demande de complément : les codes des parties du dossier que le déposant peut "
        "corriger (« * » : tout le dossier).",
    )

    history = HistoricalRecords()

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier"
        verbose_name_plural = "dossiers"
        ordering = ["-deposee_le", "-created_at"]
        # The instruction lists: a délégation's dossiers of some kinds, newest filing first (issue 16).
        indexes = [models.Index(fields=["departement", "kind", "-deposee_le"], name="dossier_dep_kind_depot_idx")]
        constraints = [
            models.UniqueConstraint(fields=["reference"], condition=~Q(reference=""), name="dossier_unique_reference"),
            models.CheckConstraint(
                condition=Q(etat=Etat.BROUILLON) | Q(deposee_le__isnull=False), name="dossier_filed_has_date"
            ),
            models.UniqueConstraint(
                fields=["created_by", "jeton_creation"],
                condition=Q(jeton_creation__isnull=False),
                name="dossier_unique_jeton_creation",
            ),
        ]

    def __str__(self):
        return self.reference or f"Brouillon du {self.created_at:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        """The region is derived (territoires.regions): the département's once known (at filing), before that the
        depositor's region when the organisation is at hand."""
        if self.departement_id:
            self.region_id = self.departement.region_id
        elif self.region_id is None and "deposant" in self._state.fields_cache:
            self.region_id = self.deposant.region_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.kind_spec.dossier_url(self)

    @property
    def kind_spec(self):
        from instruction.kinds import get_kind

        return get_kind(self.kind)


class ReferenceSequence(models.Model):
    """Last number given for a prefix and a year (CLS-2026-0007)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "séquence de numérotation"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year} : {self.last}"


class Transition(models.Model):
    """One state change of a dossier: who, when, from, to, why. Never edited."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    from_etat = models.CharField("état de départ", max_length=20, choices=Etat.choices)
    to_etat = models.CharField("nouvel état", max_length=20, choices=Etat.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField("le", auto_now_add=True)
    reason = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "transition"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.dossier} : {self.get_from_etat_display()} → {self.get_to_etat_display()}"


class Message(models.Model):
    """The thread between the ARS and the organisation that filed the dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.RESTRICT, related_name="+"
    )
    from_ars = models.BooleanField("envoyé par l'ARS")
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "message"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["dossier", "created_at"], name="message_dossier_created_idx")]

    def __str__(self):
        return f"Message du {self.created_at:%d/%m/%Y} sur {self.dossier}"


class Annotation(models.Model):
    """A private note of ARS staff: never shown to the déposant."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.RESTRICT, related_name="+"
    )
    body = models.TextField("annotation")
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "annotation interne"
        verbose_name_plural = "annotations internes"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Annotation du {self.created_at:%d/%m/%Y} sur {self.dossier}"


class Participation(models.Model):
    """An institutional partner (Assurance maladie, URPS…) invited to co-instruct a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="organisation partenaire",
        on_delete=models.PROTECT,
        related_name="participations",
        limit_choices_to={"type": OrganisationType.PARTENAIRE},
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="invitée par", on_delete=models.RESTRICT, related_name="+"
    )
    invited_at = models.DateTimeField("invitée le", auto_now_add=True)
    automatique = models.BooleanField("invitée automatiquement au dépôt", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "participation à la co-instruction"
        verbose_name_plural = "participations à la co-instruction"
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "organisation"], name="participation_unique_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} — {self.dossier}"


class Avis(models.Model):
    """The current avis of one co-instructing organisation on a dossier; changes are kept in `history`."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="avis")
    organisation = models.ForeignKey(
        "comptes.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="avis"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.RESTRICT, related_name="+"
    )
    sens = models.CharField("sens de l'avis", max_length=20, choices=SensAvis.choices)
    motivation = models.TextField("motivation", blank=True)
    given_at = models.DateTimeField("rendu le")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis"
        verbose_name_plural = "avis"
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "organisation"], name="avis_one_per_organisation"),
            models.CheckConstraint(
                condition=Q(sens=SensAvis.FAVORABLE) | ~Q(motivation=""), name="avis_motivation_unless_favorable"
            ),
        ]

    def __str__(self):
        return f"Avis {self.get_sens_display().lower()} de {self.organisation} sur {self.dossier}"


class CoInstructionEvent(models.Model):
    """The co-instruction log of a dossier (invitations, withdrawals, avis), shown in its timeline."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="co_instruction_events")
    action = models.CharField("action", max_length=20, choices=ActionCoInstruction.choices)
    organisation = models.ForeignKey(
        "comptes.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField("le", auto_now_add=True)
    detail = models.TextField("détail", blank=True)

    class Meta:
        verbose_name = "événement de co-instruction"
        verbose_name_plural = "événements de co-instruction"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.organisation} — {self.dossier}"


class Piece(models.Model):
    """An attachment, stored under a uuid4 name in private storage; downloaded through a view."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pieces")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="pieces", null=True, blank=True)
    categorie = models.CharField("catégorie", max_length=20, choices=CategoriePiece.choices)
    file = models.FileField("fichier", upload_to=private_upload_path, max_length=200)
    original_name = models.CharField("nom d'origine", max_length=255)
    content_type = models.CharField("type de contenu", max_length=120)
    size = models.PositiveBigIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", on_delete=models.RESTRICT, related_name="+"
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    remplacee_le = models.DateTimeField(
        "remplacée le",
        null=True,
        blank=True,
        help_text="Une pièce déposée remplacée pendant un complément reste conservée (elle figure dans "
        "une version du dossier).",
    )

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="piece_sha256_hex"),
        ]

    def __str__(self):
        return self.original_name


class Version(models.Model):
    """The content of a dossier as sent to the ARS: at filing, then at each answer to a complément.

    `valeurs` lists, in the order of the form, each field's label and displayed value (pieces by name and
    SHA-256), so that the instruction team sees what a correction changed. Never edited.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="versions")
    numero = models.PositiveSmallIntegerField("numéro")
    motif = models.CharField("motif", max_length=20, choices=MotifVersion.choices)
    created_at = models.DateTimeField("le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, related_name="+"
    )
    valeurs = models.JSONField("valeurs", default=list)

    class Meta:
        verbose_name = "version envoyée du dossier"
        verbose_name_plural = "versions envoyées des dossiers"
        ordering = ["numero"]
        constraints = [models.UniqueConstraint(fields=["dossier", "numero"], name="version_unique_numero")]

    def __str__(self):
        return f"{self.dossier} — version {self.numero} ({self.get_motif_display().lower()})"


class Notification(models.Model):
    """One e-mail notification: a transactional outbox row, written with the event it reports.

    The task is queued after commit; if the broker is down, the row waits and the beat sweep
    (`instruction.tasks.sweep_notifications`) sends it once the broker is back. The claim makes the send
    happen once, whoever gets there first."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notifications")
    evenement = models.CharField("événement", max_length=20, choices=Evenement.choices)
    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        "comptes.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    statut = models.CharField(
        "statut", max_length=20, choices=StatutNotification.choices, default=StatutNotification.A_ENVOYER
    )
    recipients = models.JSONField("destinataires", default=list, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    claimed_at = models.DateTimeField(
        "prise en charge le",
        null=True,
        blank=True,
        help_text="Quand un worker l'a prise pour l'envoyer ; une prise en charge trop ancienne (worker arrêté) est "
        "rendue à la file par le balayage périodique.",
    )
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_evenement_display()} — {self.dossier}"


class Lecture(models.Model):
    """When a user last opened a dossier's page: the messages posted since are unread for them."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lectures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lectures_dossiers")
    lu_le = models.DateTimeField("lu le")

    class Meta:
        verbose_name = "lecture des messages d'un dossier"
        verbose_name_plural = "lectures des messages des dossiers"
        constraints = [models.UniqueConstraint(fields=["dossier", "user"], name="lecture_unique_dossier_user")]

    def __str__(self):
        return f"{self.user} — {self.dossier} ({self.lu_le:%d/%m/%Y %H:%M})"
