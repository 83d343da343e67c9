from rest_framework import serializers

from cpts.enums import Taille
from cpts.models import CentreSante, Cpts, EquipeSoinsPrimaires, MissionCpts, Msp, ProfessionnelMsp, SiteMsp


class CptsSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement.code")
    porteur = serializers.CharField(source="porteur.nom")
    etape_libelle = serializers.CharField(source="get_etape_display")
    mission_en_retard = serializers.BooleanField(read_only=True)
    # Not editable on the model, so declared here: empty until the ACI is signed (the schema says so).
    taille_signature = serializers.ChoiceField(
        choices=Taille.choices, allow_blank=True, read_only=True, label="Taille à la signature de l'ACI"
    )

    class Meta:
        model = Cpts
        fields = [
            "public_id",
            "nom",
            "forme_juridique",
            "porteur",
            "departement",
            "population",
            "taille",
            "taille_signature",
            "etape",
            "etape_libelle",
            "date_lettre_validee",
            "date_projet_depose",
            "date_projet_valide",
            "date_aci",
            "date_fin_aci",
            "mission_en_retard",
            "is_fictif",
        ]


class MissionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="mission.code")
    libelle = serializers.CharField(source="mission.libelle")
    type = serializers.CharField(source="mission.type")
    statut = serializers.SerializerMethodField()

    class Meta:
        model = MissionCpts
        fields = [
            "code",
            "libelle",
            "type",
            "echeance_demarrage",
            "echeance_deploiement",
            "date_demarrage",
            "date_deploiement",
            "statut",
        ]

    def get_statut(self, obj) -> str:
        return obj.statut(self.context["today"])


class CptsDetailSerializer(CptsSerializer):
    communes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code_insee")
    missions = MissionSerializer(many=True, read_only=True)

    class Meta(CptsSerializer.Meta):
        fields = [*CptsSerializer.Meta.fields, "communes", "missions"]


class SiteSerializer(serializers.ModelSerializer):
    commune = serializers.CharField(source="commune.code_insee")
    commune_nom = serializers.CharField(source="commune.nom")

    class Meta:
        model = SiteMsp
        fields = ["commune", "commune_nom", "adresse", "principal"]


class ProfessionnelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProfessionnelMsp
        fields = ["profession", "nombre"]


class MspSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement.code")
    sites = SiteSerializer(many=True, read_only=True)
    professionnels = ProfessionnelSerializer(many=True, read_only=True)

    class Meta:
        model = Msp
        fields = [
            "public_id",
            "nom",
            "departement",
            "statut",
            "sisa",
            "date_sisa",
            "patientele",
            "date_projet_sante",
            "date_aci",
            "sites",
            "professionnels",
            "is_fictif",
        ]


class StructureSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement.code")
    commune = serializers.CharField(source="commune.code_insee", default=None, allow_null=True)
    commune_nom = serializers.CharField(source="commune.nom", default=None, allow_null=True)

    class Meta:
        fields = ["public_id", "nom", "departement", "commune", "commune_nom", "statut", "is_fictif"]


class CentreSanteSerializer(StructureSerializer):
    professionnels = ProfessionnelSerializer(many=True, read_only=True)

    class Meta(StructureSerializer.Meta):
        model = CentreSante
        fields = [
            *StructureSerializer.Meta.fields,
            "sous_type",
            "gestionnaire_type",
            "gestionnaire_nom",
            "finess",
            "date_ouverture",
            "date_fermeture",
            "date_projet_sante",
            "date_accord_national",
            "professionnels",
        ]


class EspSerializer(StructureSerializer):
    class Meta(StructureSerializer.Meta):
        model = EquipeSoinsPrimaires
        fields = [
            *StructureSerializer.Meta.fields,
            "date_constitution",
            "date_fin",
            "nb_medecins_generalistes",
            "nb_autres_professionnels",
        ]
