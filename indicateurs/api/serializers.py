from rest_framework import serializers

from indicateurs.models import Indicateur, Valeur


class IndicateurSerializer(serializers.ModelSerializer):
    unite_libelle = serializers.CharField(source="get_unite_display", read_only=True)
    sens_source = serializers.CharField(source="sens_source_affichee", read_only=True)
    mesures = serializers.SerializerMethodField(help_text="Mesures du plan d'accès aux soins suivies (« P1.1 »).")

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
            "sens_source",
            "sens_a_confirmer",
            "priorite",
            "mesures",
            "niveaux",
            "mode",
        ]

    def get_mesures(self, indicateur) -> list[str]:
        # `mesures`: the reverse side of acces_soins.Mesure.indicateurs (declared above this app, never imported)
        return [f"P{mesure.priorite.numero}.{mesure.numero}" for mesure in indicateur.mesures.all()]


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
