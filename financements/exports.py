"""Rows of the commitments export (CSV / XLSX through config.exports)."""

HEADER = [
    "Identifiant",
    "Enveloppe",
    "Financeur",
    "Année",
    "Bénéficiaire",
    "Programme",
    "Département",
    "Montant engagé (€)",
    "Versé (€)",
    "Reste à verser (€)",
    "Statut",
    "Date de décision",
    "Référence de la convention",
    "Fictive",
]


def rows(queryset):
    """`queryset` comes from `with_list_data()` (derived status and paid amount annotated)."""
    for engagement in queryset:
        yield [
            str(engagement.public_id),
            engagement.enveloppe.libelle,
            engagement.enveloppe.get_financeur_display(),
            engagement.enveloppe.annee,
            engagement.beneficiaire.libelle,
            engagement.beneficiaire.get_programme_display(),
            engagement.beneficiaire.departement.code,
            engagement.montant,
            engagement.verse,
            engagement.reste,
            engagement.get_statut_calcule_display(),
            engagement.date_decision,
            engagement.reference_convention,
            "oui" if engagement.enveloppe.is_fictif else "non",
        ]
