"""Service functions other apps call for territorial figures (see design.md §2)."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet, Sum

from territoires.models import EPCI, Commune


def communes_of(*, epcis: Iterable[EPCI | int] = (), communes: Iterable[Commune | int] = ()) -> QuerySet[Commune]:
    """Communes of a perimeter made of whole EPCI and single communes (no duplicates)."""
    epci_ids = [getattr(item, "pk", item) for item in epcis]
    commune_ids = [getattr(item, "pk", item) for item in communes]
    if not epci_ids and not commune_ids:
        return Commune.objects.none()
    return Commune.objects.filter(Q(epci_id__in=epci_ids) | Q(pk__in=commune_ids))


def population_of(communes: QuerySet[Commune] | Iterable[Commune | int]) -> int:
    """Population municipale of a set of communes, in one aggregate query."""
    if isinstance(communes, QuerySet):
        queryset = Commune.objects.filter(pk__in=communes.values("pk"))
    else:
        queryset = Commune.objects.filter(pk__in=[getattr(item, "pk", item) for item in communes])
    return queryset.aggregate(total=Sum("population"))["total"] or 0
