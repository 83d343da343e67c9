"""Documents of an arrêté: upload and deletion by the siège, permission-checked downloads."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from comptes.perms import refuse
from zonage import perms, services
from zonage.forms import DocumentForm
from zonage.models import ArreteDocument, ArreteZonage
from zonage.views.staff import arrete_detail, get_arrete_for_user


def _documents_anchor(arrete) -> str:
    return reverse("zonage:arrete_detail", args=[arrete.public_id]) + "#documents"


@require_POST
def document_upload(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id, for_edit=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Le document n'a pas été déposé : corrigez les erreurs signalées.")
        return arrete_detail(request, public_id, document_form=form, status=400)
    document = services.arrete_document_add(
        arrete=arrete,
        upload=form.cleaned_data["fichier"],
        type=form.cleaned_data["type"],
        titre=form.cleaned_data["titre"],
        by=request.user,
    )
    messages.success(request, f"Document « {document.titre} » déposé.")
    return redirect(_documents_anchor(arrete))


def _document_for_staff(request, public_id: UUID) -> ArreteDocument:
    document = get_object_or_404(
        ArreteDocument.objects.filter(arrete__in=ArreteZonage.objects.visible_to(request.user)).select_related(
            "arrete__region"
        ),
        public_id=public_id,
    )
    if not perms.can_manage_documents(request.user, document.arrete):
        raise refuse(perms.can_manage_documents)
    return document


@require_POST
def document_delete(request, public_id: UUID):
    document = _document_for_staff(request, public_id)
    services.arrete_document_delete(document=document, by=request.user)
    messages.success(request, f"Document « {document.titre} » supprimé.")
    return redirect(_documents_anchor(document.arrete))


@login_not_required
@require_GET
def document_download(request, public_id: UUID):
    """ARS agents: every document. Anyone: the signed act of a published arrêté. Otherwise 404
    (anonymous visitors are first sent to the login page, a signed-in agent may see it)."""
    document = get_object_or_404(ArreteDocument.objects.select_related("arrete__region"), public_id=public_id)
    if not perms.can_download_document(request.user, document):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("Document introuvable.")
    return FileResponse(
        document.fichier.open("rb"),
        as_attachment=True,
        filename=document.nom_original,
        content_type=document.type_contenu,
    )
