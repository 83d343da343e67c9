from collections import Counter

from django import template
from django.db.models import Subquery
from django.utils.html import format_html

from comptes.perms import user_region_code
from config.charts import sparkline
from config.typography import NBSP, fr_decimal
from indicateurs import selectors
from indicateurs.enums import Statut, Unite
from indicateurs.models import Perimetre
from indicateurs.perms import can_view_indicateurs

register = template.Library()

BADGES = {
    Statut.ATTEINT: "fr-badge--success",
    Statut.EN_BONNE_VOIE: "fr-badge--info",
    Statut.A_RISQUE: "fr-badge--warning",
    Statut.EN_RETARD: "fr-badge--error",
    Statut.NON_EVALUABLE: "",
}
SUFFIX = {Unite.POURCENTAGE: f"{NBSP}%", Unite.EUROS: f"{NBSP}€", Unite.JOURS: f"{NBSP}j"}


@register.filter
def mesure(value, unite: str = "") -> str:
    """A number with its unit symbol (%, €, j), in the portal's typography (`config.typography`)."""
    if value is None:
        return "—"
    return f"{fr_decimal(value)}{SUFFIX.get(unite, '')}"


@register.filter
def repere_affiche(repere, unite: str = "") -> str:
    """A baseline or target with its qualifier: « plus de 330 », « environ 20 »; « — » when none."""
    if repere is None:
        return "—"
    text = mesure(repere.valeur, unite)
    return f"{repere.get_qualificatif_display()} {text}" if repere.qualificatif else text


@register.filter
def valeur_affichee(valeur, unite: str = "") -> str:
    """A stored value: its number, or « secret statistique »."""
    if valeur is None:
        return "—"
    if valeur.secret:
        return "secret statistique"
    return mesure(valeur.valeur, unite)


@register.simple_tag
def statut_badge(statut) -> str:
    return format_html(
        '<p class="fr-badge fr-badge--sm fr-badge--no-icon {}">{}</p>', BADGES.get(statut, ""), Statut(statut).label
    )


@register.simple_tag
def tendance_mini(ligne):
    """The small trend line of a dashboard row, its text alternative listing the figures drawn."""
    unite = ligne.indicateur.unite
    points = [valeur for valeur in ligne.valeurs if not valeur.secret][-8:]
    if not points:
        return ""
    label = "Évolution : " + " ; ".join(f"{valeur.periode} {mesure(valeur.valeur, unite)}" for valeur in points)
    if ligne.cible:
        label += f" ; cible {mesure(ligne.cible.valeur, unite)} en {ligne.cible.periode}"
    return sparkline(
        [valeur.valeur for valeur in points], label=label, target=ligne.cible.valeur if ligne.cible else None
    )


@register.inclusion_tag("indicateurs/includes/_home_panel.html", takes_context=True)
def tableau_de_bord_panel(context):
    """The « Tableau de bord des indicateurs » panel of the home pages: counts of regional statuses."""
    user = context["user"]
    visible = can_view_indicateurs(user)
    counts = []
    if visible:
        # The région's perimeter as a subquery of the values' queries: no query of its own.
        region = Subquery(Perimetre.objects.filter(kind="region", code=user_region_code(user)).values("pk")[:1])
        tally = Counter(row.statut for _, rows in selectors.tableau_de_bord(region, historique=False) for row in rows)
        counts = [(statut, tally.get(statut, 0)) for statut in Statut]
    return {"visible": visible, "counts": counts}


@register.inclusion_tag("indicateurs/includes/_fiche_indicateurs.html", takes_context=True)
def fiche_indicateurs(context, fiche):
    """The catalogue indicators linked to a fiche action of a CLS (shown on the cls fiche page):
    latest value, the fiche's target, status; the link form for those who may edit the fiche."""
    from indicateurs.forms import IndicateurFicheForm
    from indicateurs.models import Indicateur
    from indicateurs.perms import can_link_indicateurs_fiche

    user = context["user"]
    saved = fiche.pk is not None
    can_edit = saved and can_link_indicateurs_fiche(user, fiche)
    return {
        "fiche": fiche,
        "saved": saved,
        "rows": selectors.indicateurs_de_fiche(fiche) if saved else [],
        "can_edit": can_edit,
        "form": IndicateurFicheForm(indicateurs=Indicateur.objects.actifs()) if can_edit else None,
        "lien_detail": can_view_indicateurs(user),
    }
