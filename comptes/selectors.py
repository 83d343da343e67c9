"""Reads about organisations that other apps need without touching the models."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from comptes.enums import Role
from comptes.models import IdentiteRegionale, Membership
from territoires.models import Departement, Region

ARS_PREFIX = "Agence régionale de santé"


def nom_derive(region_nom: str) -> str:
    """« Agence régionale de santé Centre-Val de Loire »: an ARS named after its région, for a région without an
    identity row (or before its row is confirmed)."""
    return f"{ARS_PREFIX} {region_nom}"


@dataclass(frozen=True)
class Identite:
    """What the shell, e-mails, accusés and PDFs say of the agency speaking: one région's ARS, or the neutral
    national portal (`region_code` empty) for a visitor whose région is unknown and for the ministry."""

    nom: str
    region_code: str = ""
    region_nom: str = ""
    adresse: str = ""
    email_contact: str = ""
    email_expediteur: str = ""
    email_dpo: str = ""
    telephone: str = ""
    site_web: str = ""
    directeur_publication: str = ""
    a_confirmer: bool = True

    @property
    def is_regional(self) -> bool:
        return bool(self.region_code)

    @property
    def nom_court(self) -> str:
        """« l'ARS Bretagne », or the portal's name for the national identity."""
        return f"l'ARS {self.region_nom}" if self.is_regional else settings.SITE_NAME

    @property
    def expediteur(self) -> str:
        """The From of the région's e-mails: « ARS Bretagne — Santé Territoires <adresse> », else the portal's."""
        if not self.email_expediteur:
            return settings.DEFAULT_FROM_EMAIL
        return f"ARS {self.region_nom} — {settings.SITE_NAME} <{self.email_expediteur}>"

    @property
    def contact(self) -> str:
        return self.email_contact or settings.CONTACT_EMAIL


NATIONAL_IDENTITE = Identite(nom=settings.SITE_NAME, a_confirmer=False)


def _cache_seconds() -> int:
    """Identities are read on every page: kept in the cache (forgotten when a row is saved, see comptes.apps; another
    process may show the old value for at most this long). The test settings set 0: a page's query count is then
    the same on its first and its later requests, the cold-cache count the budgets check."""
    return settings.IDENTITE_CACHE_SECONDS


def _identite_key(region_code: str) -> str:
    return f"comptes:identite:{region_code}"


def forget_identite(region_code: str) -> None:
    cache.delete(_identite_key(region_code))


def _identite_of(row: IdentiteRegionale) -> Identite:
    return Identite(
        nom=row.nom,
        region_code=row.region.code,
        region_nom=row.region.nom,
        adresse=row.adresse,
        email_contact=row.email_contact,
        email_expediteur=row.email_expediteur,
        email_dpo=row.email_dpo,
        telephone=row.telephone,
        site_web=row.site_web,
        directeur_publication=row.directeur_publication,
        a_confirmer=row.a_confirmer,
    )


def identite_regionale(*, region_code: str | None = None, departement_code: str | None = None) -> Identite:
    """The identity of the ARS of a région (or of a département's région): its `IdentiteRegionale` row, else
    names derived from the région (every other value « à confirmer »), else the neutral national identity.
    Cached (`settings.IDENTITE_CACHE_SECONDS`); otherwise one query (one more with a département code)."""
    if region_code is None and departement_code is not None:
        region_code = Departement.objects.filter(code=departement_code).values_list("region__code", flat=True).first()
    if not region_code:
        return NATIONAL_IDENTITE
    identite = cache.get(_identite_key(region_code))
    if identite is None:
        identite = _read_identite(region_code)
        cache.set(_identite_key(region_code), identite, _cache_seconds())
    return identite


def _read_identite(region_code: str) -> Identite:
    """One query: the région and its identity row, if any."""
    region = Region.objects.select_related("identite").filter(code=region_code).first()
    return identite_of_region(region) if region is not None else NATIONAL_IDENTITE


def identite_of_region(region: Region) -> Identite:
    """The identity of a région read with its `identite` row (`select_related("identite")`; no query): the row,
    else names derived from the région, every other value « à confirmer »."""
    try:
        return _identite_of(region.identite)
    except IdentiteRegionale.DoesNotExist:
        return Identite(nom=nom_derive(region.nom), region_code=region.code, region_nom=region.nom)


def identite_of_scope(scope) -> Identite:
    """The identity of the région a user acts in, from what `get_scope` already read: the région of an ARS agent
    or of the comité (no query when its row came with the memberships, else one), else the région of an
    organisation (no query when the organisation names it; else one query through its départements, or for an
    intercommunal collectivité through its communes, cached). The national identity for the ministry and users
    without membership."""
    if scope.is_national:
        return NATIONAL_IDENTITE
    for code in sorted(scope.region_codes):
        region = scope.regions.get(code)
        return identite_of_region(region) if region is not None else identite_regionale(region_code=code)
    epci_ids = []
    for membership in scope.memberships:
        organisation = membership.organisation
        if organisation.region_id:
            return identite_of_region(organisation.region)
        # The departements were not read for this persona (get_scope reads them for ARS agents only): one query.
        region = (
            Region.objects.filter(departements__organisations=organisation)
            .select_related("identite")
            .order_by("departements__code")
            .first()
        )
        if region is not None:
            return identite_of_region(region)
        if organisation.epci_id:
            epci_ids.append(organisation.epci_id)
    if epci_ids:  # an intercommunal collectivité: the région of its communes (one query, then cached)
        key = f"comptes:epci-region:{min(epci_ids)}"
        code = cache.get(key)
        if code is None:
            code = (
                Departement.objects.filter(communes__epci_id=min(epci_ids))
                .order_by("code")
                .values_list("region__code", flat=True)
                .first()
            ) or ""
            cache.set(key, code, _cache_seconds())
        return identite_regionale(region_code=code or None)
    return NATIONAL_IDENTITE


def ars_nom(*, region_code: str | None = None, departement_code: str | None = None) -> str:
    """« Agence régionale de santé Centre-Val de Loire »: the name of the ARS competent for a région (or for a
    département's région) in its identity (`identite_regionale`: its row, else derived from the région);
    « Agence régionale de santé » alone when no région is known (a dossier without département)."""
    identite = identite_regionale(region_code=region_code, departement_code=departement_code)
    return identite.nom if identite.region_code else ARS_PREFIX


def access_contacts(user) -> dict:
    """Ce qu'une page « accès refusé » dit de l'utilisateur : ses rôles actuels et qui peut lui donner
    accès, c'est-à-dire les gestionnaires de ses organisations (hors lui-même)."""
    if not user.is_authenticated:
        return {"memberships": [], "gestionnaires": []}
    memberships = list(Membership.objects.active().filter(user=user).select_related("organisation"))
    gestionnaires = (
        Membership.objects.active()
        .filter(organisation__in=[m.organisation_id for m in memberships], role=Role.GESTIONNAIRE)
        .exclude(user=user)
        .select_related("user", "organisation")
        .order_by("organisation__nom", "user__last_name", "user__email")
    )
    return {"memberships": memberships, "gestionnaires": list(gestionnaires)}
