"""One serializer for every register: the shared fields, then `champs` (the register's own fields, its personal
data only for the competent ARS)."""

from django.urls import reverse
from rest_framework import serializers

from registres.display import valeur_api


class EntreeSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    registre = serializers.CharField(read_only=True, help_text="Code du registre.")
    libelle = serializers.CharField(read_only=True)
    departement = serializers.CharField(read_only=True, help_text="Code du département.")
    commune = serializers.CharField(read_only=True, allow_null=True, help_text="Code INSEE de la commune.")
    communes = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Périmètre (codes INSEE)."
    )
    date_debut = serializers.DateField(read_only=True, allow_null=True)
    date_fin = serializers.DateField(read_only=True, allow_null=True)
    statut = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)
    zone = serializers.CharField(
        read_only=True, allow_null=True, help_text="Zone du zonage médecins à la date de l'entrée (calculée)."
    )
    champs = serializers.DictField(read_only=True, help_text="Les champs propres au registre (codes des choix).")
    fictif = serializers.BooleanField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="La fiche sur le portail.")

    def to_representation(self, entree):
        registre, personnels = self.context["registre"], self.context["personnels"]
        return {
            "public_id": str(entree.public_id),
            "registre": registre.code,
            "libelle": entree.libelle,
            "departement": entree.departement.code,
            "commune": entree.commune.code_insee if entree.commune_id else None,
            "communes": valeur_api(entree, "communes") if registre.perimetre else [],
            "date_debut": entree.date_debut.isoformat() if entree.date_debut else None,
            "date_fin": entree.date_fin.isoformat() if entree.date_fin else None,
            "statut": entree.statut,
            "source": entree.source,
            "zone": (entree.zone.code if entree.zone_id else None) if registre.has_zone else None,
            "champs": {name: valeur_api(entree, name) for name in registre.champs_visibles(personnels)},
            "fictif": entree.is_fictif,
            "url": reverse("registres:detail", args=[registre.code, entree.public_id]),
        }


class RegistreSerializer(serializers.Serializer):
    code = serializers.CharField()
    titre = serializers.CharField()
    mesure = serializers.CharField()
    indicateurs = serializers.ListField(child=serializers.CharField())
    nombre = serializers.IntegerField(help_text="Entrées que vous pouvez lire.")
    url = serializers.CharField()
