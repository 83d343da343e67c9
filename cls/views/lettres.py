"""Collectivité side: file a lettre d'intention, follow it, answer the délégation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cls import perms
from cls.forms import LettreForm
from cls.models import LettreIntention
from cls.selectors import get_lettre_for_user, lettres_of_user_organisations
from cls.services import lettres as services
from cls.services.territoire import apercu, lettre_perimetre
from comptes.models import Organisation
from instruction.enums import CategoriePiece, Etat
from instruction.selectors import dossier_panels
from instruction.services import dossier_submit, piece_delete
from territoires.models import EPCI, Commune


def _breadcrumb(current, *links):
    return {"links": [{"url": reverse("cls:lettre_list"), "title": "Lettres d'intention"}, *links], "current": current}


@require_GET
def lettre_list(request):
    if not perms.can_list_own_lettres(request.user):
        raise PermissionDenied
    return render(
        request,
        "cls/lettre_list.html",
        {
            "title": "Mes lettres d'intention",
            "dossiers": lettres_of_user_organisations(request.user),
            "can_file": perms.can_file_lettre(request.user),
            "breadcrumb_data": {"links": [], "current": "Lettres d'intention"},
        },
    )


@require_POST
def lettre_create(request):
    organisations = perms.filing_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    organisation = Organisation.objects.get(pk=sorted(organisations)[0])
    lettre = services.lettre_create(organisation=organisation, by=request.user)
    messages.success(request, "Votre brouillon est créé. Il est enregistré à chaque étape.")
    return redirect("cls:lettre_edit", lettre.dossier.public_id)


def _territory_selection(form, lettre: LettreIntention):
    if form.is_bound:
        epci_ids = [int(value) for value in form.data.getlist("epcis") if value.isdigit()]
        commune_ids = [int(value) for value in form.data.getlist("communes") if value.isdigit()]
    else:
        epci_ids = list(lettre.epcis.values_list("pk", flat=True))
        commune_ids = list(lettre.communes.values_list("pk", flat=True))
    return epci_ids, commune_ids


@require_http_methods(["GET", "POST"])
def lettre_edit(request, public_id):
    lettre = get_lettre_for_user(request.user, public_id, for_edit=True)
    dossier = lettre.dossier
    form = LettreForm(request.POST or None, request.FILES or None, instance=lettre)
    if request.method == "POST":
        form.is_valid()
        try:
            services.lettre_update_draft(
                lettre=lettre, data=form.valid_data(), uploads=form.valid_uploads(), by=request.user
            )
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        piece_id = request.POST.get("supprimer_piece")
        if piece_id:
            piece = dossier.pieces.filter(public_id=piece_id).first()
            if piece:
                piece_delete(piece=piece, by=request.user)
                messages.success(request, f"La pièce « {piece.original_name} » a été retirée.")
        if not form.errors and request.POST.get("action") == "deposer":
            try:
                dossier_submit(dossier=dossier, by=request.user)
            except ValidationError as error:
                for field, texts in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, texts)
                messages.error(request, "Votre brouillon est enregistré, mais il est incomplet : voyez les erreurs.")
            else:
                messages.success(request, "Votre lettre d'intention est déposée. L'accusé de dépôt est disponible.")
                return redirect("cls:lettre_detail", dossier.public_id)
        elif not form.errors:
            messages.success(request, "Brouillon enregistré.")
            return redirect("cls:lettre_edit", dossier.public_id)
        else:
            messages.error(
                request, "Les informations valides et les pièces acceptées sont enregistrées ; corrigez les erreurs."
            )
    epci_ids, commune_ids = _territory_selection(form, lettre)
    lettre.refresh_from_db(fields=["population"])
    return render(
        request,
        "cls/lettre_form.html",
        {
            "title": "Lettre d'intention — brouillon",
            "form": form,
            "lettre": lettre,
            "dossier": dossier,
            "selected_epcis": EPCI.objects.filter(pk__in=epci_ids),
            "selected_communes": Commune.objects.filter(pk__in=commune_ids).select_related("departement"),
            "apercu": apercu(epcis=epci_ids, communes=commune_ids, on=services.today(), exclude_lettre_id=lettre.pk),
            "pieces": dossier.pieces.filter(categorie__in=[CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE]),
            "territoire_errors": form.non_field_errors(),
            "breadcrumb_data": _breadcrumb("Brouillon"),
        },
    )


@require_GET
def lettre_detail(request, public_id):
    lettre = get_lettre_for_user(request.user, public_id)
    dossier = lettre.dossier
    if dossier.etat == Etat.BROUILLON and perms.can_file_lettre(request.user):
        return redirect("cls:lettre_edit", dossier.public_id)
    return lettre_page(request, lettre)


def render_dossier_page(request, dossier, *, forms, status):
    """Dossier kind hook: the page again with the bound forms of a failing shared POST view."""
    return lettre_page(request, get_lettre_for_user(request.user, dossier.public_id), forms=forms, status=status)


def lettre_page(request, lettre, *, forms=None, status=200):
    dossier = lettre.dossier
    context = dossier_panels(request.user, dossier, forms=forms)
    context.update(
        {
            "title": f"Lettre d'intention {dossier.reference or '(brouillon)'}",
            "lettre": lettre,
            "territoire": services.territoire_label(lettre),
            "can_answer": dossier.etat == Etat.COMPLEMENT_DEMANDE and context["can_post_message"],
            "aides": None,
            "contrat": getattr(lettre, "contrat", None),
            "breadcrumb_data": _breadcrumb(dossier.reference or "Brouillon"),
        }
    )
    if context["can_instruct"]:
        perimetre = list(lettre_perimetre(lettre).values_list("pk", flat=True))
        context["aides"] = apercu(
            communes=perimetre,
            on=(dossier.deposee_le.date() if dossier.deposee_le else services.today()),
            region=dossier.departement.region if dossier.departement else None,
            exclude_lettre_id=lettre.pk,
        )
        context["breadcrumb_data"] = {
            "links": [{"url": reverse("cls:instruction_list"), "title": "Instruction des lettres d'intention"}],
            "current": dossier.reference,
        }
    return render(request, "cls/lettre_detail.html", context, status=status)
