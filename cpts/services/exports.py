"""CSV / XLSX exports of the filtered lists (same FilterSet as the pages)."""

from django.utils import timezone

from cpts.services.msp import msp_eligibilite, msp_fin_aci, msp_regles
from cpts.services.regles import RegleManquante, region_of

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
    "Nom",
    "Département",
    "Communes",
    "Statut",
    "SISA",
    "Médecins généralistes",
    "Paramédicaux",
    "Équipe minimale",
    "SISA (règle du délai)",
    "Projet de santé validé le",
    "ACI signé le",
    "Fin de l'ACI",
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


def _fin_aci(msp):
    """The end of the ACI from the duration in force on its signature date (one query per signed MSP), or the
    reason it cannot be computed."""
    try:
        return msp_fin_aci(msp=msp)
    except RegleManquante:
        return "durée absente du référentiel à la date de signature"


def msp_rows(queryset):
    """One row per MSP; the rules of each region are read once (register)."""
    today = timezone.localdate()
    rules: dict[str, object] = {}
    for msp in queryset:
        region = region_of(msp)
        if region not in rules:
            rules[region] = msp_regles(region=region, on=today)
        eligibilite = msp_eligibilite(msp=msp, on=today, rows=rules[region])
        yield [
            str(msp.public_id),
            msp.nom,
            msp.departement.code,
            ", ".join(site.commune.nom for site in msp.sites.all()),
            msp.get_statut_display(),
            "oui" if msp.sisa else "non",
            eligibilite.medecins,
            eligibilite.paramedicaux,
            "oui" if eligibilite.equipe_ok else "non",
            eligibilite.sisa.libelle,
            msp.date_projet_sante,
            msp.date_aci,
            _fin_aci(msp),
            "oui" if msp.is_fictif else "non",
        ]
