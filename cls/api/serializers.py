from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cls.models import ContratLocalSante, FicheAction, Signataire
from cls.services.regles import regles_du_contrat
from referentiel.api.serializers import ParametreSerializer


def regle_data(regle) -> dict:
    """A `RegleAffichee`: the region's rule, or null with the other regions' rows as references only."""
    return {
        "regle_regionale": ParametreSerializer(regle.parametre).data if regle.parametre else None,
        "references_autres_regions": ParametreSerializer(regle.references, many=True).data,
    }


class ContratSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(source="public_id", read_only=True)
    departement = serializers.CharField(
        source="departement.code", read_only=True, help_text="Département pilote (sa délégation instruit le contrat)."
    )
    departements = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Tous les départements concernés, pilote compris."
    )
    porteur = serializers.CharField(source="porteur.nom", read_only=True)
    etape_libelle = serializers.CharField(source="get_etape_display", read_only=True)
    predecesseur = serializers.UUIDField(source="predecessor.public_id", read_only=True, default=None, allow_null=True)

    class Meta:
        model = ContratLocalSante
        fields = [
            "uuid",
            "nom",
            "porteur",
            "departement",
            "departements",
            "rang",
            "predecesseur",
            "etape",
            "etape_libelle",
            "population",
            "date_signature",
            "duree_annees",
            "date_fin",
            "is_fictif",
        ]


class SignataireSerializer(serializers.ModelSerializer):
    type_libelle = serializers.CharField(source="get_type_display", read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True, default=None, allow_null=True)
    nom = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Signataire
        fields = ["type", "type_libelle", "organisation", "nom"]


class ContratDetailSerializer(ContratSerializer):
    axes = serializers.SerializerMethodField()
    communes = serializers.SlugRelatedField(source="perimetre", slug_field="code_insee", many=True, read_only=True)
    signataires = SignataireSerializer(many=True, read_only=True)
    successeur = serializers.SerializerMethodField()
    regles = serializers.SerializerMethodField()

    class Meta(ContratSerializer.Meta):
        fields = [*ContratSerializer.Meta.fields, "axes", "communes", "signataires", "successeur", "regles"]

    def get_axes(self, contrat) -> list[str]:
        return [axe.intitule for axe in contrat.axes.all()]

    def get_successeur(self, contrat) -> str | None:
        successor = ContratLocalSante.objects.filter(predecessor=contrat).values_list("public_id", flat=True).first()
        return str(successor) if successor else None

    @extend_schema_field(serializers.DictField())
    def get_regles(self, contrat) -> dict:
        """The rules of the contract's region today: threshold, duration, ingénierie (or none, with references)."""
        regles = regles_du_contrat(contrat)
        simulation = regles.simulation
        return {
            "region": regles.region_code,
            "seuil_population": {**regle_data(regles.seuil), "sous_seuil": regles.sous_seuil},
            "duree": [regle_data(regle) for regle in regles.duree],
            "etapes": regle_data(regles.etapes),
            "ingenierie": {
                "calculee": simulation.calculee,
                "motif": simulation.motif,
                "etp": simulation.etp,
                "montant_max": simulation.montant_max,
                "ambiguite": simulation.ambiguite,
                "regles": [regle_data(regle) for regle in simulation.regles],
                "cofinancement": regle_data(simulation.cofinancement),
            },
        }


class FicheSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(source="public_id", read_only=True)
    axe = serializers.CharField(source="axe.intitule", read_only=True, default=None, allow_null=True)
    statut_libelle = serializers.CharField(source="get_statut_display", read_only=True)
    en_retard = serializers.BooleanField(read_only=True)
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = FicheAction
        fields = [
            "uuid",
            "numero",
            "axe",
            "intitule",
            "objectifs",
            "pilote_organisation",
            "public_cible",
            "date_debut",
            "date_fin",
            "statut",
            "statut_libelle",
            "en_retard",
            "budget_total",
            "indicateur_libre",
        ]
