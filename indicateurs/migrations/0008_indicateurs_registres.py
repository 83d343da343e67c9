"""Indicators computed from the registers (issue 20 §4): the plan's counts the délégations typed by hand become
one query each on a register (`indicateurs/calculs/registres.py`), their source says « Registre … ». The values
typed or imported before stay: each semester's value and its history (django-simple-history) are kept, a
recomputation replaces the value of the semester it computes and the history shows the typed one.

New indicators: maîtres de stage in ZIP, contracts per aid (CAIM, COSCOM, COTRAM, CSTM, PTMG, aides L1511-8; the
CESP already existed), and the entrées / sorties / solde of general practitioners per semester. Their direction is
« à confirmer » (the plan sets none), except where a passage of the plan founds it.
"""

from django.db import migrations

PLAN = "cvl-plan-acces-soins-2017"
LECTURE = "lecture-equipe"
RD = ["region", "departement"]


def registre(titre: str) -> str:
    return f"Registre « {titre} » du portail (registres)"


# code -> fields of an existing indicator that becomes computed
EXISTANTS = {
    "P1_MAITRES_STAGE": {
        "methode": "Décompte, dans le registre des maîtres de stage universitaires, des agréments en médecine "
        "générale en cours au dernier jour du semestre (service registres.services.indicateurs.maitres_de_stage).",
        "source": registre("Maîtres de stage universitaires"),
    },
    "P1_AGREMENTS_AUTRES": {
        "methode": "Décompte, dans le registre des maîtres de stage universitaires, des agréments hors médecine "
        "générale en cours au dernier jour du semestre.",
        "source": registre("Maîtres de stage universitaires"),
    },
    "P1_PROTOCOLES_COOPERATION": {
        "methode": "Décompte, dans le registre des protocoles de coopération, des protocoles autorisés et en cours "
        "au dernier jour du semestre.",
        "source": registre("Protocoles de coopération"),
        "niveaux": RD,
    },
    "P2_SITES_TELEMEDECINE": {
        "methode": "Décompte, dans le registre des sites de télémédecine, des sites équipés et en service au "
        "dernier jour du semestre.",
        "source": registre("Sites de télémédecine"),
    },
    "P1_CESP": {
        "methode": "Décompte, dans le registre des contrats d'aide, des CESP signés au plus tard le dernier jour du "
        "semestre (cumul : un contrat terminé reste compté).",
        "source": registre("Contrats d'aide"),
    },
    "P3_CENTRES_SANTE": {
        "methode": "Décompte, dans le registre des centres de santé (cpts), des centres ouverts et non fermés au "
        "dernier jour du semestre (service cpts.services.centres_de_sante_counts).",
        "source": "Registre « Centres de santé » du portail (cpts)",
    },
}

CONTRAT = "Nombre de contrats {aide} signés dans le périmètre, cumulés depuis l'ouverture du registre."
CONTRAT_METHODE = (
    "Décompte, dans le registre des contrats d'aide, des contrats {aide} signés au plus tard le dernier jour du "
    "semestre (un contrat terminé reste compté)."
)
CONTRATS = [
    ("P1_CONTRATS_CAIM", "CAIM", "Contrats d'aide à l'installation des médecins (CAIM) signés"),
    ("P1_CONTRATS_COSCOM", "COSCOM", "Contrats de stabilisation et de coordination des médecins (COSCOM) signés"),
    ("P1_CONTRATS_COTRAM", "COTRAM", "Contrats de transition des médecins (COTRAM) signés"),
    ("P1_CONTRATS_CSTM", "CSTM", "Contrats de solidarité territoriale médecin (CSTM) signés"),
    ("P1_CONTRATS_PTMG", "PTMG", "Contrats de praticien territorial de médecine générale (PTMG) signés"),
    ("P1_AIDES_COLLECTIVITES", "L1511-8", "Aides des collectivités territoriales (art. L1511-8 CGCT) accordées"),
]

# code -> (libellé, définition, méthode, source, sens, (document, passage) of the direction or None)
NOUVEAUX = {
    "P1_MAITRES_STAGE_ZIP": (
        "Maîtres de stage agréés en médecine générale exerçant en ZIP",
        "Nombre de maîtres de stage universitaires en médecine générale dont la commune était en zone d'intervention "
        "prioritaire (ZIP) le jour de leur agrément.",
        "Décompte, dans le registre des maîtres de stage universitaires, des agréments en médecine générale en cours "
        "au dernier jour du semestre dont la zone calculée au jour de l'agrément est la ZIP (arrêté de zonage "
        "médecins en vigueur ce jour-là).",
        registre("Maîtres de stage universitaires"),
        "hausse",
        (PLAN, "Priorité n°1, mesure 5 : « une réelle volonté de développer davantage ces stages »"),
    ),
    "P1_ENTREES_MG": (
        "Installations de médecins généralistes dans le semestre",
        "Nombre d'installations de médecins généralistes enregistrées par les délégations dans le semestre.",
        "Décompte, dans le registre des mouvements de médecins, des installations de médecins généralistes datées "
        "du semestre (service registres.services.indicateurs.mouvements).",
        registre("Mouvements de médecins"),
        "hausse",
        None,
    ),
    "P1_SORTIES_MG": (
        "Départs de médecins généralistes dans le semestre (dont retraites)",
        "Nombre de départs et de départs en retraite de médecins généralistes enregistrés dans le semestre.",
        "Décompte, dans le registre des mouvements de médecins, des départs et départs en retraite de médecins "
        "généralistes datés du semestre.",
        registre("Mouvements de médecins"),
        "baisse",
        None,
    ),
    "P1_SOLDE_MG": (
        "Solde des entrées et sorties de médecins généralistes dans le semestre",
        "Installations moins départs (dont retraites) de médecins généralistes dans le semestre : le « bilan des "
        "entrées, sorties » que le plan confie au délégué départemental.",
        "Entrées − sorties de médecins généralistes datées du semestre dans le registre des mouvements de médecins.",
        registre("Mouvements de médecins"),
        "hausse",
        None,
    ),
}
SENS_LECTURE = "Le plan demande le bilan sans fixer d'objectif : sens retenu par l'équipe."


def apply(apps, schema_editor):
    from indicateurs.referentiel_sources import ensure_sources

    Indicateur = apps.get_model("indicateurs", "Indicateur")
    sources = ensure_sources(apps, PLAN, LECTURE)
    for code, fields in EXISTANTS.items():
        Indicateur.objects.filter(code=code).update(mode="calcule", **fields)
    new = dict(NOUVEAUX)
    for code, aide, libelle in CONTRATS:
        new[code] = (
            libelle,
            CONTRAT.format(aide=aide),
            CONTRAT_METHODE.format(aide=aide),
            registre("Contrats d'aide"),
            "hausse",
            None,
        )
    ordre = (Indicateur.objects.filter(priorite=1).order_by("-ordre").values_list("ordre", flat=True).first() or 0) + 1
    for offset, (code, (libelle, definition, methode, source, sens, fonde)) in enumerate(new.items()):
        document, passage = fonde if fonde else (None, SENS_LECTURE)
        Indicateur.objects.update_or_create(
            code=code,
            defaults={
                "libelle": libelle,
                "definition": definition,
                "methode": methode,
                "unite": "nombre",
                "source": source,
                "periodicite": "semestrielle",
                "sens": sens,
                "sens_document": sources[document or LECTURE],
                "sens_source": passage,
                "sens_a_confirmer": document is None,
                "priorite": 1,
                "niveaux": RD,
                "mode": "calcule",
                "ordre": ordre + offset,
                "actif": True,
            },
        )


def revert(apps, schema_editor):
    Indicateur = apps.get_model("indicateurs", "Indicateur")
    codes = [*NOUVEAUX, *(code for code, _, _ in CONTRATS)]
    Indicateur.objects.filter(code__in=codes, valeurs__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicateurs", "0007_remove_indicateur_mesure"), ("referentiel", "0001_initial")]

    operations = [migrations.RunPython(apply, revert)]
