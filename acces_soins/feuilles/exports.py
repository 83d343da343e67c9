"""CSV / XLSX exports of the roadmap actions (same filters as the pages; the file writer is the portal's)."""

from config.exports import export_response

ACTION_HEADER = [
    "Identifiant",
    "Territoire",
    "Conseil territorial de santé",
    "Feuille de route",
    "Référence",
    "Action",
    "Solution du catalogue",
    "Thème",
    "Organisation pilote",
    "Pilote",
    "Partenaires",
    "Début",
    "Fin prévue",
    "Statut",
    "En retard",
    "Jalons",
    "Jalons réalisés",
    "Dernière note (semestre)",
    "Avancement (%)",
    "Indicateurs liés",
    "Fictive",
]


def action_rows(actions):
    for action in actions:
        feuille = action.feuille
        jalons = list(action.jalons.all())
        notes = list(action.notes.all())
        last = notes[0] if notes else None
        yield [
            str(action.public_id),
            feuille.territoire.nom,
            feuille.territoire.conseil_nom,
            f"{feuille.periode_debut.year}–{feuille.periode_fin.year}",
            action.reference,
            action.libelle,
            action.solution.libelle if action.solution else "",
            action.get_theme_display(),
            action.pilote_organisation.nom if action.pilote_organisation else "",
            action.pilote_nom,
            ", ".join(action.partenaires_list),
            action.date_debut,
            action.date_fin,
            action.get_statut_display(),
            "oui" if action.en_retard else "non",
            len(jalons),
            sum(1 for jalon in jalons if jalon.date_realisee),
            last.semestre if last else "",
            last.avancement if last else None,
            ", ".join(indicateur.code for indicateur in action.indicateurs.all()),
            "oui" if feuille.is_fictif else "non",
        ]


def actions_export(*, fmt: str, name: str, actions):
    return export_response(fmt=fmt, name=name, header=ACTION_HEADER, rows=action_rows(actions))
