"""The balance of doctor movements: monthly entrées − sorties per département and per TVS (SVG chart with its table
alternative), the state of each TVS from its census, and the alerts."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from comptes.perms import user_region_code
from config.charts import column_chart
from config.forms import BaseForm
from registres import perms
from registres.declarations import get_registre
from registres.enums import ProfessionMedecin
from registres.forms import DATE_WIDGET
from registres.models import EffectifMedecins, MouvementMedecin
from registres.services.mouvements import alertes, douze_derniers_mois, etats_tvs, seuil_seniors, soldes, total
from registres.views.pages import INDEX_CRUMB, crumb


class BilanForm(BaseForm):
    departement = forms.ModelChoiceField(queryset=None, required=False, label="Département", empty_label="Tous")
    profession = forms.ChoiceField(choices=ProfessionMedecin.choices, required=False, label="Profession")
    debut = forms.DateField(required=False, label="Du", widget=DATE_WIDGET)
    fin = forms.DateField(required=False, label="Au", widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].queryset = perms.visible_departements(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("debut") and cleaned.get("fin") and cleaned["debut"] > cleaned["fin"]:
            self.add_error("fin", "La fin de la période précède son début.")
        return cleaned


def _chart(months, line, *, titre: str, chart_id: str):
    labels = [month.strftime("%m/%Y") for month in months]
    return column_chart(
        labels,
        [solde for _, _, solde in line.mois],
        title=titre,
        chart_id=chart_id,
        description="Solde mensuel des installations moins les départs et les départs en retraite ; "
        "le tableau qui suit donne les mêmes chiffres.",
    )


def _seuil(departement, on, user):
    """The alert share of the GPs aged 60 and over shown on the page: the chosen département's region, else the
    user's region."""
    from territoires.models import Region

    region = departement.region if departement else Region.objects.filter(code=user_region_code(user)).first()
    return seuil_seniors(region=region, on=on) if region else None


@require_GET
def bilan(request):
    if not perms.can_view_bilan_mouvements(request.user):
        raise Http404
    today = timezone.localdate()
    form = BilanForm(request.GET or None, user=request.user)
    cleaned = form.cleaned_data if form.is_valid() else {}
    default_debut, default_fin = douze_derniers_mois(today)
    debut, fin = cleaned.get("debut") or default_debut, cleaned.get("fin") or today
    if debut > fin:
        debut, fin = default_debut, default_fin
    profession = cleaned.get("profession") or ProfessionMedecin.GENERALISTE
    mouvements = MouvementMedecin.objects.visible_to(request.user)
    effectifs = EffectifMedecins.objects.visible_to(request.user)
    departement = cleaned.get("departement")
    if departement is not None:
        mouvements, effectifs = mouvements.filter(departement=departement), effectifs.filter(departement=departement)
    months, par_departement = soldes(mouvements, debut=debut, fin=fin, par="departement", profession=profession)
    _, par_tvs = soldes(mouvements, debut=debut, fin=fin, par="tvs", profession=profession)
    ensemble = total(par_departement, months)
    perimetre = str(departement) if departement else "vos départements"
    states = etats_tvs(effectifs=effectifs, mouvements=mouvements, on=fin)
    registre = get_registre("mouvements-medecins")
    can_view_registre = perms.can_view_registre(request.user, registre)
    links = [INDEX_CRUMB, crumb(registre)] if can_view_registre else [INDEX_CRUMB]
    return render(
        request,
        "registres/bilan_mouvements.html",
        {
            "title": "Entrées et sorties de médecins",
            "form": form,
            "debut": debut,
            "fin": fin,
            "profession": ProfessionMedecin(profession).label,
            "perimetre": perimetre,
            "months": months,
            "ensemble": ensemble,
            "mois_valeurs": list(zip(months, ensemble.mois, strict=True)),
            "tableaux": [("Par département", par_departement), ("Par territoire de vie-santé", par_tvs)],
            "graphique": _chart(
                months, ensemble, titre=f"Solde mensuel des médecins — {perimetre}", chart_id="solde-mensuel"
            ),
            "etats": states,
            "alertes": alertes(states, on=fin),
            "seuil": _seuil(departement, fin, request.user),
            "registre": registre,
            "can_view_registre": can_view_registre,
            "breadcrumb_data": {"links": links, "current": "Entrées et sorties"},
        },
    )
