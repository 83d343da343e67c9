"""The register pattern: a register declared in a few lines gets its list, import, export, API and map."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registres.declarations import Registre, declared
from registres.models import ImportRegistre, SiteTelemedecine
from territoires.enums import ContourLevel
from territoires.models import Contour

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[0.9, 47.1], [1.1, 47.1], [1.1, 47.2], [0.9, 47.2], [0.9, 47.1]]]}


def essai() -> Registre:
    """A register in a few lines: a model of the app, its own fields, nothing else."""
    return Registre(
        code="essai",
        model=SiteTelemedecine,
        titre="Sites d'essai",
        nom="un site",
        champs=("nom", "type_site", "activite"),
    )


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def contours(territory):
    for key in ("loches", "chinon"):
        Contour.objects.create(level=ContourLevel.COMMUNE, code=territory[key].code_insee, geometry=SQUARE)


def test_a_register_declared_in_a_few_lines_gets_import_list_export_api_and_map(client, dd_agent, contours):
    client.force_login(dd_agent)
    fichier = (
        "Commune;Nom;Type de site;Activité;Source\n"
        "Loches (37132);EHPAD des Tilleuls;EHPAD;Téléconsultation;Liste ARS 2026\n"
        '37072;=HYPERLINK("http://exemple.invalid");msp;teleexpertise;Liste ARS 2026\n'
    )
    with declared(essai()):
        refused = client.post("/registres/essai/import/", {"fichier": upload("sites.csv", fichier)})
        assert refused.status_code == 400  # a spreadsheet formula in a cell: the whole file is refused
        assert any("formule de tableur" in error for error in refused.context["errors"])
        assert not SiteTelemedecine.objects.exists()
        fichier = fichier.replace('=HYPERLINK("http://exemple.invalid")', "Maison de santé")
        response = client.post("/registres/essai/import/", {"fichier": upload("sites.csv", fichier)})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert SiteTelemedecine.objects.count() == 2
        assert ImportRegistre.objects.get().lignes == 2
        # Typed in a form (forms accept any text), a formula is neutralised by the export.
        SiteTelemedecine.objects.filter(nom="Maison de santé").update(nom='=HYPERLINK("http://exemple.invalid")')

        page = client.get("/registres/essai/").content.decode()
        assert "EHPAD des Tilleuls" in page
        assert "Sites d&#x27;essai" in page

        export = client.get("/registres/essai/export.csv")
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["Identifiant", "Département", "commune"]
        assert '\'=HYPERLINK("http://exemple.invalid")' in [cell for row in rows for cell in row]  # neutralised
        assert client.get("/registres/essai/export.xlsx").status_code == 200

        api = client.get("/api/v1/registres/essai/").json()
        assert api["count"] == 2
        first = next(row for row in api["results"] if row["commune"] == "37132")
        assert first["champs"] == {"nom": "EHPAD des Tilleuls", "type_site": "ehpad", "activite": "teleconsultation"}
        assert client.get(first["url"]).status_code == 200
        assert client.get(f"/api/v1/registres/essai/{first['public_id']}/").json()["departement"] == "37"

        carte = client.get("/registres/essai/carte.geojson").json()
        assert len(carte["features"]) == 2
        assert {feature["geometry"]["type"] for feature in carte["features"]} == {"Point"}
        assert client.get("/registres/essai/carte/").status_code == 200
    assert client.get("/registres/essai/").status_code == 404  # undeclared again


def test_import_is_all_or_nothing_and_lists_every_bad_row_in_french(client, dd_agent, territory):
    client.force_login(dd_agent)
    fichier = (
        "commune;nom;type_site;activite;date_debut\n"
        "Loches (37132);Site correct;ehpad;teleconsultation;12/03/2025\n"
        "Orléans (45234);Hors périmètre;ehpad;teleconsultation;12/03/2025\n"
        "37072;Date fausse;ehpad;teleconsultation;31/02/2025\n"
        "37072;Type inconnu;navire;teleconsultation;01/02/2025\n"
        ";Sans commune;ehpad;teleconsultation;\n"
    )
    with declared(essai()):
        response = client.post(
            "/registres/essai/import/", {"fichier": upload("sites.csv", fichier), "source": "Liste de test"}
        )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors == [
        "Ligne 3 : commune : commune « Orléans (45234) » inconnue de votre périmètre",
        "Ligne 4 : date de début : date « 31/02/2025 » illisible (attendu JJ/MM/AAAA)",
        "Ligne 5 : type de site : valeur « navire » inconnue (attendu : EHPAD ; Établissement de santé ; Maison de "
        "santé pluriprofessionnelle ; Centre de santé ; Cabinet libéral ; Autre lieu)",
        "Ligne 6 : commune : Indiquez la commune.",
    ]
    assert "aucune ligne n'a été enregistrée" in response.content.decode()
    assert not SiteTelemedecine.objects.exists()  # the correct row was not applied either


def test_import_reads_xlsx_and_missing_columns_are_named(client, dd_agent, territory):
    from openpyxl import Workbook

    client.force_login(dd_agent)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Commune", "Nom"])
    sheet.append(["37132", "Sans type"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with declared(essai()):
        response = client.post(
            "/registres/essai/import/",
            {"fichier": SimpleUploadedFile("sites.xlsx", buffer.getvalue()), "source": "Liste"},
        )
    assert response.status_code == 400
    assert response.context["errors"] == ["Colonnes manquantes : type de site, activité."]


def test_commune_autocomplete_proposes_communes_of_the_scope(client, dd_agent, territory):
    client.force_login(dd_agent)
    page = client.get("/registres/communes/", {"commune": "loch"}).content.decode()
    assert '<option value="Loches (37132)">' in page
    assert "Orléans" not in client.get("/registres/communes/", {"commune": "orl"}).content.decode()


def test_form_takes_a_typed_commune_never_a_select_of_communes(client, dd_agent, territory):
    client.force_login(dd_agent)
    with declared(essai()):
        form = client.get("/registres/essai/nouveau/").content.decode()
        assert 'list="id_commune-liste"' in form
        assert "<datalist" in form
        assert '<option value="' not in form.split('id="id_commune"')[1].split("</datalist>")[0]
        response = client.post(
            "/registres/essai/nouveau/",
            {
                "commune": "Loches (37132)",
                "nom": "Site saisi",
                "type_site": "ehpad",
                "activite": "teleconsultation",
                "statut": "actif",
                "source": "Saisie",
            },
        )
    assert response.status_code == 302
    site = SiteTelemedecine.objects.get()
    assert (site.commune, site.departement, site.created_by) == (territory["loches"], territory["dep37"], dd_agent)
    assert site.history.get().history_user == dd_agent


def test_every_number_of_every_register_form_reads_french(siege_agent, territory):
    """The forms built from the declarations (and their child rows) read « 1 234,5 » like every form."""
    from registres.declarations import registres
    from registres.forms import enfants_formsets, entree_form_class
    from tests.config.test_french_input import _assert_french, _numeric_fields

    checked = []
    for registre in registres():
        form_class = entree_form_class(registre)
        forms = [form_class(instance=registre.model(), registre=registre, user=siege_agent)]
        forms += [
            formset.empty_form
            for formset in enfants_formsets(registre, None, instance=registre.model(), user=siege_agent)
        ]
        for form in forms:
            for label, field in _numeric_fields(type(form), form):
                _assert_french(f"{registre.code}.{label}", field)
                checked.append(f"{registre.code}.{label.rsplit('.', 1)[-1]}")
    assert {"contrats-aide.montant", "maitres-de-stage.capacite", "logements-stagiaires.loyer_mensuel"} <= set(checked)
