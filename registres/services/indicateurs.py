"""The figures of the plan counted in the registers: one query each, for a région or a département on a date.
`indicateurs/calculs/registres.py` turns them into computed indicators; the bilan section reads `chiffres()`."""

import datetime

from django.db.models import Count, Q

from registres.enums import ENTREES, SORTIES, ProfessionMedecin, Specialite, Statut
from registres.models import ContratAide, MaitreStage, MouvementMedecin, ProtocoleCooperation, SiteTelemedecine

ZIP = "ZIP"


def _scope(model, *, region=None, departement=None):
    return model.objects.in_perimetre(region=region, departement=departement)


def maitres_de_stage(*, region=None, departement=None, on: datetime.date, zone: str = "", generalistes=True) -> int:
    """Maîtres de stage approved on `on` (general medicine, or the other specialties); `zone`: only those whose
    commune was in that zone on the day of their agreement."""
    queryset = _scope(MaitreStage, region=region, departement=departement).en_cours(on)
    condition = Q(specialite=Specialite.MEDECINE_GENERALE)
    queryset = queryset.filter(condition) if generalistes else queryset.exclude(condition)
    if zone:
        queryset = queryset.filter(zone__code=zone)
    return queryset.count()


def sites_telemedecine(*, region=None, departement=None, on: datetime.date) -> int:
    return _scope(SiteTelemedecine, region=region, departement=departement).en_cours(on).count()


def protocoles_cooperation(*, region=None, departement=None, on: datetime.date) -> int:
    return _scope(ProtocoleCooperation, region=region, departement=departement).en_cours(on).count()


def contrats_aide(*, region=None, departement=None, on: datetime.date, aide: str) -> int:
    """Contracts of one aid (zonage.Aide code) signed on or before `on`, cumulated (as the plan counts « plus de
    2 800 CESP »): a contract that ended still counts."""
    return (
        _scope(ContratAide, region=region, departement=departement)
        .exclude(statut=Statut.PROJET)
        .filter(aide__code=aide, date_signature__lte=on)
        .count()
    )


def mouvements(*, region=None, departement=None, debut: datetime.date, fin: datetime.date) -> dict[str, int]:
    """{"entrees", "sorties", "solde"} of the general practitioners between two dates included (one query)."""
    counts = (
        _scope(MouvementMedecin, region=region, departement=departement)
        .exclude(statut=Statut.PROJET)
        .filter(profession=ProfessionMedecin.GENERALISTE, date_debut__gte=debut, date_debut__lte=fin)
        .aggregate(
            entrees=Count("pk", filter=Q(type_mouvement__in=ENTREES)),
            sorties=Count("pk", filter=Q(type_mouvement__in=SORTIES)),
        )
    )
    return {**counts, "solde": counts["entrees"] - counts["sorties"]}


def registre_de_indicateur(code: str) -> list[dict]:
    """The registers an indicator is computed from: [{"titre", "url"}] (the indicator page links to them)."""
    from django.urls import reverse

    from registres.declarations import registres_of_indicateur

    return [
        {"titre": registre.titre, "url": reverse("registres:list", args=[registre.code])}
        for registre in registres_of_indicateur(code)
    ]


def chiffres(*, region=None, departement=None, debut: datetime.date, fin: datetime.date) -> list[dict]:
    """The register figures of a semester bilan: each with its value at the end of the period."""
    from registres.models import AIDES_CONTRATS

    kwargs = {"region": region, "departement": departement}
    rows = [
        ("maitres_stage", "Maîtres de stage agréés en médecine générale", maitres_de_stage(**kwargs, on=fin)),
        (
            "maitres_stage_zip",
            "dont exerçant en ZIP (zone du jour de l'agrément)",
            maitres_de_stage(**kwargs, on=fin, zone=ZIP),
        ),
        (
            "agrements_autres",
            "Agréments dans les autres spécialités",
            maitres_de_stage(**kwargs, on=fin, generalistes=False),
        ),
        ("sites_telemedecine", "Sites équipés en télémédecine", sites_telemedecine(**kwargs, on=fin)),
        ("protocoles", "Protocoles de coopération autorisés", protocoles_cooperation(**kwargs, on=fin)),
    ]
    rows += [
        (f"contrats_{aide.lower()}", f"Contrats {aide} signés (cumul)", contrats_aide(**kwargs, on=fin, aide=aide))
        for aide in AIDES_CONTRATS
    ]
    bilan = mouvements(**kwargs, debut=debut, fin=fin)
    rows += [
        ("entrees_mg", "Installations de médecins généralistes sur la période", bilan["entrees"]),
        ("sorties_mg", "Départs et départs en retraite de médecins généralistes sur la période", bilan["sorties"]),
        ("solde_mg", "Solde des entrées et sorties de médecins généralistes", bilan["solde"]),
    ]
    return [{"code": code, "libelle": libelle, "valeur": valeur} for code, libelle, valeur in rows]
