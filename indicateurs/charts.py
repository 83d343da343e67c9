"""The indicators' charts: data of the space turned into the domain-free SVG charts of config.charts."""

from decimal import Decimal

from config.charts import Series, column_chart, line_chart
from indicateurs.models import Indicateur, Perimetre, Valeur
from indicateurs.selectors import Ligne
from indicateurs.semestre import Semestre


def trajectoire(ligne: Ligne, semestre: Semestre) -> Decimal | None:
    """The target trajectory at a semester: a straight line from the baseline to the target."""
    if not ligne.baseline or not ligne.cible:
        return None
    start, end = ligne.baseline.point, ligne.cible.point
    span = end.periode - start.periode
    if semestre < start.periode or span <= 0:
        return None
    if semestre >= end.periode:
        return end.valeur
    return start.valeur + (end.valeur - start.valeur) * Decimal(semestre - start.periode) / Decimal(span)


def axe_semestres(valeurs: list[Valeur], ligne: Ligne) -> list[Semestre]:
    points = [valeur.semestre for valeur in valeurs]
    points += [item.point.periode for item in (ligne.baseline, ligne.cible) if item]
    return min(points).until(max(points)) if points else []


def tendance(indicateur: Indicateur, valeurs: list[Valeur], ligne: Ligne):
    """Values over the semesters against the target trajectory; the rows double as the table alternative."""
    semestres = axe_semestres(valeurs, ligne)
    if not semestres:
        return None
    by_semestre = {valeur.periode: valeur for valeur in valeurs}
    rows = []
    for semestre in semestres:
        valeur = by_semestre.get(str(semestre))
        mesure = valeur.valeur if valeur else None
        if ligne.baseline and str(semestre) == ligne.baseline.periode and mesure is None:
            mesure = ligne.baseline.valeur
        statut = indicateur.statut(valeur, ligne.baseline, ligne.cible) if valeur else None
        rows.append(
            {
                "semestre": semestre,
                "valeur": valeur,
                "mesure": mesure,
                "cible": trajectoire(ligne, semestre),
                "statut": statut,
            }
        )
    series = [Series("Valeur mesurée", [row["mesure"] for row in rows])]
    cible_periode = ligne.cible.periode if ligne.cible else None
    if any(row["cible"] is not None for row in rows):
        series.append(Series("Trajectoire vers la cible", [row["cible"] for row in rows], dashed=True))
    svg = line_chart(
        [str(semestre) for semestre in semestres],
        series,
        title=f"Évolution : {indicateur.libelle} ({indicateur.get_unite_display()})",
        description="Valeurs mesurées par semestre et trajectoire de la valeur de référence à la cible. "
        "Le tableau qui suit donne les mêmes données.",
        chart_id="tendance",
    )
    # The table alternative lists the semesters that carry data: measured values, baseline, target.
    table = [row for row in rows if row["mesure"] is not None or str(row["semestre"]) == cible_periode]
    return {"svg": svg, "rows": table}


def barres(indicateur: Indicateur, periode: Semestre, departements: list[tuple[Perimetre, Valeur | None]]):
    labels = [perimetre.code for perimetre, _ in departements]
    values = [valeur.valeur if valeur and not valeur.secret else None for _, valeur in departements]
    svg = column_chart(
        labels,
        values,
        title=f"{indicateur.libelle} par département, {periode.label}",
        description="Une barre par département (code INSEE) ; pas de barre si la valeur manque ou est sous secret "
        "statistique. Le tableau qui suit donne les mêmes données.",
        chart_id="departements",
    )
    return {"svg": svg, "rows": departements}
