from django.core.paginator import Paginator
from django.http import Http404

from comptes.perms import refuse
from financements import perms
from financements.models import Beneficiaire, Engagement, Enveloppe

PAGE_SIZE = 20
CRUMB = {"url": "/financements/", "title": "Financements"}


def paginate(request, queryset, size: int = PAGE_SIZE):
    """The requested page and the query string without `page` / `export` (for links)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return Paginator(queryset, size).get_page(request.GET.get("page")), query.urlencode()


def add_service_errors(form, error) -> None:
    """Put a service ValidationError back on the form (field errors on their field)."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def require(allowed: bool, predicate) -> None:
    """403 with the French rule of the predicate that failed (see `comptes.perms.refuse`)."""
    if not allowed:
        raise refuse(predicate)


def _get(queryset, user, public_id):
    if not perms.can_view_financements(user):
        raise Http404
    try:
        return queryset.visible_to(user).get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError) as error:
        raise Http404 from error


def get_enveloppe_for_user(user, public_id) -> Enveloppe:
    """404 for anyone who may not see the envelope (out of scope or not an ARS agent)."""
    return _get(Enveloppe.objects.prefetch_related("departements"), user, public_id)


def get_engagement_for_user(user, public_id) -> Engagement:
    return _get(Engagement.objects.with_list_data(), user, public_id)


def get_beneficiaire_for_user(user, public_id) -> Beneficiaire:
    return _get(Beneficiaire.objects.select_related("departement"), user, public_id)
