"""Aid contracts in the funding ledger: a contract funded by the ARS or a collectivité is a beneficiary of the
ledger (`financements.Beneficiaire`, programme « Contrat d'aide »). The ARS amount is committed on the envelope
chosen on the contract (prefilled once, never recomputed: the ledger owns it afterwards); a collectivité's amount
is a co-financing line of that beneficiary, kept equal to the contract's amount."""

from registres.enums import COLLECTIVITES, Financeur


def _financeur_ledger(financeur: str) -> str:
    from financements.enums import Financeur as LedgerFinanceur

    return LedgerFinanceur.REGION if financeur == Financeur.REGION else LedgerFinanceur.COLLECTIVITES


def contrat_ledger(contrat, by) -> None:
    """`Registre.enregistrement` of the aid contracts: called after each save, in the same transaction."""
    from financements.enums import Programme, StatutCofinancement
    from financements.services import beneficiaire_create, cofinancement_add, engagement_add

    if contrat.financeur != Financeur.ARS and contrat.financeur not in COLLECTIVITES:
        return
    if contrat.beneficiaire_id is None:
        contrat.beneficiaire = beneficiaire_create(
            programme=Programme.CONTRAT_AIDE, libelle=contrat.libelle, departement=contrat.departement
        )
        type(contrat).objects.filter(pk=contrat.pk).update(beneficiaire=contrat.beneficiaire)
    beneficiaire = contrat.beneficiaire
    if not contrat.montant:
        return
    if contrat.financeur == Financeur.ARS:
        if contrat.enveloppe_id and not beneficiaire.engagements.filter(enveloppe_id=contrat.enveloppe_id).exists():
            engagement_add(
                enveloppe=contrat.enveloppe,
                beneficiaire=beneficiaire,
                montant=contrat.montant,
                by=by,
                date_decision=contrat.date_signature,
                reference_convention=f"{contrat.aide.code} — {contrat.public_id}"[:100],
            )
        return
    line = beneficiaire.cofinancements.first()
    if line is None:
        cofinancement_add(
            beneficiaire=beneficiaire,
            financeur=_financeur_ledger(contrat.financeur),
            montant=contrat.montant,
            annee=contrat.date_signature.year,
            by=by,
            organisation=contrat.financeur_nom,
            statut=StatutCofinancement.ACQUIS,
        )
    elif (line.montant, line.organisation) != (contrat.montant, contrat.financeur_nom):
        line.montant, line.organisation = contrat.montant, contrat.financeur_nom
        line.full_clean()
        line.save()
