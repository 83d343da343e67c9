"""Personal data of the registers: every read by the ARS is logged (who, when, which entries), the comité reads no
name and leaves no log, the purge erases the personal fields (history included) past the référentiel's retention
period, keeps the entries counted, and runs nightly from the beat schedule; the privacy page shows the period with
its source and « à confirmer »."""

import datetime

import pytest
from django.utils import timezone

from referentiel.models import Parametre
from registres.enums import ActionLecture
from registres.models import LectureDonnees, MouvementMedecin
from registres.services.purge import purger
from registres.tasks import purger_donnees_personnelles
from tests.registres.factories import mouvement, save

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 6, 30)


@pytest.fixture
def moves(dd_agent, territory, tvs):
    old = mouvement(
        by=dd_agent,
        commune=territory["loches"],
        date=datetime.date(2021, 6, 1),  # five years and a month before ON: past the 5 years of the référentiel
        nom="Ancien",
        prenom="Médecin",
        rpps="10000000001",
        annee_naissance=1955,
    )
    recent = mouvement(
        by=dd_agent,
        commune=territory["chinon"],
        date=datetime.date(2021, 7, 1),  # within the five years: kept
        nom="Récent",
        rpps="10000000002",
        annee_naissance=1980,
    )
    return old, recent


def test_every_read_of_personal_data_is_logged(client, dd_agent, siege_agent, moves):
    old, recent = moves
    client.force_login(dd_agent)
    assert "Ancien" in client.get("/registres/mouvements-medecins/").content.decode()
    assert "Ancien" in client.get(f"/registres/mouvements-medecins/{old.public_id}/").content.decode()
    assert client.get("/registres/mouvements-medecins/export.csv").status_code == 200
    assert client.get("/api/v1/registres/mouvements-medecins/").json()["results"][0]["champs"]["nom"]
    client.force_login(siege_agent)
    client.get(f"/api/v1/registres/mouvements-medecins/{recent.public_id}/")
    rows = list(LectureDonnees.objects.order_by("pk").values_list("user__email", "action", "registre", "objets"))
    both = sorted([str(old.public_id), str(recent.public_id)])
    assert [(email, action, code) for email, action, code, _ in rows] == [
        (dd_agent.email, ActionLecture.LISTE, "mouvements-medecins"),
        (dd_agent.email, ActionLecture.FICHE, "mouvements-medecins"),
        (dd_agent.email, ActionLecture.EXPORT, "mouvements-medecins"),
        (dd_agent.email, ActionLecture.API, "mouvements-medecins"),
        (siege_agent.email, ActionLecture.API, "mouvements-medecins"),
    ]
    assert sorted(rows[0][3]) == both
    assert rows[1][3] == [str(old.public_id)]
    assert rows[4][3] == [str(recent.public_id)]


def test_no_name_for_the_comite_and_no_log_without_personal_data(client, dd_agent, expert, moves, territory):
    save(
        "sites-telemedecine",
        by=dd_agent,
        commune=territory["loches"],
        nom="EHPAD des Tilleuls",
        type_site="ehpad",
        activite="teleconsultation",
    )
    client.force_login(expert)
    page = client.get("/registres/mouvements-medecins/bilan/", {"debut": "2021-01-01", "fin": "2021-12-31"})
    assert page.status_code == 200
    assert "Ancien" not in page.content.decode()
    client.get("/registres/sites-telemedecine/")
    client.force_login(dd_agent)
    client.get("/registres/sites-telemedecine/export.csv")
    assert not LectureDonnees.objects.exists()


def test_purge_erases_personal_fields_and_their_history_past_the_retention(dd_agent, moves):
    old, recent = moves
    LectureDonnees.objects.create(user=dd_agent, registre="mouvements-medecins", action=ActionLecture.LISTE)
    LectureDonnees.objects.create(user=dd_agent, registre="mouvements-medecins", action=ActionLecture.FICHE)
    LectureDonnees.objects.filter(action=ActionLecture.LISTE).update(
        le=timezone.make_aware(datetime.datetime(2021, 6, 1, 10))
    )

    counts = purger(on=ON)

    assert counts["mouvements-medecins"] == 1
    assert counts["journal"] == 1
    old.refresh_from_db()
    assert (old.nom, old.prenom, old.rpps, old.annee_naissance) == ("", "", "", None)
    assert not old.history.exclude(nom="").exists()
    assert not old.history.exclude(rpps="").exists()
    recent.refresh_from_db()
    assert (recent.nom, recent.rpps, recent.annee_naissance) == ("Récent", "10000000002", 1980)
    assert MouvementMedecin.objects.count() == 2  # the movements stay counted, without identity
    assert list(LectureDonnees.objects.values_list("action", flat=True)) == [ActionLecture.FICHE]
    assert purger(on=ON)["mouvements-medecins"] == 0  # idempotent


def test_the_retention_is_data_of_the_referentiel(moves):
    old, _ = moves
    row = Parametre.objects.get(domaine="registres", code="duree_conservation_donnees_personnelles", region_code="")
    assert (row.valeur, row.unite, row.a_confirmer) == (5, "ans", True)
    # The region adopts a longer period of its own: nothing is purged yet.
    Parametre.objects.create(
        domaine=row.domaine,
        code=row.code,
        libelle=row.libelle,
        valeur=10,
        unite="ans",
        region_code="24",
        valide_du=datetime.date(2026, 1, 1),
        source=row.source,
        a_confirmer=True,
    )
    assert purger(on=ON)["mouvements-medecins"] == 0
    Parametre.objects.filter(domaine=row.domaine, code=row.code).delete()
    assert not any(purger(on=ON).values())
    old.refresh_from_db()
    assert old.nom == "Ancien"  # no published period: no purge, no fallback in code


def test_the_purge_runs_nightly_from_the_beat_schedule(moves):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="registres.tasks.purger_donnees_personnelles")
    assert task.enabled
    assert task.crontab.hour == "2"
    assert purger_donnees_personnelles(ON.isoformat())["mouvements-medecins"] == 1


def test_privacy_page_shows_the_retention_with_its_source_and_a_confirmer(client, territory):
    page = client.get("/donnees-personnelles/").content.decode()
    assert "5\u00a0ans" in page
    assert "à confirmer" in page
    assert "Santé Territoires" in page
