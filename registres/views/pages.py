"""The pages every register gets from its declaration: index, list, fiche, form, deletion, attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from financements.views.common import add_service_errors, paginate
from registres import perms, selectors
from registres.declarations import get_registre, registres
from registres.display import texte
from registres.enums import ActionLecture
from registres.forms import DocumentForm, enfants_formsets, entree_form_class
from registres.models import Document
from registres.selectors import get_entree_for_user, require_view
from registres.services import entrees as services
from registres.services.historique import historique
from registres.services.journal import lecture_enregistrer

INDEX_CRUMB = {"url": "/registres/", "title": "Registres"}


def crumb(registre) -> dict:
    return {"url": reverse("registres:list", args=[registre.code]), "title": registre.titre}


def registre_for(request, code: str):
    registre = get_registre(code)
    require_view(request.user, registre)
    return registre


@require_GET
def index(request):
    if not perms.can_view_registres(request.user):
        raise Http404
    visibles = [registre for registre in registres() if perms.can_view_registre(request.user, registre)]
    counts = selectors.entry_counts(visibles, request.user)
    return render(
        request,
        "registres/index.html",
        {
            "title": "Registres",
            "lignes": [(registre, counts[registre.code]) for registre in visibles],
            "breadcrumb_data": {"links": [], "current": "Registres"},
        },
    )


@require_GET
def entree_list(request, code: str):
    registre = registre_for(request, code)
    filterset = selectors.entree_list(registre=registre, user=request.user, params=request.GET)
    page, page_query = paginate(request, filterset.qs)
    personnels = perms.can_see_personnels(request.user)
    colonnes = [name for name in registre.colonnes_liste if name in registre.champs_visibles(personnels)]
    lignes = [(entree, [texte(entree, name) for name in colonnes]) for entree in page]
    if personnels and set(colonnes) & set(registre.personnels):
        lecture_enregistrer(
            user=request.user, registre=registre, action=ActionLecture.LISTE, entrees=page, request=request
        )
    return render(
        request,
        "registres/list.html",
        {
            "title": registre.titre,
            "registre": registre,
            "filter": filterset,
            "page_obj": page,
            "page_query": page_query,
            "colonnes": [registre.label(name) for name in colonnes],
            "lignes": lignes,
            "can_edit": perms.can_edit_registre(request.user, registre),
            "breadcrumb_data": {"links": [INDEX_CRUMB], "current": registre.titre},
        },
    )


@require_GET
def entree_detail(request, code: str, public_id):
    registre = get_registre(code)
    entree = get_entree_for_user(registre, request.user, public_id)
    personnels = perms.can_view_personnels(request.user, entree.departement_id)
    if personnels:
        lecture_enregistrer(
            user=request.user, registre=registre, action=ActionLecture.FICHE, entrees=[entree], request=request
        )
    can_edit = perms.can_edit_registre(request.user, registre, entree.departement_id)
    communs = [name for name in registre.communs if name not in ("communes", "note")]
    return render(
        request,
        "registres/detail.html",
        {
            "title": entree.libelle,
            "registre": registre,
            "entree": entree,
            "communs": [(registre.label(name), texte(entree, name)) for name in communs],
            "champs": [(registre.label(name), texte(entree, name)) for name in registre.champs_visibles(personnels)],
            "perimetre": list(entree.communes.all()) if registre.perimetre else [],
            "date_zone": getattr(entree, entree.DATE_ZONE) if registre.has_zone else None,
            "enfants": _enfants(registre, entree),
            "documents": services.documents_of(entree),
            "historique": historique(entree, registre, personnels=personnels),
            "document_form": DocumentForm() if can_edit else None,
            "can_edit": can_edit,
            "breadcrumb_data": {"links": [INDEX_CRUMB, crumb(registre)], "current": entree.libelle},
        },
    )


def _enfants(registre, entree) -> list[dict]:
    result = []
    for enfant in registre.enfants:
        model = registre.model._meta.get_field(enfant.relation).related_model
        labels = [str(model._meta.get_field(name).verbose_name) for name in enfant.champs]
        rows = [[texte(row, name) for name in enfant.champs] for row in getattr(entree, enfant.relation).all()]
        result.append({"titre": enfant.titre, "colonnes": labels, "lignes": rows})
    return result


def _form_page(request, registre, entree=None):
    form_class = entree_form_class(registre)
    data = request.POST if request.method == "POST" else None
    instance = entree or registre.model()
    form = form_class(data, instance=instance, registre=registre, user=request.user)
    formsets = enfants_formsets(registre, data, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid() and all(formset.is_valid() for formset in formsets):
        try:
            saved = services.entree_save(
                registre=registre,
                entree=form.save(commit=False),
                by=request.user,
                m2m=form.m2m_values(),
                enfants=formsets,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'entrée est enregistrée au registre.")
            return redirect("registres:detail", registre.code, saved.public_id)
    title = f"Modifier « {entree.libelle} »" if entree else f"Ajouter {registre.nom}"
    links = [INDEX_CRUMB, crumb(registre)]
    if entree:
        links.append(
            {"url": reverse("registres:detail", args=[registre.code, entree.public_id]), "title": entree.libelle}
        )
    return render(
        request,
        "registres/form.html",
        {
            "title": title,
            "registre": registre,
            "form": form,
            "formsets": formsets,
            "entree": entree,
            "breadcrumb_data": {"links": links, "current": "Modifier" if entree else title},
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def entree_create(request, code: str):
    registre = registre_for(request, code)
    if not perms.can_edit_registre(request.user, registre):
        raise PermissionDenied
    return _form_page(request, registre)


@require_http_methods(["GET", "POST"])
def entree_edit(request, code: str, public_id):
    registre = get_registre(code)
    entree = get_entree_for_user(registre, request.user, public_id, for_edit=True)
    return _form_page(request, registre, entree)


@require_POST
def entree_delete(request, code: str, public_id):
    registre = get_registre(code)
    entree = get_entree_for_user(registre, request.user, public_id, for_edit=True)
    try:
        services.entree_delete(entree=entree, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("registres:detail", registre.code, entree.public_id)
    messages.success(request, "L'entrée est supprimée du registre (l'historique la conserve).")
    return redirect("registres:list", registre.code)


@require_POST
def document_add(request, code: str, public_id):
    registre = get_registre(code)
    entree = get_entree_for_user(registre, request.user, public_id, for_edit=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_add(
            entree=entree, titre=form.cleaned_data["titre"], fichier=form.cleaned_data["fichier"], by=request.user
        )
        messages.success(request, "Le document est joint à l'entrée.")
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect(reverse("registres:detail", args=[registre.code, entree.public_id]) + "#documents")


def _document_for(request, public_id, *, for_edit: bool = False):
    document = Document.objects.select_related("content_type").filter(public_id=public_id).first()
    if document is None:
        raise Http404
    entree = document.entree
    registre = entree.registre if entree is not None else None
    if registre is None:
        raise Http404
    get_entree_for_user(registre, request.user, entree.public_id, for_edit=for_edit)
    return document, registre, entree


@require_GET
def document_download(request, public_id):
    document, _, _ = _document_for(request, public_id)
    return FileResponse(
        document.fichier.open("rb"),
        as_attachment=True,
        filename=document.nom_original,
        content_type=document.type_contenu,
    )


@require_POST
def document_delete(request, public_id):
    document, registre, entree = _document_for(request, public_id, for_edit=True)
    services.document_delete(document=document, by=request.user)
    messages.success(request, "Le document est retiré.")
    return redirect(reverse("registres:detail", args=[registre.code, entree.public_id]) + "#documents")
