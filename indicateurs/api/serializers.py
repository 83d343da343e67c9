from rest_framework import serializers

from indicateurs.models import Indicateur, Valeur


class IndicateurSerializer(serializers.ModelSerializer):
    unite_libelle = serializers.CharField(source="get_unite_display", read_only=True)

    class Meta:
        model = Indicateur
        fields = [
            "code",
            "libelle",
            "definition",
            "methode",
            "unite",
            "unite_libelle",
            "source",
            "periodicite",
            "sens",
            "priorite",
            "mesure",
            "niveaux",
            "mode",
        ]


class ValeurSerializer(serializers.ModelSerializer):
    indicateur = serializers.CharField(source="indicateur.code", read_only=True)
    territoire = serializers.CharField(source="perimetre.key", read_only=True, help_text="niveau:code")
    territoire_libelle = serializers.CharField(source="perimetre.libelle", read_only=True)
    valeur = serializers.DecimalField(
        max_digits=14, decimal_places=3, allow_null=True, read_only=True, help_text="Vide si secret statistique."
    )

    class Meta:
        model = Valeur
        fields = [
            "indicateur",
            "territoire",
            "territoire_libelle",
            "periode",
            "valeur",
            "secret",
            "provenance",
            "saisi_le",
            "fictif",
        ]
