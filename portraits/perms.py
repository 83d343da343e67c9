"""Who sees what of a portrait de territoire (the page itself is public)."""

from comptes.perms import get_scope


def can_view_portrait_details(user, *, region_ids, departement_ids) -> bool:
    """Les blocs réservés du portrait (CLS et CPTS à toutes les étapes avec leurs missions, fiches et référents,
    indicateurs, financements reçus, chevauchements) sont montrés aux agents de l'ARS compétents pour TOUT le
    périmètre : le siège pour les communes de sa région, une délégation pour celles de ses départements. Un
    périmètre qui en déborde, et toute autre personne, voient le portrait public (population, zonage, aides,
    structures, CLS et CPTS signés)."""
    scope = get_scope(user)
    region_ids, departement_ids = set(region_ids), set(departement_ids)
    if not region_ids or not departement_ids:
        return False
    if scope.is_siege and region_ids <= scope.region_ids:
        return True
    return scope.is_delegation and departement_ids <= scope.departement_ids


def can_download_portrait(user, portrait) -> bool:
    """Un portrait public se télécharge par quiconque en a le lien ; un portrait des agents de l'ARS, par la
    personne qui l'a demandé et par les agents compétents pour tout son périmètre."""
    if portrait.audience != "ars":
        return True
    if portrait.requested_by_id is not None and portrait.requested_by_id == getattr(user, "pk", None):
        return True
    return can_view_portrait_details(user, region_ids=portrait.regions, departement_ids=portrait.departements)


def can_attach_portrait(user, dossier) -> bool:
    """Un membre « saisie » ou « gestionnaire » de la collectivité joint le portrait à sa lettre d'intention CLS
    comme diagnostic, tant que les pièces de la lettre peuvent changer (brouillon, ou complément qui les ouvre)."""
    from cls.services.lettres import KIND
    from instruction.perms import can_edit_dossier

    return dossier.kind == KIND and can_edit_dossier(user, dossier)


def registres_du_portrait(audience: str) -> list:
    """Les registres du plan dont le portrait montre les chiffres, selon `registres.perms` : aucun registre n'est
    public (`can_view_registres` : agents de l'ARS et comité d'évaluation) ; le portrait des agents de l'ARS
    compétents pour tout le périmètre montre tous ceux qu'un agent de l'ARS lit (`can_view_registre` : les
    registres réservés à l'ARS, comme les mouvements de médecins, compris)."""
    from registres.declarations import registres
    from registres.enums import Lecteurs

    if audience != "ars":
        return []
    return [registre for registre in registres() if registre.lecteurs in (Lecteurs.ARS, Lecteurs.ARS_ET_COMITE)]
