"""The portrait de territoire page (public; the ARS's blocks for the agents competent for the whole perimeter)
and the CSV/XLSX of its tables. Thin: the perimeter comes from `perimetres`, every figure from the snapshot."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from comptes.perms import refuse
from config.exports import FORMATS, export_response
from config.production import StatutProduction
from instruction.models import Dossier
from portraits import exports
from portraits.carte import carte_de_choix, carte_de_choix_svg
from portraits.charts import charts
from portraits.forms import CarteForm, CommunesForm, PerimetreForm
from portraits.models import PortraitPdf
from portraits.perimetres import PerimetreInconnu, PerimetreInvalide, codes_from_text, resolve
from portraits.perms import can_attach_portrait, can_download_portrait, registres_du_portrait
from portraits.services.joindre import lettres_a_completer, portrait_attach
from portraits.services.pdf import portrait_request
from portraits.services.snapshot import audience_of, perimetre_ids, portrait_snapshot
from territoires.regions import request_region_code
from territoires.services import perimetre_communes


def _snapshot(request, perimetre, *, proximite: bool = True) -> dict:
    communes = perimetre_communes(perimetre.communes, voisines=True, contours=True)
    audience = audience_of(request.user, communes)
    registres = registres_du_portrait(request.user, audience)
    return portrait_snapshot(perimetre, audience=audience, registres=registres, perimetre=communes, proximite=proximite)


def _perimetre(request):
    try:
        return resolve(request.GET, request.user), None
    except PerimetreInconnu:
        raise Http404("Périmètre inconnu.") from None
    except PerimetreInvalide as error:
        return None, str(error)


@login_not_required
@require_GET
@transaction.non_atomic_requests  # a read: no savepoint around it
def portrait(request):
    form = PerimetreForm(request.GET if "niveau" in request.GET else None)
    if form.is_valid():
        query = {form.cleaned_data["niveau"]: form.cleaned_data["code"].strip()}
        return redirect(f"{reverse('portraits:portrait')}?{urlencode(query)}")
    perimetre, erreur = _perimetre(request)
    communes = request.GET.get("communes", "")
    context = {
        "title": "Portrait de territoire",
        "form": form,
        "communes_form": CommunesForm(initial={"communes": communes}),
        "communes": communes,
        "erreur": erreur,
        "carte_form": None,
        "carte": None,
    }
    # The map's chooser costs a query: drawn on the empty form or when asked for (`?carte=`); a portrait links to it.
    if perimetre is None or request.GET.get("carte"):
        context |= _carte(request)
    if perimetre is not None:
        snapshot = _snapshot(request, perimetre)
        context |= {
            "title": f"Portrait de territoire — {perimetre.libelle}",
            "snapshot": snapshot,
            "charts": charts(snapshot),
            "tables": exports.TABLES,
        }
    return render(request, "portraits/portrait.html", context)


def _carte(request) -> dict:
    """The map to pick communes on: its département chooser, and the map itself once a département is chosen
    (`?carte=<code>`; an unknown code draws none)."""
    carte_form = CarteForm(request.GET if request.GET.get("carte") else None, region_code=request_region_code(request))
    if not carte_form.is_valid():
        return {"carte_form": carte_form, "carte": None}
    carte = carte_de_choix(carte_form.cleaned_data["carte"], codes_from_text(request.GET.get("communes", "")))
    return {"carte_form": carte_form, "carte": carte, "carte_svg": carte_de_choix_svg(carte)}


@login_not_required
@require_GET
@transaction.non_atomic_requests
def portrait_carte(request):
    """The map of one département's communes (htmx fragment of the portrait page's chooser), the communes of
    `?communes=` pressed; an unknown département answers 404."""
    context = _carte(request)
    if context["carte"] is None:
        raise Http404
    return render(request, "portraits/_carte.html", context)


@login_not_required
@require_GET
@transaction.non_atomic_requests
def portrait_export(request, table: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    perimetre, _ = _perimetre(request)
    if perimetre is None:
        raise Http404
    found = exports.table(_snapshot(request, perimetre, proximite=False), table)  # no table shows it
    if found is None:
        raise Http404
    header, rows = found
    return export_response(fmt=fmt, name=f"portrait-{perimetre.kind}-{table}", header=header, rows=rows)


@login_not_required
@require_POST
def portrait_pdf_request(request):
    """Queue the PDF of the perimeter of the query string, for the audience the user would see on the page."""
    perimetre, _ = _perimetre(request)
    if perimetre is None:
        raise Http404
    communes = perimetre_communes(perimetre.communes)
    region_ids, departement_ids = perimetre_ids(communes)
    try:
        job = portrait_request(
            perimetre=perimetre,
            audience=audience_of(request.user, communes),
            regions=region_ids,
            departements=departement_ids,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('portraits:portrait')}?{perimetre.querystring}")
    return redirect("portraits:pdf", public_id=job.public_id)


def _job(request, public_id: UUID) -> PortraitPdf:
    job = get_object_or_404(PortraitPdf, public_id=public_id)
    if not can_download_portrait(request.user, job):
        raise Http404
    return job


@login_not_required
@require_GET
def portrait_pdf(request, public_id: UUID):
    """The PDF's progress (the fragment is polled by htmx) and its download link once ready."""
    job = _job(request, public_id)
    template = "portraits/_pdf_status.html" if request.htmx else "portraits/pdf_status.html"
    lettres = lettres_a_completer(request.user) if job.statut == StatutProduction.PRET else []
    return render(
        request, template, {"title": f"Portrait de territoire (PDF) — {job.libelle}", "job": job, "lettres": lettres}
    )


@require_POST
def portrait_pdf_attach(request, public_id: UUID):
    """Attach the ready PDF to one of the user's CLS lettres d'intention (404 for a dossier it cannot see)."""
    job = _job(request, public_id)
    try:
        dossier_id = UUID(request.POST.get("dossier") or "")
    except ValueError:
        raise Http404 from None
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), public_id=dossier_id)
    if not can_attach_portrait(request.user, dossier):
        raise refuse(can_attach_portrait)
    try:
        portrait_attach(portrait=job, dossier=dossier, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portraits:pdf", public_id=job.public_id)
    messages.success(request, f"Le portrait est joint en annexe à la lettre d'intention ({dossier}).")
    return redirect(dossier.kind_spec.url("detail", dossier))


@login_not_required
@require_GET
def portrait_pdf_download(request, public_id: UUID):
    job = _job(request, public_id)
    if job.statut != StatutProduction.PRET or not job.fichier:
        raise Http404
    return FileResponse(job.fichier.open("rb"), as_attachment=True, filename=job.download_name)
