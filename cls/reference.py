"""Reference data seeded by migration 0003 (and re-seeded by tests after a flush).

Takes the model classes as arguments so that the migration can pass its historical models.
"""

import datetime
from decimal import Decimal

SOURCE = "ARS Bretagne, « Les contrats locaux de santé — cadre de contractualisation et appui à l'ingénierie »"
PARAMETRES = [
    ("seuil_population", Decimal("50000"), "habitants", SOURCE + " : regroupements d'EPCI d'au moins 50 000 habitants"),
    ("seuil_etp", Decimal("150000"), "habitants", SOURCE + " : 1 ETP sous 150 000 habitants, 2 ETP au-delà"),
    ("etp_sous_seuil", Decimal("1"), "ETP", SOURCE),
    ("etp_au_dessus", Decimal("2"), "ETP", SOURCE),
    ("plafond_par_etp", Decimal("25000"), "€ par ETP et par an", SOURCE + " : montant maximal de 25 000 € par ETP"),
    ("cofinancement_requis", Decimal("1"), "oui/non", SOURCE + " : co-financement de la collectivité porteuse"),
]
THEMATIQUES = [
    ("prevention", "Prévention et promotion de la santé"),
    ("acces_soins", "Accès aux soins"),
    ("sante_mentale", "Santé mentale"),
    ("sante_environnement", "Santé-environnement"),
    ("vulnerables", "Personnes vulnérables"),
    ("parcours", "Parcours"),
    ("autre", "Autre"),
]


def seed(thematique_model, parametre_model) -> None:
    for code, valeur, unite, source in PARAMETRES:
        parametre_model.objects.get_or_create(
            code=code,
            region=None,
            valide_du=datetime.date(2018, 1, 1),
            defaults={"valeur": valeur, "unite": unite, "source": source, "a_confirmer": True},
        )
    for ordre, (code, libelle) in enumerate(THEMATIQUES):
        thematique_model.objects.get_or_create(code=code, defaults={"libelle": libelle, "ordre": ordre})
