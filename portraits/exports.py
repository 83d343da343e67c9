"""The portrait's tables as CSV/XLSX (`config.exports`), from the snapshot only: what the page shows, no more."""

TABLES = {
    "communes": "Communes du périmètre",
    "zonage": "Population par zone",
    "structures": "Structures d'exercice coordonné",
    "cpts": "CPTS",
    "cls": "Contrats locaux de santé",
    "indicateurs": "Indicateurs",
    "registres": "Registres du plan",
    "financements": "Financements reçus",
}


def _communes(snapshot):
    professions = [row["profession"] for row in snapshot["zonage"]]
    header = ["Code INSEE", "Commune", "Département", "EPCI", "Population municipale", *professions]
    rows = [
        [
            c["code"],
            c["nom"],
            c["departement"],
            c["epci"],
            c["population"],
            *(c["zones"].get(p, "") for p in professions),
        ]
        for c in snapshot["communes"]
    ]
    return header, rows


def _zonage(snapshot):
    header = ["Profession", "Zone", "Libellé", "Communes", "Population", "Part (%)", "Aides ouvertes"]
    rows = [
        [row["profession"], z["code"], z["libelle"], z["communes"], z["population"], round(z["part"], 1)]
        + ["; ".join(z["aides"])]
        for row in snapshot["zonage"]
        for z in row["zones"]
    ]
    return header, rows


def _structures(snapshot):
    header = ["Type", "Nom", "Commune", "Statut", "Dans le périmètre"]
    rows = [
        [s["type_libelle"], s["nom"], s["commune"], s["statut_libelle"], "oui" if s["dedans"] else "voisine"]
        for s in snapshot["structures"]
    ]
    return header, rows


def _cpts(snapshot):
    header = ["CPTS", "Étape", "Taille", "Communes du périmètre", "ACI signé le", "Missions"]
    rows = [
        [c["nom"], c["etape_libelle"], c["taille"], c["communes"], c["date_aci"] or ""]
        + ["; ".join(f"{m['libelle']} ({m['statut']})" for m in c["missions"])]
        for c in snapshot["cpts"]["liste"]
    ]
    return header, rows


def _cls(snapshot):
    header = ["Contrat", "Étape", "Signé le", "Fin", "Communes du périmètre", "Fiches actions"]
    rows = [
        [c["nom"], c["etape_libelle"], c["date_signature"] or "", c["date_fin"] or "", c["communes"]]
        + [c.get("fiches", {}).get("total", "")]
        for c in snapshot["cls"]["liste"]
    ]
    return header, rows


def _indicateurs(snapshot):
    data = snapshot["indicateurs"]
    header = ["Indicateur", "Unité", *(col["libelle"] for col in data["colonnes"])]
    rows = []
    for ligne in data["lignes"]:
        values = [ligne["valeurs"].get(col["key"]) for col in data["colonnes"]]
        rows.append([ligne["libelle"], ligne["unite"], *((v or {}).get("valeur") for v in values)])
    return header, rows


def _registres(snapshot):
    header = ["Registre", "Entrées en cours", "Échelle", "Dernière mise à jour", "Source"]
    rows = [
        [r["titre"], r["entrees"], r["echelle"], r["maj"] or "", r["source"]] for r in snapshot["registres"]["lignes"]
    ]
    return header, rows


def _financements(snapshot):
    header = ["Année", "Financeur", "Engagé (€)", "Versé (€)", "Co-financé (€)"]
    rows = [
        [r["annee"], r["financeur"], r["engage"], r["verse"], r["cofinance"]]
        for r in snapshot["financements"]["lignes"]
    ]
    return header, rows


BUILDERS = {
    "communes": _communes,
    "zonage": _zonage,
    "structures": _structures,
    "cpts": _cpts,
    "cls": _cls,
    "indicateurs": _indicateurs,
    "registres": _registres,
    "financements": _financements,
}


STAFF_TABLES = ("indicateurs", "registres", "financements")


def table(snapshot: dict, name: str) -> tuple[list[str], list[list]] | None:
    """(header, rows) of one table, or None when this portrait does not show it (ARS tables to the public)."""
    if name not in BUILDERS or (name in STAFF_TABLES and snapshot.get(name) is None):
        return None
    return BUILDERS[name](snapshot)
