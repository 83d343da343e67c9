"""Register entries for the tests, written through the one service (zone, TVS, ledger)."""

import datetime

from registres.declarations import get_registre
from registres.enums import ModeExercice, ProfessionMedecin, Specialite, TypeMouvement
from registres.services.entrees import entree_save

EFFET_V2 = datetime.date(2025, 1, 1)  # the second test arrêté of zonage (fixture `arretes`) takes effect


def save(code: str, *, by, m2m=None, **fields):
    registre = get_registre(code)
    fields.setdefault("source", "Source de test")
    return entree_save(registre=registre, entree=registre.model(**fields), by=by, m2m=m2m)


def maitre(*, by, commune, debut=datetime.date(2024, 1, 1), specialite=Specialite.MEDECINE_GENERALE, **fields):
    fields.setdefault("nom", "Dr Martin")
    fields.setdefault("universite", "Université de Tours")
    return save("maitres-de-stage", by=by, commune=commune, date_debut=debut, specialite=specialite, **fields)


def mouvement(*, by, commune, date, type_mouvement=TypeMouvement.INSTALLATION, **fields):
    fields.setdefault("profession", ProfessionMedecin.GENERALISTE)
    fields.setdefault("mode", ModeExercice.LIBERAL)
    return save("mouvements-medecins", by=by, commune=commune, date_debut=date, type_mouvement=type_mouvement, **fields)


def contrat(*, by, commune, aide: str, signature=datetime.date(2024, 3, 1), **fields):
    from zonage.models import Aide

    fields.setdefault("financeur", "assurance_maladie")
    return save(
        "contrats-aide",
        by=by,
        commune=commune,
        aide=Aide.objects.get(code=aide),
        date_signature=signature,
        **fields,
    )


def effectif(*, by, departement, tvs, date, total, seniors=None):
    return save(
        "effectifs-tvs",
        by=by,
        departement=departement,
        tvs=tvs,
        date_debut=date,
        medecins_generalistes=total,
        dont_60_ans_et_plus=seniors,
    )
