"""CSV / XLSX exports of the filtered lists (same FilterSet as the pages)."""

from django.utils import timezone

from cpts.services.msp import msp_eligibilite, msp_minima

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CPTS_HEADER = [
    "Identifiant",
    "Nom",
    "Forme juridique",
    "Organisation porteuse",
    "Département",
    "Population",
    "Taille",
    "Étape",
    "Lettre validée le",
    "Projet de santé validé le",
    "ACI signé le",
    "Fin de l'ACI",
    "Mission en retard",
    "Fictive",
]
MSP_HEADER = [
    "Identifiant",
    "Type",
    "Nom",
    "Département",
    "Communes",
    "Statut",
    "SISA",
    "Médecins généralistes",
    "Paramédicaux",
    "Équipe minimale",
    "Projet de santé validé le",
    "ACI signé le",
    "Fictive",
]


def cpts_rows(queryset):
    for cpts in queryset:
        yield [
            str(cpts.public_id),
            cpts.nom,
            cpts.get_forme_juridique_display(),
            cpts.porteur.nom,
            cpts.departement.code,
            cpts.population,
            cpts.taille,
            cpts.get_etape_display(),
            cpts.date_lettre_validee,
            cpts.date_projet_valide,
            cpts.date_aci,
            cpts.date_fin_aci,
            "oui" if cpts.mission_en_retard else "non",
            "oui" if cpts.is_fictif else "non",
        ]


def msp_rows(queryset):
    today = timezone.localdate()
    minima = msp_minima(on=today)
    for msp in queryset:
        eligibilite = msp_eligibilite(msp=msp, on=today, minima=minima)
        yield [
            str(msp.public_id),
            msp.get_type_display(),
            msp.nom,
            msp.departement.code,
            ", ".join(site.commune.nom for site in msp.sites.all()),
            msp.get_statut_display(),
            "oui" if msp.sisa else "non",
            eligibilite.medecins,
            eligibilite.paramedicaux,
            "oui" if eligibilite.equipe_ok else "non",
            msp.date_projet_sante,
            msp.date_aci,
            "oui" if msp.is_fictif else "non",
        ]
