"""The « Remontées de la campagne » section of the semester bilan (registered in bilan_sections.py): printed from the
campaign's FROZEN snapshot only — never from the live contributions — so that a contribution sent after the freeze
(an erratum) never changes the numbers. A département's bilan shows its own contributions."""

from acces_soins.enums import StatutCampagne
from acces_soins.periods import Perimetre, Semestre


def _pct(done: int, total: int) -> float | None:
    return round(done * 100 / total, 1) if total else None


def _completude(contributions: list[dict]) -> dict:
    lignes = [line for c in contributions for line in c["lignes"] if line["requis"]]
    par_priorite = []
    for numero in (1, 2, 3, 4):
        rows = [line for line in lignes if line["priorite"] == numero]
        done = sum(1 for line in rows if line["complete"])
        par_priorite.append({"priorite": numero, "total": len(rows), "renseignees": done, "pct": _pct(done, len(rows))})
    done = sum(1 for line in lignes if line["complete"])
    return {"total": len(lignes), "renseignees": done, "pct": _pct(done, len(lignes)), "par_priorite": par_priorite}


def remontees_section(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    from acces_soins.models import Campagne
    from acces_soins.selectors import region_code_of

    campagne = (
        Campagne.objects.filter(
            region_code=region_code_of(perimetre), semestre=str(semestre), statut=StatutCampagne.GELEE
        )
        .only("snapshot")
        .first()
    )
    if campagne is None:
        return None
    snapshot = campagne.snapshot
    contributions = snapshot["contributions"]
    if not perimetre.is_region:
        contributions = [c for c in contributions if c["departement"] == perimetre.code]
    retenues = [c for c in contributions if c["retenue"]]
    completude = _completude(contributions)
    return {
        "campagne": snapshot["campagne"],
        "completude": completude,
        "par_departement": snapshot["completude"]["par_departement"] if perimetre.is_region else [],
        "contributions": [
            {key: c[key] for key in ("libelle", "type_libelle", "departement", "etat_libelle", "jours_retard")}
            for c in contributions
        ],
        "retenues": retenues,
        "avis": snapshot.get("avis", []),
        "chiffres_cles": [
            {
                "code": "remontees_completude",
                "libelle": "Lignes renseignées dans les remontées",
                "valeur": completude["pct"],
                "unite": "%",
            },
            {
                "code": "remontees_retenues",
                "libelle": "Contributions validées retenues au gel",
                "valeur": len(retenues),
                "unite": "",
            },
        ],
    }
