from django.utils.functional import SimpleLazyObject


def navigation(request):
    """Expose the user's scope so that the navigation and home page adapt to the persona."""
    return {"scope": getattr(request, "scope", None)}


def request_identite(request):
    """The agency a page speaks for, read once per request (at most one query, only when a template uses it):
    the région of the user's memberships; for a visitor, the région a public page names
    (`request.identite_region_code`, set by the view); else the neutral national identity."""
    cached = getattr(request, "_identite_cache", None)
    if cached is not None:
        return cached
    from comptes.perms import get_scope
    from comptes.selectors import identite_regionale, region_code_of_scope

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        region_code = region_code_of_scope(get_scope(user))
    else:
        region_code = getattr(request, "identite_region_code", None)
    request._identite_cache = identite_regionale(region_code=region_code)
    return request._identite_cache


def identite(request):
    """`IDENTITE`: the header's bloc-marque, the legal pages' editor, the contact address (lazy)."""
    return {"IDENTITE": SimpleLazyObject(lambda: request_identite(request))}
