from django.utils.functional import SimpleLazyObject


def navigation(request):
    """Expose the user's scope so that the navigation and home page adapt to the persona."""
    return {"scope": getattr(request, "scope", None)}


def request_identite(request):
    """The agency a page speaks for, once per request: the région of the user's memberships, its identity row read
    with them (`get_scope`; no query of its own for the ARS agents and organisations that name their région); for
    a visitor, the région a public page names (`request.identite_region_code`, set by the view; one query, only
    when a template uses it); else the neutral national identity."""
    cached = getattr(request, "_identite_cache", None)
    if cached is not None:
        return cached
    from comptes.perms import get_scope
    from comptes.selectors import identite_of_scope, identite_regionale

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        request._identite_cache = identite_of_scope(get_scope(user))
    else:
        request._identite_cache = identite_regionale(region_code=getattr(request, "identite_region_code", None))
    return request._identite_cache


def identite(request):
    """`IDENTITE`: the header's bloc-marque, the legal pages' editor, the contact address (lazy)."""
    return {"IDENTITE": SimpleLazyObject(lambda: request_identite(request))}
