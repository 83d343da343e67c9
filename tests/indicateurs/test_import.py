import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from indicateurs.enums import Provenance
from indicateurs.importer import valeurs_importer
from indicateurs.models import ImportLot, Indicateur, Perimetre, Valeur
from tests.indicateurs.factories import PerimetreFactory, ValeurFactory

pytestmark = pytest.mark.django_db

HEADER = "indicateur;niveau;code;periode;valeur;commentaire\n"


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_valid_csv_is_imported_with_provenance(territory, siege_agent):
    content = csv_bytes(
        "P3_CENTRES_SANTE;region;24;2026-S1;55;",
        "p3_centres_sante;departement;37;2026-S1;8,5;estimation",
        "P1_ASALEE;departement;45;2025-S2;secret;",
    )
    report = valeurs_importer(name="valeurs.csv", content=content, user=siege_agent)
    assert report.errors == []
    assert report.lot.nb_valeurs == 3
    valeurs = {
        (v.indicateur.code, v.perimetre.code): v for v in Valeur.objects.select_related("indicateur", "perimetre")
    }
    assert valeurs["P3_CENTRES_SANTE", "37"].valeur == Decimal("8.5")
    assert valeurs["P3_CENTRES_SANTE", "37"].provenance == Provenance.IMPORT
    assert valeurs["P3_CENTRES_SANTE", "37"].lot == report.lot
    assert valeurs["P3_CENTRES_SANTE", "37"].saisi_par == siege_agent
    assert valeurs["P1_ASALEE", "45"].secret is True
    assert valeurs["P1_ASALEE", "45"].valeur is None


def test_xlsx_is_imported(territory, siege_agent):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicateur", "Niveau", "Code", "Periode", "Valeur"])
    sheet.append(["P2_SITES_TELEMEDECINE", "region", "24", "2026-S1", 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = valeurs_importer(name="valeurs.xlsx", content=buffer.getvalue(), user=siege_agent)
    assert report.errors == []
    assert Valeur.objects.get().valeur == 120


def test_any_error_leaves_the_database_unchanged(territory, siege_agent):
    existing = ValeurFactory(indicateur=Indicateur.objects.get(code="P4_CLS"))
    before = list(Valeur.objects.values_list("pk", "valeur"))
    perimetres_before = Perimetre.objects.count()
    content = csv_bytes(
        "P4_CLS;region;24;2026-S1;20;",  # valid, must not be written
        "P4_CLS;departement;37;2026-S1;4;",  # valid and would create the département perimeter
        "INCONNU;region;24;2026-S1;1;",
        "P4_CLS;departement;99;2026-S1;1;",
        "P4_CLS;region;24;2026-S3;1;",
        "P4_CLS;departement;45;2026-S1;douze;",
        "P4_CLS;departement;37;2026-S1;5;",  # duplicate of line 3
    )
    report = valeurs_importer(name="valeurs.csv", content=content, user=siege_agent)
    assert report.lot is None
    assert [line for line, _ in report.errors] == [4, 5, 6, 7, 8]
    messages = dict(report.errors)
    assert "indicateur inconnu" in messages[4]
    assert "territoire inconnu" in messages[5]
    assert "période inconnue" in messages[6]
    assert "non numérique" in messages[7]
    assert "doublon de la ligne 3" in messages[8]
    assert list(Valeur.objects.values_list("pk", "valeur")) == before
    assert Perimetre.objects.count() == perimetres_before
    assert ImportLot.objects.count() == 0
    assert existing.pk


def test_delegation_cannot_import_outside_its_departements(territory, dd_agent):
    content = csv_bytes(
        "P4_CLS;departement;45;2026-S1;3;", "P4_CLS;region;24;2026-S1;3;", "P4_CLS;departement;37;2026-S1;3;"
    )
    report = valeurs_importer(name="valeurs.csv", content=content, user=dd_agent)
    assert [line for line, _ in report.errors] == [2, 3]
    assert "hors de votre périmètre" in report.errors[0][1]
    assert Valeur.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a;b\n1;2\n", "Colonnes manquantes"),
        (b"", "vide"),
        ("indicateur;niveau;code;periode;valeur\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_unreadable_files_are_reported(territory, siege_agent, content, message):
    report = valeurs_importer(name="valeurs.csv", content=content, user=siege_agent)
    assert message in report.errors[0][1]


def test_import_page_reports_errors_per_row(client, territory, siege_agent):
    PerimetreFactory()
    client.force_login(siege_agent)
    upload = io.BytesIO(csv_bytes("P4_CLS;region;24;2026-S1;abc;"))
    upload.name = "valeurs.csv"
    response = client.post(reverse("indicateurs:import"), {"fichier": upload})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Import refusé" in content
    assert "non numérique" in content
    assert Valeur.objects.count() == 0


def test_import_page_accepts_a_valid_file(client, territory, dd_agent):
    client.force_login(dd_agent)
    upload = io.BytesIO(csv_bytes("P4_CLS;departement;37;2026-S1;4;"))
    upload.name = "valeurs.csv"
    response = client.post(reverse("indicateurs:import"), {"fichier": upload})
    assert response.status_code == 302
    assert Valeur.objects.get().valeur == 4


def test_import_page_refuses_other_extensions(client, territory, siege_agent):
    client.force_login(siege_agent)
    upload = io.BytesIO(b"%PDF")
    upload.name = "valeurs.pdf"
    response = client.post(reverse("indicateurs:import"), {"fichier": upload})
    assert "doit être un fichier .csv ou .xlsx" in response.content.decode()
