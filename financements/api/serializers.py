from rest_framework import serializers

from financements.models import Engagement, Enveloppe


class EnveloppeSerializer(serializers.ModelSerializer):
    departements = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    engage = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    verse = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    disponible = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    programmes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Enveloppe
        fields = [
            "public_id",
            "financeur",
            "annee",
            "libelle",
            "programmes",
            "montant",
            "engage",
            "verse",
            "disponible",
            "departements",
            "is_fictif",
        ]


class EngagementSerializer(serializers.ModelSerializer):
    enveloppe = serializers.UUIDField(source="enveloppe.public_id", read_only=True)
    enveloppe_libelle = serializers.CharField(source="enveloppe.libelle", read_only=True)
    beneficiaire = serializers.UUIDField(source="beneficiaire.public_id", read_only=True)
    beneficiaire_libelle = serializers.CharField(source="beneficiaire.libelle", read_only=True)
    programme = serializers.CharField(source="beneficiaire.programme", read_only=True)
    departement = serializers.CharField(source="beneficiaire.departement.code", read_only=True)
    verse = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    statut = serializers.CharField(source="statut_calcule", read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "public_id",
            "enveloppe",
            "enveloppe_libelle",
            "beneficiaire",
            "beneficiaire_libelle",
            "programme",
            "departement",
            "montant",
            "verse",
            "statut",
            "date_decision",
            "reference_convention",
            "date_annulation",
        ]
