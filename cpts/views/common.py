from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, queryset, size: int = PAGE_SIZE):
    """The requested page and the query string without `page` (for the pagination links)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return Paginator(queryset, size).get_page(request.GET.get("page")), query.urlencode()


def form_errors_to_messages(request, form) -> None:
    from django.contrib import messages

    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)


def validation_error_to_messages(request, error) -> None:
    from django.contrib import messages

    for text in error.messages:
        messages.error(request, text)
