from rest_framework import serializers

from zonage.models import ArreteZonage, Classement


class CommuneBriefSerializer(serializers.Serializer):
    code_insee = serializers.CharField()
    nom = serializers.CharField()
    population = serializers.IntegerField(allow_null=True, help_text="Population municipale.")
    departement = serializers.CharField(help_text="Code INSEE du département.")


class ArreteBriefSerializer(serializers.Serializer):
    reference = serializers.CharField()
    date_effet = serializers.DateField(allow_null=True)


class AideBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField()


class ZonageSerializer(serializers.Serializer):
    profession = serializers.CharField(help_text="Code de la profession, ex. « medecin-generaliste ».")
    zone = serializers.CharField(help_text="Code de la zone, ex. ZIP, ZAC, ZV, HC.")
    zone_libelle = serializers.CharField()
    arrete = ArreteBriefSerializer()
    aides = AideBriefSerializer(many=True)


class CommuneZonageSerializer(serializers.Serializer):
    commune = CommuneBriefSerializer()
    zonages = ZonageSerializer(many=True)

    @staticmethod
    def build(commune, rows) -> dict:
        return {
            "commune": {
                "code_insee": commune.code_insee,
                "nom": commune.nom,
                "population": commune.population,
                "departement": commune.departement.code,
            },
            "zonages": [
                {
                    "profession": row.arrete.profession.code,
                    "zone": row.zone.code,
                    "zone_libelle": row.zone.libelle,
                    "arrete": {"reference": row.arrete.reference, "date_effet": row.arrete.date_effet},
                    "aides": [{"code": aide.code, "libelle": aide.libelle} for aide in row.zone.aides.all()],
                }
                for row in rows
            ],
        }


class ArreteSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    profession = serializers.CharField(source="profession.code")
    profession_libelle = serializers.CharField(source="profession.libelle")
    region = serializers.CharField(source="region.code")
    statut_libelle = serializers.CharField(source="get_statut_display")

    class Meta:
        model = ArreteZonage
        fields = [
            "id",
            "profession",
            "profession_libelle",
            "region",
            "reference",
            "titre",
            "methodologie",
            "statut",
            "statut_libelle",
            "date_signature",
            "date_effet",
            "date_fin",
            "document_url",
        ]


class ClassementSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField()
    code = serializers.SerializerMethodField()
    nom = serializers.SerializerMethodField()
    zone = serializers.CharField(source="zone.code")
    zone_libelle = serializers.CharField(source="zone.libelle")

    class Meta:
        model = Classement
        fields = ["type", "code", "nom", "zone", "zone_libelle", "apl"]

    def get_type(self, row) -> str:
        return "tvs" if row.tvs_id else "commune"

    def get_code(self, row) -> str:
        return row.tvs.code if row.tvs_id else row.commune.code_insee

    def get_nom(self, row) -> str:
        return row.tvs.nom if row.tvs_id else row.commune.nom
