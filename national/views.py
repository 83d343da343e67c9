"""The national view (ministry, DGOS): comparison of the régions, zonage, map, exports and the PDF synthesis.

Read-only: the only POST queues the synthesis PDF (a read of the figures, no programme object changes)."""

from functools import wraps
from uuid import UUID

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from comptes.perms import can_view_national, refuse
from config.exports import export_response
from config.production import StatutProduction
from national import services
from national.models import SyntheseNationale
from territoires.cartes import Carte, Legende, Tableau

INDICATEURS_CARTE = {
    "cls": ("Part de la population couverte par un CLS en vigueur", "cls_part"),
    "cpts": ("Part de la population couverte par une CPTS signée", "cpts_part"),
    "msp": ("MSP en fonctionnement", "msp"),
    "campagne": ("Complétude de la dernière campagne de remontées", "campagne"),
}
# Five classes of the map, from the lowest to the highest value (DSFR illustrative blue scale).
COULEURS = ["#e8edff", "#b1c4fc", "#6a8ff5", "#2f56d8", "#000091"]


def national_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_national(request.user):
            raise refuse(can_view_national)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@national_only
def index(request):
    lignes = services.comparaison(on=timezone.localdate())
    return render(request, "national/index.html", {"title": "Comparaison des régions", "lignes": lignes})


@require_GET
@national_only
def zonage(request):
    lignes = services.zonage_par_region(on=timezone.localdate())
    return render(
        request,
        "national/zonage.html",
        {"title": "Zonage médecins : parts de population et plafonds", "lignes": lignes, "zones": services.ZONES},
    )


def _indicateur(request) -> str:
    code = request.GET.get("indicateur", "cls")
    if code not in INDICATEURS_CARTE:
        raise Http404
    return code


# The legend of the five classes: each one a fifth of the range from 0 to the highest région.
LEGENDE_CARTE = [
    Legende(label="jusqu’à 20 % de la valeur la plus haute", swatch="national-swatch--0"),
    Legende(label="de 20 à 40 %", swatch="national-swatch--1"),
    Legende(label="de 40 à 60 %", swatch="national-swatch--2"),
    Legende(label="de 60 à 80 %", swatch="national-swatch--3"),
    Legende(label="de 80 à 100 % (la valeur la plus haute)", swatch="national-swatch--4"),
    Legende(label="non renseigné", swatch="national-swatch--vide"),
]


@require_GET
@national_only
def carte(request):
    code = _indicateur(request)
    libelle = INDICATEURS_CARTE[code][0]
    carte = Carte(
        aria_label=f"Carte des régions : {libelle} ; le tableau de comparaison donne les mêmes chiffres",
        geojson_url=f"{reverse('national:carte_geojson')}?indicateur={code}",
        legende=LEGENDE_CARTE,
        tableaux=[Tableau(label="comparaison des régions", url=reverse("national:index"))],
        details=[f"valeur:{libelle}"],
        status_text="{n} région affichée.|{n} régions affichées.",
        source=(
            "Contours : IGN – Admin Express COG 2018 ; codes et noms : INSEE – COG 2018 ; simplification : "
            "github.com/gregoiredavid/france-geojson (Licence Ouverte / Etalab)."
        ),
    )
    return render(
        request,
        "national/carte.html",
        {"title": "Carte des régions", "indicateur": code, "indicateurs": INDICATEURS_CARTE, "carte": carte},
    )


def _valeur(ligne, code: str):
    if code == "campagne":
        return ligne.campagne.get("pct")
    value = getattr(ligne, INDICATEURS_CARTE[code][1])
    return round(value * 100, 1) if code in ("cls", "cpts") else value


@require_GET
@national_only
def carte_geojson(request):
    """The régions' contours coloured by one figure of the comparison (five classes of equal width)."""
    from territoires.enums import ContourLevel
    from territoires.models import Contour

    code = _indicateur(request)
    lignes = {ligne.code: ligne for ligne in services.comparaison(on=timezone.localdate())}
    valeurs = {key: _valeur(ligne, code) for key, ligne in lignes.items()}
    maximum = max([value for value in valeurs.values() if value is not None] or [0])
    features = []
    for contour in Contour.objects.filter(level=ContourLevel.REGION, code__in=lignes).order_by("code"):
        value = valeurs[contour.code]
        classe = 0 if not maximum or value is None else min(4, int(value * 5 / maximum))
        features.append(
            {
                "type": "Feature",
                "geometry": contour.geometry,
                "properties": {
                    "code": contour.code,
                    "nom": lignes[contour.code].nom,
                    "valeur": "non renseigné" if value is None else value,
                    "couleur": "#ffffff" if value is None else COULEURS[classe],
                },
            }
        )
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
@national_only
def export(request, tableau: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    on = timezone.localdate()
    if tableau == "comparaison":
        header, rows = services.EXPORT_HEADER, services.export_rows(services.comparaison(on=on))
    elif tableau == "zonage":
        header, rows = services.ZONAGE_HEADER, services.zonage_export_rows(services.zonage_par_region(on=on))
    else:
        raise Http404
    return export_response(fmt=fmt, name=f"national-{tableau}", header=header, rows=rows)


@require_POST
@national_only
def synthese_request(request):
    from national.pdf import synthese_request as request_pdf

    return redirect("national:synthese", public_id=request_pdf(by=request.user).public_id)


@require_GET
@national_only
def synthese(request, public_id: UUID):
    job = get_object_or_404(SyntheseNationale, public_id=public_id)
    template = "national/_synthese_status.html" if request.htmx else "national/synthese.html"
    return render(request, template, {"title": f"Synthèse nationale du {job.jour:%d/%m/%Y}", "job": job})


@require_GET
@national_only
def synthese_download(request, public_id: UUID):
    job = get_object_or_404(SyntheseNationale, public_id=public_id)
    if job.statut != StatutProduction.PRET or not job.fichier:
        raise Http404
    return FileResponse(job.fichier.open("rb"), as_attachment=True, filename=job.download_name)
