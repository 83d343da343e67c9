"""Pages of the territorial roadmaps: access per persona, forms, exports, constant query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from acces_soins.models import Action, Solution
from acces_soins.periods import Semestre
from tests.acces_soins.factories import (
    ActionFactory,
    FeuilleFactory,
    JalonFactory,
    action_note_create,
    action_notes,
    solution,
    territoire_sante,
)

pytestmark = pytest.mark.django_db

READERS = {"siege_agent", "dd_agent", "expert"}
EDITORS = {"siege_agent", "dd_agent"}  # siège gestionnaire, délégation of the territory (37)


@pytest.fixture
def action(territory):
    action = ActionFactory(feuille=FeuilleFactory(), solution=solution(1), libelle="Guichet unique (test)")
    JalonFactory(action=action, date_realisee=datetime.date(2025, 5, 28))
    return action


def urls(action) -> dict[str, str]:
    territoire = action.feuille.territoire
    return {
        "list": reverse("acces_soins:feuille_list"),
        "matrice": reverse("acces_soins:matrice"),
        "catalogue": reverse("acces_soins:solution_list"),
        "export": reverse("acces_soins:feuilles_export", args=["csv"]),
        "territoire": reverse("acces_soins:territoire_detail", args=[territoire.public_id]),
        "action": reverse("acces_soins:action_detail", args=[action.public_id]),
    }


def note_url(action) -> str:
    return reverse("acces_soins:note_save", args=["action", action.public_id])


def edit_urls(action) -> dict[str, str]:
    territoire = action.feuille.territoire
    return {
        "feuille": reverse("acces_soins:feuille_edit", args=[territoire.public_id]),
        "action_create": reverse("acces_soins:action_create", args=[territoire.public_id]),
        "action_edit": reverse("acces_soins:action_edit", args=[action.public_id]),
    }


def test_read_access_per_persona(persona, action):
    name, client = persona
    for key, url in urls(action).items():
        response = client.get(url)
        assert response.status_code == (200 if name in READERS else 404), (name, key)


def test_edit_access_per_persona(persona, action):
    name, client = persona
    for key, url in edit_urls(action).items():
        expected = 200 if name in EDITORS else 403 if name in READERS else 404
        assert client.get(url).status_code == expected, (name, key)
    catalogue = reverse("acces_soins:solution_create")
    assert client.get(catalogue).status_code == (200 if name == "siege_agent" else 403 if name in READERS else 404)


def test_note_access_per_persona(persona, action):
    name, client = persona
    response = client.post(
        note_url(action),
        {"semestre": "2026-S1", "avancement": "20", "statut": "en_cours", "texte": "Point."},
    )
    expected = 302 if name == "dd_agent" else 403 if name in READERS else 404
    assert response.status_code == expected, name
    assert action_notes().exists() is (name == "dd_agent")


def test_anonymous_is_sent_to_login(client, action):
    for url in [*urls(action).values(), *edit_urls(action).values()]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "connexion" in response["Location"], url


def test_other_delegation_reads_but_does_not_edit(client, dd45_agent, action):
    client.force_login(dd45_agent)
    assert client.get(urls(action)["territoire"]).status_code == 200
    assert client.get(edit_urls(action)["action_edit"]).status_code == 403
    response = client.post(note_url(action), {"semestre": "2026-S1", "avancement": "1", "statut": "en_cours"})
    assert response.status_code == 403


def test_delegation_reader_role_cannot_edit(client, territory, action):
    from comptes.enums import Role
    from tests.comptes.factories import MembershipFactory, UserFactory, delegation

    user = UserFactory(email="lecteur37@test.ars.fr")
    MembershipFactory(user=user, organisation=delegation("37", "Indre-et-Loire"), role=Role.LECTURE)
    client.force_login(user)
    assert client.get(urls(action)["action"]).status_code == 200
    assert client.get(edit_urls(action)["action_edit"]).status_code == 403


def test_note_form_keeps_input_on_error(client, dd_agent, action):
    client.force_login(dd_agent)
    response = client.post(
        note_url(action), {"semestre": "2026-S3", "avancement": "150", "statut": "en_cours", "texte": "Gardé"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Gardé" in content
    assert "2026-S3" in content
    assert not action_notes().exists()


def test_note_form_prefills_current_semester_note(client, dd_agent, action):
    client.force_login(dd_agent)
    semestre = str(Semestre.containing(timezone.localdate()))
    client.post(note_url(action), {"semestre": semestre, "avancement": "40", "statut": "suspendue", "texte": "A"})
    client.post(note_url(action), {"semestre": semestre, "avancement": "45", "statut": "en_cours", "texte": "B"})
    note = action_notes().get()
    assert (note.avancement, note.texte, note.history.count()) == (45, "B", 2)
    response = client.get(urls(action)["action"])
    assert 'value="45"' in response.content.decode()


def test_delegation_creates_an_own_action_with_milestones(client, dd_agent, action):
    client.force_login(dd_agent)
    data = {
        "solution": "",
        "libelle": "Navette vers les consultations avancées",
        "theme": "acces_professionnels",
        "pilote_nom": "M. Durand",
        "date_debut": "2025-01-01",
        "date_fin": "2026-12-31",
        "statut": "a_lancer",
        "jalons-TOTAL_FORMS": "2",
        "jalons-INITIAL_FORMS": "0",
        "jalons-MIN_NUM_FORMS": "0",
        "jalons-MAX_NUM_FORMS": "1000",
        "jalons-0-libelle": "Convention signée",
        "jalons-0-date_prevue": "2025-06-30",
        "jalons-1-libelle": "",
        "jalons-1-date_prevue": "",
    }
    response = client.post(edit_urls(action)["action_create"], data)
    assert response.status_code == 302
    created = Action.objects.get(libelle="Navette vers les consultations avancées")
    assert (created.numero, created.solution, created.jalons.count()) == (action.numero + 1, None, 1)
    missing = {**data, "libelle": "", "theme": ""}
    response = client.post(edit_urls(action)["action_create"], missing)
    assert response.status_code == 200
    assert "Donnez un libellé" in response.content.decode()


def test_siege_gestionnaire_edits_the_catalogue(client, siege_agent, territory):
    client.force_login(siege_agent)
    data = {"libelle": "Bus de prévention", "theme": "prevention", "ordre": "20", "actif": "on"}
    assert client.post(reverse("acces_soins:solution_create"), data).status_code == 302
    created = Solution.objects.get(libelle="Bus de prévention")
    assert created.region_code == "24"
    data["actif"] = ""
    client.post(reverse("acces_soins:solution_edit", args=[created.public_id]), data)
    created.refresh_from_db()
    assert created.actif is False


def test_catalogue_page_shows_hauts_de_france_as_inspiration_not_as_the_region_s(client, siege_agent, territory):
    hdf = solution(1)
    client.force_login(siege_agent)
    content = client.get(reverse("acces_soins:solution_list")).content.decode()
    own, _, inspiration = content.partition("Inspiration d'une autre région : ARS Hauts-de-France")
    assert inspiration, "the other région's solutions have their own section"
    assert "La région n'a pas encore de solution dans son catalogue" in own
    assert "guichet unique" not in own  # not in the région's catalogue
    assert "Mettre en œuvre le guichet unique" in inspiration
    assert "Conseil national de la refondation : un plan d&#x27;actions dans chaque territoire de santé" in inspiration
    assert "Valenciennes" in inspiration  # only inside the source's own words, quoted
    assert "Sites exemples" not in inspiration
    # another région's solution is read, never edited from here
    # Another région's solution is read as inspiration, never edited: outside the siège's scope, a 404.
    assert client.get(reverse("acces_soins:solution_edit", args=[hdf.public_id])).status_code == 404
    assert reverse("acces_soins:solution_edit", args=[hdf.public_id]) not in content


def test_action_form_offers_other_regions_solutions_as_inspiration(client, siege_agent, territory):
    own = Solution.objects.create(region_code="24", libelle="Bus de prévention", theme="prevention", ordre=1)
    hdf = solution(3)
    feuille = FeuilleFactory()
    client.force_login(siege_agent)
    content = client.get(reverse("acces_soins:action_create", args=[feuille.territoire.public_id])).content
    content = content.decode()
    label = escape(f"{hdf.libelle} (inspiration d'une autre région : ARS Hauts-de-France)")
    assert content.index(own.libelle) < content.index(label)  # the région's own catalogue first
    action = ActionFactory(feuille=feuille, solution=hdf, libelle=hdf.libelle)
    page = client.get(reverse("acces_soins:action_detail", args=[action.public_id])).content.decode()
    assert "Inspirée d'une solution d'une autre région (ARS Hauts-de-France)" in page


def test_roadmap_filters_and_export(client, siege_agent, action, territory):
    ActionFactory(
        feuille=action.feuille,
        libelle="Action en retard",
        date_debut=datetime.date(2019, 1, 1),
        date_fin=datetime.date(2020, 1, 31),
    )
    client.force_login(siege_agent)
    url = urls(action)["territoire"]
    content = client.get(url, {"en_retard": "oui"}).content.decode()
    assert "Action en retard" in content
    assert "Guichet unique (test)" not in content
    assert "<svg" in content
    assert "gantt-today" in content
    response = client.get(url, {"export": "csv", "en_retard": "oui"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Action en retard" in body
    assert "Guichet unique (test)" not in body
    xlsx = client.get(reverse("acces_soins:feuilles_export", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("acces_soins:feuilles_export", args=["pdf"])).status_code == 404


def test_matrix_shows_status_per_territory(client, expert, action):
    client.force_login(expert)
    content = client.get(urls(action)["matrice"]).content.decode()
    assert "En cours" in content
    assert "guichet unique d&#x27;accueil" in content  # the solution (Hauts-de-France's), labelled as an inspiration
    assert "inspiration d'une autre région (ARS Hauts-de-France)" in content


def _populate(n: int):
    for code in ("37", "45"):
        feuille = FeuilleFactory(territoire=territoire_sante(code))
        for index in range(n):
            action = ActionFactory(feuille=feuille, solution=solution(index % 6 + 1) if index % 2 else None)
            JalonFactory(action=action)
            action_note_create(action=action, semestre="2026-S1", avancement=10, texte="x", statut="en_cours")


@pytest.mark.parametrize("page", ["list", "matrice", "territoire", "export"])
def test_query_count_constant_with_rows(client, siege_agent, territory, page):
    """Same number of queries with 2 and 20 actions per territory (page size is 25)."""
    client.force_login(siege_agent)
    _populate(2)
    url = urls(Action.objects.order_by("pk").first())[page]
    client.get(url)  # warm the session
    few = _count(client, url)
    _populate(18)
    assert Action.objects.count() == 40
    assert _count(client, url) == few


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("persona_name", "shown"), [("dd_agent", True), ("expert", True), ("porteur_manager", False)])
def test_home_panel(client, request, action, persona_name, shown):
    client.force_login(request.getfixturevalue(persona_name))
    content = client.get(reverse("home")).content.decode()
    assert ("Feuilles de route territoriales</h2>" in content) is shown
    if shown:
        assert "Indre-et-Loire</a>" in content
