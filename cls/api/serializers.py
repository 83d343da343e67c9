from rest_framework import serializers

from cls.models import ContratLocalSante, FicheAction


class ContratSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(source="public_id", read_only=True)
    departement = serializers.CharField(source="departement.code", read_only=True)
    porteur = serializers.CharField(source="porteur.nom", read_only=True)
    etape_libelle = serializers.CharField(source="get_etape_display", read_only=True)

    class Meta:
        model = ContratLocalSante
        fields = [
            "uuid",
            "nom",
            "porteur",
            "departement",
            "etape",
            "etape_libelle",
            "population",
            "date_signature",
            "duree_annees",
            "date_fin",
            "is_fictif",
        ]


class ContratDetailSerializer(ContratSerializer):
    axes = serializers.SerializerMethodField()
    communes = serializers.SlugRelatedField(source="perimetre", slug_field="code_insee", many=True, read_only=True)

    class Meta(ContratSerializer.Meta):
        fields = [*ContratSerializer.Meta.fields, "axes", "communes"]

    def get_axes(self, contrat) -> list[str]:
        return [axe.intitule for axe in contrat.axes.all()]


class FicheSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(source="public_id", read_only=True)
    axe = serializers.CharField(source="axe.intitule", read_only=True, default=None)
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
