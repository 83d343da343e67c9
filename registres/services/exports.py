"""The export of any register (CSV or XLSX): the shared columns, then the register's own fields (its personal
data only for the competent ARS), then what is computed (zone, arrêté). Text cells are neutralised against
spreadsheet formulas by `config.exports`."""

from registres.display import valeur_export


def colonnes_export(registre, *, personnels: bool) -> list[str]:
    names = [*registre.communs, *registre.champs_visibles(personnels)]
    return [name for name in names if name != "note"] + ["note"]


def export_header(registre, *, personnels: bool) -> list[str]:
    header = ["Identifiant", "Département"] + [
        registre.label(name) for name in colonnes_export(registre, personnels=personnels) if name != "departement"
    ]
    if registre.has_zone:
        header += ["Zone (calculée)", "Arrêté de zonage appliqué"]
    return header


def export_rows(registre, entrees, *, personnels: bool):
    names = [name for name in colonnes_export(registre, personnels=personnels) if name != "departement"]
    for entree in entrees:
        row = [str(entree.public_id), entree.departement.code] + [valeur_export(entree, name) for name in names]
        if registre.has_zone:
            row += [
                entree.zone.code if entree.zone_id else "",
                entree.arrete_zonage.reference if entree.arrete_zonage_id else "",
            ]
        yield row
