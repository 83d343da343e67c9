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


class SourceBriefSerializer(serializers.Serializer):
    titre = serializers.CharField()
    auteur = serializers.CharField()
    date = serializers.CharField(
        help_text="Date telle que publiée (« décembre 2017 ») ; vide si la source n'est pas datée."
    )
    url = serializers.CharField()
    precision = serializers.CharField(help_text="Page, article ou passage.")


class MontantSerializer(serializers.Serializer):
    """A figure of an aid, as the référentiel holds it."""

    code = serializers.CharField(help_text="Précision de la valeur au référentiel (montant_max, taux, ZIP…).")
    libelle = serializers.CharField()
    valeur = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    unite = serializers.CharField()
    valeur_affichee = serializers.CharField(help_text="Par ex. « ≤ 50 000 € ».")
    a_confirmer = serializers.BooleanField()
    valide_du = serializers.DateField()
    source = SourceBriefSerializer()

    @staticmethod
    def build(row) -> dict:
        return {
            "code": row.cle,
            "libelle": row.libelle,
            "valeur": row.valeur,
            "unite": row.unite,
            "valeur_affichee": row.valeur_affichee,
            "a_confirmer": row.a_confirmer,
            "valide_du": row.valide_du,
            "source": {
                "titre": row.source.titre,
                "auteur": row.source.auteur,
                "date": row.source.date_affichee,
                "url": row.source.url,
                "precision": row.source_precision,
            },
        }


class AideBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField()
    a_confirmer = serializers.BooleanField(help_text="L'aide elle-même (existence, conditions) est à confirmer.")
    montants = MontantSerializer(many=True, help_text="Montants, durées et critères, tirés du référentiel.")

    @staticmethod
    def build(aide) -> dict:
        return {
            "code": aide.code,
            "libelle": aide.libelle,
            "a_confirmer": aide.a_confirmer,
            "montants": [MontantSerializer.build(row) for row in getattr(aide, "montants", [])],
        }


class AideCommuneSerializer(AideBriefSerializer):
    eligible = serializers.BooleanField(allow_null=True, help_text="null : critère non vérifiable dans le portail.")
    motif = serializers.CharField()


class ZonageSerializer(serializers.Serializer):
    profession = serializers.CharField(help_text="Code de la profession, ex. « medecin-generaliste ».")
    zone = serializers.CharField(help_text="Code de la zone, ex. ZIP, ZAC, ZV, HC.")
    zone_libelle = serializers.CharField()
    arrete = ArreteBriefSerializer()
    aides = AideBriefSerializer(many=True)


def _aides_of(row):
    """The aids of a row's zone: attached to the row (`row.aides`, zonage.api.contexte), else prefetched."""
    aides = getattr(row, "aides", None)
    return row.zone.aides.all() if aides is None else aides


class CommuneZonageSerializer(serializers.Serializer):
    commune = CommuneBriefSerializer()
    zonages = ZonageSerializer(many=True)
    aides_commune = AideCommuneSerializer(
        many=True, help_text="Aides ouvertes par un critère sur la commune (population, ZRR ou FRR), pas par une zone."
    )

    @staticmethod
    def build(commune, rows, aides_commune=()) -> dict:
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
                    "aides": [AideBriefSerializer.build(aide) for aide in _aides_of(row)],
                }
                for row in rows
            ],
            "aides_commune": [
                {**AideBriefSerializer.build(item.aide), "eligible": item.eligible, "motif": item.motif}
                for item in aides_commune
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
            "millesime_population",
            "version_tvs",
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
