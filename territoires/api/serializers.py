from rest_framework import serializers

from territoires.models import Commune


class CommuneSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement.code", help_text="Code INSEE du département.")
    epci = serializers.CharField(source="epci.siren", allow_null=True, help_text="SIREN de l'EPCI à fiscalité propre.")
    epci_nom = serializers.CharField(source="epci.nom", allow_null=True)

    class Meta:
        model = Commune
        fields = ["code_insee", "nom", "population", "departement", "epci", "epci_nom", "codes_postaux"]
