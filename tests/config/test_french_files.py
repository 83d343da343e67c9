"""French numbers in and out of files: CSV exports write a decimal comma, imports and free-text amounts read
numbers with the portal's one rule (`config.numbers`), so « 1.234 » is never silently 1,234."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from config.exports import csv_cell, export_response

NNBSP = "\u202f"


def test_csv_cells_keep_numbers_readable_by_a_french_spreadsheet():
    assert csv_cell(Decimal("1234.50")) == "1234,50"
    assert csv_cell(0.5) == "0,5"
    assert csv_cell(2026) == 2026  # integers (years, counts) untouched, never grouped
    assert csv_cell(None) == ""
    assert csv_cell("Loches") == "Loches"


def test_csv_export_writes_decimal_commas_and_iso_dates():
    response = export_response(
        fmt="csv",
        name="essai",
        header=["Année", "Montant (€)", "Date"],
        rows=[[2026, Decimal("12500.50"), datetime.date(2026, 12, 3)]],
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Année", "Montant (€)", "Date"], ["2026", "12500,50", "2026-12-03"]]


def test_xlsx_export_keeps_native_numbers():
    from openpyxl import load_workbook

    response = export_response(fmt="xlsx", name="essai", header=["Montant"], rows=[[Decimal("0.5")]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == 0.5


def test_indicator_import_reads_french_values_and_refuses_ambiguous_ones():
    from indicateurs.importer import _cell_text, parse_nombre

    assert parse_nombre("12,5") == Decimal("12.5")
    assert parse_nombre(f"1{NNBSP}234,5") == Decimal("1234.5")
    assert parse_nombre("0.5") == Decimal("0.5")
    assert parse_nombre("39,8 %") == Decimal("39.8")
    with pytest.raises(ValueError, match="ambigu"):
        parse_nombre("1.234")  # 1 234 or 1,234? Before: silently 1.234
    with pytest.raises(ValueError, match="valeur non numérique « douze »"):
        parse_nombre("douze")
    # Spreadsheet cells read like typed text: 12.5 stays 12,5, an integral float is an integer.
    assert (_cell_text(12.5), _cell_text(37132.0), _cell_text(2026), _cell_text(None)) == ("12,5", "37132", "2026", "")
    assert parse_nombre(_cell_text(1234.567)) == Decimal("1234.567")


@pytest.mark.django_db
def test_fiche_budget_lines_read_french_amounts():
    from cls.forms import FicheForm

    def budget(text):
        form = FicheForm({"budget": text})
        form.is_valid()
        return form.cleaned_data.get("budget"), form.errors.get("budget")

    assert budget(f"ARS ; 12{NNBSP}500,50 €\nCommune ; 0,5")[0] == [
        ("ARS", Decimal("12500.50")),
        ("Commune", Decimal("0.5")),
    ]
    assert "ambigu" in budget("ARS ; 1.234")[1][0]
    assert budget("ARS ; 1.234")[1][0].startswith("Ligne 1 : ")
    assert budget("ARS")[1] == ["Ligne 1 : écrivez « Financeur ; montant »."]
