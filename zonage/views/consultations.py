"""The consultation file of an arrêté project: request (siège gestionnaire), progress (htmx) and download (ARS)."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config.production import StatutProduction
from zonage.models import ArreteZonage, DossierConsultation
from zonage.services.consultation import consultation_request
from zonage.views.staff import get_arrete_for_user


def get_consultation_for_user(request, public_id: UUID) -> DossierConsultation:
    """The consultation files of the arrêtés a user may see (ARS agents); 404 for anyone else."""
    return get_object_or_404(
        DossierConsultation.objects.filter(arrete__in=ArreteZonage.objects.visible_to(request.user)).select_related(
            "arrete"
        ),
        public_id=public_id,
    )


@require_POST
def consultation_request_view(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id, for_edit=True)
    try:
        consultation_request(arrete=arrete, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Le dossier de consultation est en production.")
    return redirect(reverse("zonage:arrete_detail", args=[arrete.public_id]) + "#consultation")


def consultation_status(request, public_id: UUID):
    """The status fragment polled by htmx until the file is ready or failed."""
    job = get_consultation_for_user(request, public_id)
    return render(request, "zonage/includes/_consultation_status.html", {"job": job})


def consultation_download(request, public_id: UUID):
    job = get_consultation_for_user(request, public_id)
    if job.statut != StatutProduction.PRET or not job.fichier:
        raise Http404
    return FileResponse(job.fichier.open("rb"), as_attachment=True, filename=job.download_name)
