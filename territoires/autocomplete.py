"""Suggestions of the referential (config/autocomplete.py): communes and EPCI, searched by name, INSEE code or
postal code (the normalised `search_text`). Public geography: any logged-in user may search it; a form's own
queryset still limits what it accepts."""

from config.autocomplete import Source, register
from territoires.models import EPCI, Commune
from territoires.text import normalize


def _communes(request):
    return Commune.objects.select_related("departement").only(
        "pk", "nom", "code_insee", "population", "departement__code"
    )


def _search_communes(queryset, text):
    return queryset.search(text).order_by("-population", "nom")


def _search_epci(queryset, text):
    for term in normalize(text).split():
        queryset = queryset.filter(search_text__contains=term)
    return queryset.order_by("-population", "nom")


register(
    Source(
        "communes",
        queryset=_communes,
        search=_search_communes,
        label=lambda commune: f"{commune.nom} ({commune.departement.code}, {commune.code_insee})",
        filters={"departement": "departement_id", "region": "departement__region_id"},
    )
)
register(
    Source(
        "epci",
        queryset=lambda request: EPCI.objects.only("pk", "nom", "siren"),
        search=_search_epci,
        label=lambda epci: f"{epci.nom} (SIREN {epci.siren})",
    )
)
