"""The pages every dossier kind shares, driven by its `DossierKind` (instruction/kinds.py).

- the déposant's list of its organisation's dossiers, and the creation of a draft;
- the draft form: sections of the kind, pieces (DSFR upload component, immediate upload with progress),
  autosave (htmx), filing; during a complément, the same form limited to the sections the délégation opened;
- the dossier page: the kind's summary, the corrections, pieces, messages, decisions, co-instruction, timeline.

The URLs stay the app's (`cls:lettre_edit`…): each app routes them here with `dossier_urls()` (instruction/urls.py).
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.models import Organisation
from comptes.perms import refuse
from instruction import perms, selectors, services
from instruction.enums import Etat
from instruction.kinds import get_kind
from instruction.services.echeances import prochaine_etape
from instruction.services.lectures import messages_read
from instruction.views.actions import add_errors


def _breadcrumb(request, kind, content, current: str) -> dict:
    dossier = content.dossier
    if perms.can_instruct(request.user, dossier) and kind.instruction_list:
        links = [{"url": reverse(kind.instruction_list), "title": "Instruction des dossiers"}]
    elif perms.is_co_instructor(request.user, dossier):
        links = [{"url": reverse("instruction:co_instruction_list"), "title": "Dossiers en co-instruction"}]
    elif kind.breadcrumb is not None:
        links = kind.breadcrumb(content)
    else:
        links = [{"url": kind.url("list"), "title": kind.list_title}]
    return {"links": links, "current": current}


# --- The déposant's list and new drafts -----------------------------------------------------------------


def _list_page(request, kind, *, create_form=None, status=200):
    can_file = perms.can_file(request.user, kind)
    if can_file and create_form is None and kind.create_form is not None:
        create_form = kind.create_form()
    return render(
        request,
        "instruction/mes_dossiers.html",
        {
            "title": kind.list_title,
            "kind": kind,
            "dossiers": selectors.list_rows(selectors.own_dossiers(request.user, kind)),
            "can_file": can_file,
            "create_form": create_form,
            "jeton_creation": uuid.uuid4(),  # one per drawing of the form: its sends create one draft
            "breadcrumb_data": {"links": [], "current": kind.list_title},
        },
        status=status,
    )


@require_GET
def dossier_list(request, *, kind):
    kind = get_kind(kind)
    if not perms.can_list_own_dossiers(request.user, kind):
        raise refuse(perms.can_list_own_dossiers)
    return _list_page(request, kind)


@require_POST
def dossier_create(request, *, kind):
    kind = get_kind(kind)
    organisations = perms.filing_organisations(request.user, kind)
    if not organisations:
        raise refuse(perms.can_file)
    form = kind.create_form(request.POST) if kind.create_form else None
    if form is not None and not form.is_valid():
        return _list_page(request, kind, create_form=form, status=400)
    organisation = Organisation.objects.get(pk=organisations[0])
    jeton = _creation_token(request)
    existing = services.draft_for_token(user=request.user, jeton=jeton)
    if existing is not None:  # the same form sent twice: one draft
        messages.info(request, "Ce brouillon est déjà ouvert : votre second envoi n'en a pas créé d'autre.")
        return redirect(kind.url("edit", existing))
    try:
        content = kind.create(organisation=organisation, by=request.user, **(form.cleaned_data if form else {}))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(kind.url("list"))
    services.draft_token_set(dossier=content.dossier, jeton=jeton)
    messages.success(request, "Votre brouillon est créé. Il est enregistré automatiquement pendant la saisie.")
    return redirect(kind.url("edit", content.dossier))


def _creation_token(request):
    """The token of the creation form (a UUID drawn with the page), or None when absent or malformed."""
    try:
        return uuid.UUID(request.POST.get("jeton", ""))
    except ValueError:
        return None


# --- The draft (or correction) form ------------------------------------------------------------------------


def _form(request, kind, content, editable, *, data=None, files=None):
    return kind.form_class(data, files, instance=content, editable=editable, **kind.form_kwargs(content))


def _save(request, kind, content, form, *, uploads: bool = True) -> None:
    """Save what is valid (fields, and the accepted uploads unless told otherwise); errors go to the form."""
    form.is_valid()
    try:
        kind.update(content, data=form.valid_data(), uploads=form.valid_uploads() if uploads else {}, by=request.user)
    except ValidationError as error:
        add_errors(form, error)


@require_http_methods(["GET", "POST"])
def dossier_edit(request, public_id, *, kind):
    """GET/POST of a draft (or of the parts opened to corrections during a complément): save what is valid,
    autosave (htmx), upload one piece at once (with progress), remove a piece, or file the draft."""
    kind = get_kind(kind)
    action = request.POST.get("action", "")
    if action == "deposer":
        # One filing per dossier: a second send (double click, replayed page) waits for the first one (row lock),
        # then finds the dossier filed and says so.
        filed = selectors.lock_filed_dossier(request.user, public_id, kind)
        if filed is not None:
            messages.info(
                request, f"Ce dossier est déjà déposé (n° {filed.reference}) : votre second envoi n'a rien changé."
            )
            return redirect(kind.url("detail", filed))
    content = selectors.get_content_for_user(request.user, public_id, kind, for_edit=True)
    dossier = content.dossier
    editable = services.editable_fields(dossier)
    if action == "televerser":
        return _upload(request, kind, content, editable)
    form = _form(request, kind, content, editable, data=request.POST or None, files=request.FILES or None)
    if request.method == "GET":
        return _form_page(request, kind, content, form)
    if action == "autosave":
        _save(request, kind, content, form, uploads=False)
        return render(
            request,
            "instruction/includes/_autosave.html",
            {"saved_at": timezone.now(), "autosave_errors": form.errors, "correction": editable is not None},
        )
    _save(request, kind, content, form)
    piece = services.current_pieces(dossier).filter(public_id=request.POST.get("supprimer_piece") or None).first()
    if piece:
        try:
            services.piece_delete(piece=piece, by=request.user)
            messages.success(request, f"La pièce « {piece.original_name} » a été retirée.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if not form.errors and action == "deposer" and dossier.etat == Etat.BROUILLON:
        try:
            services.dossier_submit(dossier=dossier, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
            messages.error(request, "Votre brouillon est enregistré, mais il est incomplet : complétez ce qui manque.")
        else:
            messages.success(request, kind.filed_message)
            return redirect(kind.url("detail", dossier))
    elif not form.errors:
        if editable is None:
            messages.success(request, "Brouillon enregistré.")
            return redirect(kind.url("edit", dossier))
        messages.success(
            request, "Vos corrections sont enregistrées. Envoyez votre réponse à la délégation quand elles sont prêtes."
        )
        return redirect(kind.url("detail", dossier))
    else:
        messages.error(
            request, "Les informations valides et les pièces acceptées sont enregistrées ; corrigez le reste."
        )
    return _form_page(request, kind, content, form)


def _upload(request, kind, content, editable):
    """One piece sent by the upload component before the form (static/js/formulaires.js shows the progress):
    checked and stored at once; answers the updated list of pieces, or the French errors."""
    form = _form(request, kind, content, editable)  # unbound: only the files are checked, nothing else changes
    names = [name for name in form.UPLOADS if name in request.FILES and not form.fields[name].disabled]
    uploads, errors = {}, [] if names else ["Aucun fichier reçu."]
    for name in names:
        field = form.fields[name]
        try:
            uploads[name] = field.clean(field.widget.value_from_datadict(request.POST, request.FILES, name))
        except ValidationError as error:
            errors += error.messages
    if not errors:
        try:
            kind.update(content, data={}, uploads=uploads, by=request.user)
        except ValidationError as error:
            errors = error.messages
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    html = render_to_string(
        "instruction/includes/_draft_pieces.html",
        {"pieces": services.current_pieces(content.dossier), "dossier": content.dossier},
        request=request,
    )
    names_text = ", ".join(f"« {uploads[name].name} »" for name in names)
    return JsonResponse({"pieces": html, "message": f"Fichier {names_text} enregistré dans le dossier."})


def _form_page(request, kind, content, form):
    dossier = content.dossier
    correction = dossier.etat != Etat.BROUILLON
    open_codes = dossier.complement_sections if correction else ["*"]
    sections = [
        {"number": number, "section": section, "fields": [form[name] for name in section.fields if name in form.fields]}
        for number, section in enumerate(kind.sections, 1)
        if "*" in open_codes or section.code in open_codes
    ]
    heading = kind.heading(content)
    context = {
        "title": f"{kind.noun.capitalize()} — {'corrections' if correction else 'brouillon'}",
        "heading": f"{kind.noun.capitalize()} — {heading}" if heading else kind.label,
        "kind": kind,
        "form": form,
        "content": content,
        "dossier": dossier,
        "sections": sections,
        "pieces": services.current_pieces(dossier),
        "correction": correction,
        "complement": services.last_complement(dossier) if correction else None,
        "complement_parts": kind.section_titles(dossier.complement_sections),
        "can_answer": False,
        "can_correct": False,
        "breadcrumb_data": _breadcrumb(request, kind, content, "Corrections" if correction else "Brouillon"),
    }
    context.update(kind.form_context(request, content, form))
    return render(request, "instruction/dossier_form.html", context)


# --- The dossier page ------------------------------------------------------------------------------------------


@require_GET
def dossier_detail(request, public_id, *, kind):
    kind = get_kind(kind)
    content = selectors.get_content_for_user(request.user, public_id, kind, page=True)
    dossier = content.dossier
    if dossier.etat == Etat.BROUILLON and perms.can_edit_dossier(request.user, dossier):
        return redirect(kind.url("edit", dossier))
    read_until = messages_read(dossier=dossier, user=request.user, previous=dossier.lu_le_precedent)
    return dossier_page(request, kind, content, mark_new=True, read_until=read_until)


def dossier_page(request, kind, content, *, forms=None, status=200, mark_new=False, read_until=None):
    """The dossier page: the kind's content and the shared panels (pieces, messages, decisions…).

    The shared POST views (instruction/views/actions.py) render it again with a failing form (status 400).
    Opening the page reads its messages (`mark_new`): those posted by others since `read_until` (the last
    visit, None for the first one) are marked new.
    """
    dossier = content.dossier
    context = selectors.dossier_panels(request.user, dossier, forms=forms)
    for message in context["thread"]:
        message.non_lu = (
            mark_new
            and message.author_id != request.user.pk
            and (read_until is None or message.created_at > read_until)
        )
    team = perms.can_view_co_instruction(request.user, dossier)
    context.update(
        {
            "prochaine_etape": prochaine_etape(dossier, equipe=team),
            "title": f"{kind.noun.capitalize()} {dossier.reference or '(brouillon)'}",
            "kind": kind,
            "content": content,
            "can_answer": dossier.etat == Etat.COMPLEMENT_DEMANDE and context["can_post_message"],
            "can_correct": perms.can_correct_dossier(request.user, dossier),
            "complement": services.last_complement(dossier) if dossier.etat == Etat.COMPLEMENT_DEMANDE else None,
            "complement_parts": kind.section_titles(dossier.complement_sections),
            "territoire": None,  # a kind about a territory names it (page_context): shown with its population
            "breadcrumb_data": _breadcrumb(request, kind, content, dossier.reference or "Brouillon"),
        }
    )
    context.update(kind.page_context(request, content, context))
    return render(request, "instruction/dossier_detail.html", context, status=status)
