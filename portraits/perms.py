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


def portrait_audience(user, *, region_ids, departement_ids, region_codes) -> str:
    """What the user sees of the portrait of a perimeter: the ARS's blocks when competent for all of it
    (`can_view_portrait_details`); else the public blocks, with the registers' figures for whoever reads the
    registers of all its départements (`registres.perms.can_view_registres_in`: the comité d'évaluation in its
    region)."""
    from portraits.enums import Audience
    from registres.perms import can_view_registres_in

    if can_view_portrait_details(user, region_ids=region_ids, departement_ids=departement_ids):
        return Audience.ARS
    if can_view_registres_in(user, departement_ids=departement_ids, region_codes=region_codes):
        return Audience.COMITE
    return Audience.PUBLIC


def can_download_portrait(user, portrait) -> bool:
    """Un portrait public se télécharge par quiconque en a le lien ; un portrait des agents de l'ARS (ou du comité
    d'évaluation), par la personne qui l'a demandé et par qui verrait le même portrait de son périmètre."""
    if portrait.audience == "public":
        return True
    if portrait.requested_by_id is not None and portrait.requested_by_id == getattr(user, "pk", None):
        return True
    if portrait.audience == "ars":
        return can_view_portrait_details(user, region_ids=portrait.regions, departement_ids=portrait.departements)
    from registres.perms import can_view_registres_in
    from territoires.models import Region

    codes = Region.objects.filter(pk__in=portrait.regions).values_list("code", flat=True)
    return can_view_registres_in(user, departement_ids=portrait.departements, region_codes=set(codes))


def can_attach_portrait(user, dossier) -> bool:
    """Un membre « saisie » ou « gestionnaire » de la collectivité joint le portrait à sa lettre d'intention CLS
    comme diagnostic, tant que les pièces de la lettre peuvent changer (brouillon, ou complément qui les ouvre)."""
    from cls.services.lettres import KIND
    from instruction.perms import can_edit_dossier

    return dossier.kind == KIND and can_edit_dossier(user, dossier)


def registres_du_portrait(user, audience: str) -> list:
    """Les registres du plan dont le portrait montre les chiffres : aucun au public (aucun registre n'est public) ;
    au portrait des agents de l'ARS et du comité d'évaluation, ceux que `registres.perms.can_view_registre` ouvre
    au lecteur (le comité ne lit pas les registres réservés à l'ARS, comme les mouvements de médecins)."""
    from registres.declarations import registres
    from registres.perms import can_view_registre

    if audience == "public":
        return []
    return [registre for registre in registres() if can_view_registre(user, registre)]
