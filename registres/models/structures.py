"""The registers of structures the CVL plan counts: maîtres de stage and housing offers (P1.5), télémédecine
sites (P2.2), cooperation protocols (P1.6), consultations avancées (P1.3), PDSA and soins non programmés (P3.2),
DAC (P3.4), GHT and projets territoriaux de santé (P4). Each declares only its own fields."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from config.typography import fr_date
from registres.enums import (
    ActiviteTelemedecine,
    EtapePts,
    Frequence,
    PorteeProtocole,
    Specialite,
    TypeDispositifAnterieur,
    TypeMaitreStage,
    TypeSite,
    TypeSoinsNonProgrammes,
)
from registres.models.base import EntreeRegistre, ZoneALaDate

rpps_validator = RegexValidator(r"^\d{11}$", "Un numéro RPPS compte 11 chiffres.")
finess_validator = RegexValidator(
    r"^(\d{2}|2[AB])\d{7}$",
    "Un numéro FINESS compte 9 caractères : le département (2 chiffres, 2A ou 2B) et 7 chiffres.",
)


class MaitreStage(EntreeRegistre, ZoneALaDate):
    """A maître de stage universitaire (or a practice) approved to host students and interns; the zone is the one
    in force on the day of the agreement (`date_debut`)."""

    type = models.CharField("type", max_length=10, choices=TypeMaitreStage.choices, default=TypeMaitreStage.PERSONNE)
    nom = models.CharField("nom du médecin ou du cabinet", max_length=200)
    rpps = models.CharField("numéro RPPS", max_length=11, blank=True, validators=[rpps_validator])
    specialite = models.CharField(
        "spécialité", max_length=20, choices=Specialite.choices, default=Specialite.MEDECINE_GENERALE
    )
    universite = models.CharField("université (faculté de médecine)", max_length=200)
    capacite = models.PositiveSmallIntegerField(
        "capacité d'accueil", null=True, blank=True, help_text="Étudiants ou internes accueillis en même temps."
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "maître de stage universitaire"
        verbose_name_plural = "maîtres de stage universitaires"

    @property
    def libelle(self) -> str:
        return f"{self.get_specialite_display()} — {self.commune.nom if self.commune_id else self.departement}"


class OffreLogement(EntreeRegistre):
    """A housing offer of a collectivité for students and interns on placement (P1.5)."""

    nom = models.CharField("logement", max_length=200, help_text="Par exemple : « Studio meublé près de la MSP ».")
    collectivite = models.CharField("collectivité qui le propose", max_length=200)
    places = models.PositiveSmallIntegerField("places")
    gratuit = models.BooleanField("gratuit pour l'étudiant ou l'interne", default=False)
    loyer_mensuel = models.DecimalField("loyer mensuel (€)", max_digits=8, decimal_places=2, null=True, blank=True)
    contact = models.CharField("contact", max_length=200, blank=True)

    class Meta(EntreeRegistre.Meta):
        verbose_name = "offre de logement pour les stagiaires"
        verbose_name_plural = "offres de logement pour les stagiaires"
        constraints = [
            *EntreeRegistre.Meta.constraints,
            models.CheckConstraint(
                condition=Q(gratuit=False) | Q(loyer_mensuel__isnull=True) | Q(loyer_mensuel=0),
                name="registres_logement_gratuit_sans_loyer",
                violation_error_message="Un logement gratuit n'a pas de loyer.",
            ),
        ]


class StructuresLiees(models.Model):
    """The MSP and centres de santé of the cpts registers an entry involves (never a copy of them)."""

    msp = models.ManyToManyField("cpts.Msp", verbose_name="MSP", related_name="%(class)s+", blank=True)
    centres_sante = models.ManyToManyField(
        "cpts.CentreSante", verbose_name="centres de santé", related_name="%(class)s+", blank=True
    )
    autres_structures = models.CharField(
        "autres structures", max_length=300, blank=True, help_text="EHPAD, établissements, cabinets…"
    )

    class Meta:
        abstract = True


class SiteTelemedecine(EntreeRegistre, StructuresLiees):
    """A site equipped for télémédecine (P2.2: « 94 sites équipés »)."""

    nom = models.CharField("site", max_length=200)
    type_site = models.CharField("type de site", max_length=15, choices=TypeSite.choices)
    activite = models.CharField("activité", max_length=20, choices=ActiviteTelemedecine.choices)
    thematiques = models.CharField(
        "thématiques", max_length=250, blank=True, help_text="Gériatrie, dermatologie, plaies et cicatrisation…"
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "site de télémédecine"
        verbose_name_plural = "sites de télémédecine"

    def __str__(self):
        return self.libelle


class ProtocoleCooperation(EntreeRegistre, StructuresLiees):
    """A protocole de coopération between health professionals authorised by the ARS (P1.6)."""

    nom = models.CharField("protocole", max_length=250)
    portee = models.CharField("portée", max_length=10, choices=PorteeProtocole.choices)
    professions_delegantes = models.CharField("professions délégantes", max_length=200)
    professions_deleguees = models.CharField("professions déléguées", max_length=200)
    professionnels = models.PositiveSmallIntegerField("professionnels adhérents", null=True, blank=True)

    class Meta(EntreeRegistre.Meta):
        verbose_name = "protocole de coopération"
        verbose_name_plural = "protocoles de coopération"

    def __str__(self):
        return self.libelle


class ConsultationAvancee(EntreeRegistre, ZoneALaDate):
    """A consultation avancée: a specialist consults regularly away from his usual place (P1.3), crossed with the
    zonage in force when it starts."""

    specialite = models.CharField("spécialité", max_length=20, choices=Specialite.choices)
    structure_accueil = models.CharField("structure d'accueil", max_length=200)
    msp = models.ForeignKey(
        "cpts.Msp", verbose_name="MSP d'accueil", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    centre_sante = models.ForeignKey(
        "cpts.CentreSante",
        verbose_name="centre de santé d'accueil",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origine = models.CharField(
        "praticiens venant de", max_length=200, help_text="Établissement ou cabinet d'origine des praticiens."
    )
    frequence = models.CharField("fréquence", max_length=15, choices=Frequence.choices)
    contrat = models.ForeignKey(
        "registres.ContratAide",
        verbose_name="contrat de solidarité territoriale (CSTM)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "consultation avancée"
        verbose_name_plural = "consultations avancées"

    @property
    def libelle(self) -> str:
        return f"{self.get_specialite_display()} — {self.structure_accueil}"


class OrganisationSoins(EntreeRegistre):
    """A piece of the permanence des soins ambulatoires or of the soins non programmés: a PDSA sector, an
    organisation of unscheduled care, a SAS, a maison médicale de garde (per territory)."""

    type = models.CharField("type", max_length=20, choices=TypeSoinsNonProgrammes.choices)
    nom = models.CharField("nom", max_length=200)
    porteur = models.CharField("porteur", max_length=200, blank=True, help_text="CPTS, association, établissement…")
    horaires = models.CharField("plages horaires", max_length=250, blank=True)
    effecteurs = models.PositiveSmallIntegerField("médecins participants", null=True, blank=True)
    regulation = models.BooleanField("accès régulé (centre 15 ou SAS)", default=False)

    class Meta(EntreeRegistre.Meta):
        verbose_name = "organisation de la PDSA ou des soins non programmés"
        verbose_name_plural = "PDSA et soins non programmés"


class Dac(EntreeRegistre):
    """A dispositif d'appui à la coordination (P3.4: « fusionner les dispositifs d'appui »), with the schemes it
    merged (PTA, MAIA, réseaux)."""

    nom = models.CharField("nom", max_length=200)
    porteur = models.CharField("structure porteuse", max_length=200)
    contact = models.CharField("contact", max_length=200, blank=True)

    class Meta(EntreeRegistre.Meta):
        verbose_name = "dispositif d'appui à la coordination (DAC)"
        verbose_name_plural = "dispositifs d'appui à la coordination (DAC)"


class DispositifFusionne(models.Model):
    """A PTA, MAIA or réseau de santé merged into a DAC: the fusion history."""

    dac = models.ForeignKey(Dac, on_delete=models.CASCADE, related_name="dispositifs_fusionnes")
    type = models.CharField("type", max_length=10, choices=TypeDispositifAnterieur.choices)
    nom = models.CharField("nom", max_length=200)
    date_fusion = models.DateField("fusionné le", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "dispositif fusionné dans le DAC"
        verbose_name_plural = "dispositifs fusionnés dans le DAC"
        ordering = ["date_fusion", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} : {self.nom}"


class Ght(EntreeRegistre):
    """A groupement hospitalier de territoire (« 1 GHT par département » in Centre-Val de Loire)."""

    nom = models.CharField("nom", max_length=200)
    etablissement_support = models.CharField("établissement support", max_length=200)
    finess_support = models.CharField(
        "FINESS de l'établissement support", max_length=9, blank=True, validators=[finess_validator]
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "groupement hospitalier de territoire (GHT)"
        verbose_name_plural = "groupements hospitaliers de territoire (GHT)"


class EtablissementGht(models.Model):
    """A member establishment of a GHT."""

    ght = models.ForeignKey(Ght, on_delete=models.CASCADE, related_name="membres")
    nom = models.CharField("établissement", max_length=200)
    finess = models.CharField("FINESS", max_length=9, blank=True, validators=[finess_validator])
    commune = models.ForeignKey(
        "territoires.Commune", verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "établissement membre du GHT"
        verbose_name_plural = "établissements membres du GHT"
        ordering = ["nom", "pk"]

    def __str__(self):
        return self.nom


class ProjetTerritorial(EntreeRegistre):
    """The projet territorial de santé of a département, with its conseil territorial de santé, its stages and
    documents."""

    nom = models.CharField("intitulé", max_length=250)
    conseil_territorial = models.CharField("conseil territorial de santé (CTS)", max_length=200)

    class Meta(EntreeRegistre.Meta):
        verbose_name = "projet territorial de santé"
        verbose_name_plural = "projets territoriaux de santé"


class EtapeProjet(models.Model):
    """A dated stage of a projet territorial de santé."""

    projet = models.ForeignKey(ProjetTerritorial, on_delete=models.CASCADE, related_name="etapes")
    etape = models.CharField("étape", max_length=20, choices=EtapePts.choices)
    date = models.DateField("date")
    commentaire = models.CharField("commentaire", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "étape du projet territorial de santé"
        verbose_name_plural = "étapes du projet territorial de santé"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_etape_display()} ({fr_date(self.date)})"


class EffectifMedecins(EntreeRegistre):
    """A census of the general practitioners of a TVS on a date (`date_debut`): the base from which the movements
    register counts who is left (alerts « dernier médecin généraliste », share aged 60 and over)."""

    tvs = models.ForeignKey(
        "territoires.TerritoireVieSante",
        verbose_name="territoire de vie-santé",
        on_delete=models.PROTECT,
        related_name="+",
    )
    medecins_generalistes = models.PositiveSmallIntegerField("médecins généralistes en exercice")
    dont_60_ans_et_plus = models.PositiveSmallIntegerField(
        "dont âgés de 60 ans et plus",
        null=True,
        blank=True,
        validators=[MaxValueValidator(2000)],
        help_text="Vide quand les âges ne sont pas connus.",
    )

    class Meta(EntreeRegistre.Meta):
        verbose_name = "effectif de médecins généralistes d'un TVS"
        verbose_name_plural = "effectifs de médecins généralistes par TVS"
        constraints = [
            *EntreeRegistre.Meta.constraints,
            models.CheckConstraint(
                condition=Q(dont_60_ans_et_plus__isnull=True) | Q(dont_60_ans_et_plus__lte=F("medecins_generalistes")),
                name="registres_effectif_seniors_inclus",
                violation_error_message="Les médecins de 60 ans et plus sont compris dans l'effectif.",
            ),
        ]

    @property
    def libelle(self) -> str:
        return f"{self.tvs.nom} au {fr_date(self.date_debut)}" if self.date_debut else self.tvs.nom
