"""What the pages of a CLS lettre d'intention add to the shared dossier pages (instruction/views/pages.py):
the territory picked on the draft (htmx search, live population) and the instruction aids."""

from django.db.models import prefetch_related_objects

from cls.services import lettres as services
from cls.services.territoire import apercu
from territoires.models import EPCI, Commune


def _ids(form, name: str, current) -> list[int]:
    if form.is_bound and not form.fields[name].disabled:
        return [int(value) for value in form.data.getlist(name) if value.isdigit()]
    return list(current.values_list("pk", flat=True))


def form_context(request, lettre, form) -> dict:
    """The territory section of the draft: the EPCI and communes kept, their population and warnings."""
    epci_ids = _ids(form, "epcis", lettre.epcis)
    commune_ids = _ids(form, "communes", lettre.communes)
    return {
        "selected_epcis": EPCI.objects.filter(pk__in=epci_ids),
        "selected_communes": Commune.objects.filter(pk__in=commune_ids).select_related("departement"),
        "apercu": apercu(epcis=epci_ids, communes=commune_ids, on=services.today(), exclude_lettre_id=lettre.pk),
    }


def page_context(request, lettre, context) -> dict:
    """The dossier page: the territory, the contract once accepted, and for the ARS the instruction aids
    (population, threshold, overlaps, simulated funding) on the filing date."""
    dossier = lettre.dossier
    prefetch_related_objects([lettre], "epcis", "communes")  # the territory's label and the aids read them once
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
        )
    return extra
