"""What the pages of a CLS lettre d'intention add to the shared dossier pages (instruction/views/pages.py):
the territory picked on the draft (htmx search, live population) and the instruction aids."""

from django.db.models import Prefetch, prefetch_related_objects

from cls.services import lettres as services
from cls.services.territoire import apercu
from territoires.models import EPCI, Commune


def _selected(form, name: str, current, model) -> tuple[list[int], list]:
    """The ids and the objects picked in one field: those sent with a bound form, else the content's own (read
    once, with the prefetch of `form_context`)."""
    if form.is_bound and not form.fields[name].disabled:
        ids = [int(value) for value in form.data.getlist(name) if value.isdigit()]
        return ids, list(model.filter(pk__in=ids))
    items = list(current.all())
    return [item.pk for item in items], items


def form_context(request, lettre, form) -> dict:
    """The territory section of the draft: the EPCI and communes kept, their population and warnings."""
    communes = Commune.objects.select_related("departement")
    prefetch_related_objects([lettre], "epcis", Prefetch("communes", queryset=communes))
    epci_ids, selected_epcis = _selected(form, "epcis", lettre.epcis, EPCI.objects)
    commune_ids, selected_communes = _selected(form, "communes", lettre.communes, communes)
    return {
        "selected_epcis": selected_epcis,
        "selected_communes": selected_communes,
        "apercu": apercu(epcis=epci_ids, communes=commune_ids, on=services.today(), exclude_lettre_id=lettre.pk),
    }


def page_context(request, lettre, context) -> dict:
    """The dossier page: the territory, the contract once accepted, and for the ARS the instruction aids
    (population, threshold, overlaps, simulated funding) on the filing date."""
    dossier = lettre.dossier
    # the territory's label, the aids and « La demande » read them once
    prefetch_related_objects([lettre], "epcis", "communes", "thematiques")
    extra = {
        "territoire": services.territoire_label(lettre),
        "aides": None,
        "contrat": getattr(lettre, "contrat", None),
    }
    if context["can_instruct"]:
        extra["aides"] = apercu(
            epcis=lettre.epcis.all(),
            communes=lettre.communes.all(),
            on=(dossier.deposee_le.date() if dossier.deposee_le else services.today()),
            region=dossier.departement.region if dossier.departement else None,
            exclude_lettre_id=lettre.pk,
            population=lettre.population,  # stored with the perimeter each time the déposant saves it
        )
    return extra
