from rest_framework import serializers

from referentiel.models import Parametre, Source


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["code", "titre", "auteur", "nature", "date", "date_libelle", "region_code", "url"]


class ParametreSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)
    region = serializers.SerializerMethodField(help_text="Code INSEE de la région ; null pour une règle nationale.")
    borne = serializers.CharField(read_only=True, help_text="« inclusive » (≤, ≥), « exclusive » (<, >) ou vide.")
    valeur_affichee = serializers.CharField(read_only=True)

    class Meta:
        model = Parametre
        fields = [
            "id",
            "domaine",
            "code",
            "cle",
            "libelle",
            "valeur",
            "texte",
            "unite",
            "operateur",
            "borne",
            "valeur_affichee",
            "region",
            "valide_du",
            "valide_au",
            "source",
            "source_precision",
            "a_confirmer",
            "note",
        ]

    def get_region(self, row) -> str | None:
        return row.region_code or None
