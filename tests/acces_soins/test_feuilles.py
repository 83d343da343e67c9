"""Territorial roadmaps: seed, « en retard » rule (boundaries), notes one per semester, services, bilan section."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from acces_soins.enums import StatutAction
from acces_soins.feuilles.bilan import feuilles_section
from acces_soins.models import Action, NoteSemestrielle, Solution, TerritoireSante
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.feuilles import action_save
from tests.acces_soins.factories import (
    ActionFactory,
    FeuilleFactory,
    JalonFactory,
    action_note_create,
    action_notes,
    note_save,
    solution,
    territoire_sante,
)

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 6, 30)


def late(action, on) -> bool:
    return Action.objects.with_retard(on).get(pk=action.pk).en_retard


def test_seed_six_territories_and_catalogue_with_sources(territory):
    territoires = TerritoireSante.objects.filter(region_code="24")
    assert sorted(territoires.values_list("code", flat=True)) == ["18", "28", "36", "37", "41", "45"]
    assert all(t.source and t.conseil_nom.startswith("Conseil territorial de santé") for t in territoires)
    assert list(territoire_sante("37").departements.values_list("code", flat=True)) == ["37"]
    assert not Solution.objects.filter(region_code="24").exists()  # Centre-Val de Loire has no catalogue of its own


# Copied word for word (apostrophes straightened) from the source (ARS Hauts-de-France, « Conseil national de la
# refondation : un plan d'actions dans chaque territoire de santé », section « Des solutions concrètes »).
SOURCE_HDF = (
    "Parmi les actions emblématiques de ces plans d'actions : faire du projet Les Chartriers à Valenciennes un "
    "démonstrateur de solutions en faveur de l'attractivité des professions de santé en territoire fragile ; "
    "développer la filière d'excellence (ou cordées de la réussite) ; généraliser à toutes les maternités le "
    "programme régional d'accompagnement à l'arrêt du tabac et autres substances ; mettre en œuvre le guichet "
    "unique d'accueil et d'accompagnement des professionnels de santé ; expérimenter la médiation en santé en "
    "milieu rural-semi urbain et les ambassadeurs en santé mentale."
)


def test_seeded_catalogue_is_hauts_de_france_and_only_the_words_of_its_source(territory):
    solution(1)  # the seed (flushed databases too)
    solutions = list(Solution.objects.filter(region_code="32").select_related("document").order_by("ordre"))
    assert [s.libelle for s in solutions] == [
        "Mettre en œuvre le guichet unique d'accueil et d'accompagnement des professionnels de santé",
        "Démonstrateur de solutions en faveur de l'attractivité des professions de santé en territoire fragile",
        "Développer la filière d'excellence (ou cordées de la réussite)",
        "Généraliser à toutes les maternités le programme régional d'accompagnement à l'arrêt du tabac et autres "
        "substances",
        "Expérimenter la médiation en santé en milieu rural-semi urbain",
        "Expérimenter les ambassadeurs en santé mentale",
    ]
    assert {(s.document.code, s.document.region_code) for s in solutions} == {("hdf-cnr-plans-actions", "32")}
    assert all(s.description == "" and s.sites_exemples == "" for s in solutions)  # nothing of our own
    assert solutions[0].region_libelle == "ARS Hauts-de-France"
    for s in solutions:  # every quoted passage is the source's, word for word; each label is made of its words
        passage = s.source.split("« ", 1)[1].split(" »", 1)[0]
        assert passage in SOURCE_HDF, passage
        assert s.libelle.lower() in SOURCE_HDF.lower() or s.libelle.lower().split(" ", 1)[1] in passage.lower()
    assert "Chartriers" not in " ".join(s.libelle + s.sites_exemples for s in solutions)


@pytest.mark.parametrize(
    ("on", "statut", "expected"),
    [
        (END, StatutAction.EN_COURS, False),  # the end day itself: not late yet
        (END + datetime.timedelta(days=1), StatutAction.EN_COURS, True),
        (END + datetime.timedelta(days=1), StatutAction.A_LANCER, True),
        (END + datetime.timedelta(days=1), StatutAction.SUSPENDUE, True),
        (END + datetime.timedelta(days=1), StatutAction.REALISEE, False),
        (END + datetime.timedelta(days=1), StatutAction.ABANDONNEE, False),
    ],
)
def test_late_when_end_passed_and_not_finished(territory, on, statut, expected):
    action = ActionFactory(date_fin=END, statut=statut)
    assert late(action, on) is expected


def test_late_when_a_milestone_is_overdue(territory):
    action = ActionFactory(date_fin=datetime.date(2030, 1, 1))
    jalon = JalonFactory(action=action, date_prevue=datetime.date(2025, 6, 1))
    assert late(action, datetime.date(2025, 6, 1)) is False  # due today: not overdue yet
    assert late(action, datetime.date(2025, 6, 2)) is True
    jalon.date_realisee = datetime.date(2025, 6, 10)
    jalon.save()
    assert late(action, datetime.date(2025, 6, 20)) is False
    action.statut = StatutAction.REALISEE
    action.save()
    JalonFactory(action=action, date_prevue=datetime.date(2025, 1, 1))
    assert late(action, datetime.date(2025, 6, 20)) is False  # a finished action is never late


def test_en_retard_filter_matches_annotation(territory):
    on = datetime.date(2026, 1, 1)
    ActionFactory(date_fin=datetime.date(2025, 12, 31))
    ActionFactory(date_fin=datetime.date(2026, 1, 1))
    assert Action.objects.en_retard(on).count() == 1


def test_one_note_per_semester_updated_with_history(territory, dd_agent):
    action = ActionFactory(statut=StatutAction.A_LANCER)
    semestre = Semestre(2026, 1)
    note_save(action=action, semestre=semestre, avancement=10, texte="Lancement.", statut="en_cours", user=dd_agent)
    note = note_save(
        action=action, semestre=semestre, avancement=35, texte="Comité réuni.", statut="en_cours", user=dd_agent
    )
    assert action_notes(action).count() == 1
    assert (note.avancement, note.texte) == (35, "Comité réuni.")
    assert note.history.count() == 2
    action.refresh_from_db()
    assert action.statut == "en_cours"
    note_save(action=action, semestre=semestre.next(), avancement=100, texte="Fini.", statut="realisee", user=dd_agent)
    assert action_notes(action).count() == 2
    action.refresh_from_db()
    assert action.statut == "realisee"


def test_note_unique_constraint(territory):
    action = ActionFactory()
    note = action_note_create(action=action, semestre="2026-S1", avancement=1, texte="a", statut="en_cours")
    with pytest.raises(ValidationError):
        NoteSemestrielle(
            content_type=note.content_type, object_id=action.pk, semestre="2026-S1", avancement=2, texte="b"
        ).full_clean()


def test_action_from_catalogue_takes_theme_and_label_and_is_numbered(territory, dd_agent):
    feuille = FeuilleFactory()
    ActionFactory(feuille=feuille, numero=4)
    picked = solution(4)
    action = action_save(
        action=Action(
            feuille=feuille,
            solution=picked,
            libelle="",
            theme="attractivite",
            date_debut=datetime.date(2025, 1, 1),
            date_fin=datetime.date(2026, 1, 1),
        ),
        user=dd_agent,
    )
    assert (action.numero, action.theme, action.libelle) == (5, picked.theme, picked.libelle)


def test_bilan_section_region_and_departement(territory, dd_agent):
    feuille37 = FeuilleFactory()
    feuille45 = FeuilleFactory(territoire=territoire_sante("45"))
    late_action = ActionFactory(feuille=feuille37, date_fin=datetime.date(2026, 3, 31), libelle="Guichet unique")
    ActionFactory(feuille=feuille37, statut="realisee", date_fin=datetime.date(2026, 3, 31))
    ActionFactory(feuille=feuille45)
    semestre = Semestre(2026, 1)
    note_save(action=late_action, semestre=semestre, avancement=50, texte="x", statut="en_cours", user=dd_agent)
    data = feuilles_section(Perimetre.region("24"), semestre)
    assert [row["code"] for row in data["territoires"]] == ["37", "45"]
    assert (data["total"], data["en_retard"], data["notes"]) == (3, 1, 1)
    row37 = data["territoires"][0]
    assert {s["statut"]: s["nombre"] for s in row37["statuts"]}["Réalisée"] == 1
    assert [a["libelle"] for a in row37["en_retard"]] == ["Guichet unique"]
    dep = feuilles_section(Perimetre.departement("45"), semestre)
    assert [row["code"] for row in dep["territoires"]] == ["45"]
    assert dep["en_retard"] == 0
    assert feuilles_section(Perimetre.departement("18"), semestre) is None


def test_demo_command_refuses_outside_demo(settings):
    from django.core.management import CommandError, call_command

    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="démonstration"):
        call_command("demo_feuilles_de_route")


def test_demo_command_is_idempotent_and_fictitious(settings, territory):
    from django.core.management import call_command

    from acces_soins.models import FeuilleDeRoute, Jalon

    settings.IS_DEMO = True
    call_command("demo_feuilles_de_route")
    counts = (FeuilleDeRoute.objects.count(), Action.objects.count(), Jalon.objects.count())
    notes = action_notes().count()
    call_command("demo_feuilles_de_route")
    assert (FeuilleDeRoute.objects.count(), Action.objects.count(), Jalon.objects.count()) == counts
    assert action_notes().count() == notes
    assert counts[0] == 6
    assert counts[1] == 54
    assert set(FeuilleDeRoute.objects.values_list("is_fictif", flat=True)) == {True}
    assert Action.objects.filter(solution__isnull=True).exclude(libelle__contains="(fictif)").count() == 0
    assert Action.objects.en_retard(datetime.date(2026, 11, 25)).count() >= 6
    assert len(set(Action.objects.values_list("statut", flat=True))) == 5
    semestres = set(action_notes().values_list("semestre", flat=True))
    assert len(semestres) == 2


def test_demo_funds_three_actions_per_territory_from_the_fictitious_cts_envelope(settings, territory, siege_agent):
    from django.core.management import call_command

    from financements.models import Engagement, Paiement
    from tests.financements.factories import make_enveloppe

    settings.IS_DEMO = True
    make_enveloppe(by=siege_agent, programmes=["feuille_de_route"], is_fictif=True, libelle="CTS (fictif)")
    call_command("demo_feuilles_de_route")
    engagements = Engagement.objects.filter(beneficiaire__programme="feuille_de_route")
    assert engagements.count() == 6  # territories 37 and 45 exist in the test geography: 3 actions each
    assert engagements.filter(statut="prevu").count() == 2
    assert Paiement.objects.count() == 2
    assert all(e.beneficiaire.action_feuille.feuille.is_fictif for e in engagements)
    call_command("demo_feuilles_de_route")
    assert Engagement.objects.count() == 6


def test_bilan_pdf_prints_the_section(territory, settings, tmp_path, dd_agent):
    from acces_soins.services.bilans import bilan_produce, bilan_request
    from tests.acces_soins.helpers import normalized, pdf_text, read_file

    settings.MEDIA_ROOT = tmp_path / "media"
    feuille = FeuilleFactory()
    late_action = ActionFactory(
        feuille=feuille,
        numero=1,
        libelle="Navette vers les consultations",
        date_debut=datetime.date(2025, 1, 1),
        date_fin=datetime.date(2026, 3, 31),
    )
    ActionFactory(feuille=feuille, numero=2, statut="realisee", libelle="Guichet ouvert")
    ActionFactory(feuille=FeuilleFactory(territoire=territoire_sante("45")), libelle="Action du Loiret")
    note_save(
        action=late_action, semestre=Semestre(2026, 1), avancement=40, texte="x", statut="en_cours", user=dd_agent
    )
    bilan = bilan_request(perimetre=Perimetre.departement("37"), semestre=Semestre(2026, 1), enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    section = next(s for s in bilan.snapshot["sections"] if s["nom"] == "feuilles")
    assert section["disponible"]
    text = normalized(pdf_text(read_file(bilan)))
    assert "Feuilles de route territoriales" in text
    assert "Indre-et-Loire — feuille de route 2024–2027" in text
    assert "dont 1 en retard au 30 juin 2026" in text
    assert "A1 Navette vers les consultations" in text
    assert "1 note d'avancement rédigée pour le semestre" in text
    assert "Action du Loiret" not in text
    assert "Loiret — feuille de route" not in text
