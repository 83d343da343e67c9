"""Reference data seeded by migration 0003 (and re-seeded by tests after a flush): the health priorities.

Takes the model class as argument so that the migration can pass its historical model. The programme's rules
(threshold, ingénierie, duration) are not here: they live in the register (`referentiel/data/cls.toml`).
"""

THEMATIQUES = [
    ("prevention", "Prévention et promotion de la santé"),
    ("acces_soins", "Accès aux soins"),
    ("sante_mentale", "Santé mentale"),
    ("sante_environnement", "Santé-environnement"),
    ("vulnerables", "Personnes vulnérables"),
    ("parcours", "Parcours"),
    ("autre", "Autre"),
]


def seed(thematique_model) -> None:
    for ordre, (code, libelle) in enumerate(THEMATIQUES):
        thematique_model.objects.get_or_create(code=code, defaults={"libelle": libelle, "ordre": ordre})
