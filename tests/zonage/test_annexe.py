import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from tests.zonage.factories import ArreteFactory, classer, profession
from zonage.models import Classement
from zonage.services.annexe import AnnexeInvalide, annexe_export_csv, annexe_export_xlsx, annexe_import

pytestmark = pytest.mark.django_db


def test_valid_csv_replaces_the_annex(zonage_territory, siege_agent):
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "HC")
    data = "code;nom;zone;apl\n37A01;TVS de Loches;ZIP;2,1\n45B01;TVS d'Orléans;zone d'action complémentaire;\n"
    count = annexe_import(arrete=arrete, data=data.encode(), filename="annexe.csv", by=siege_agent)
    assert count == 2
    assert arrete.imports.get().lignes == 2
    rows = {row.tvs.code: (row.zone.code, row.apl) for row in arrete.classements.select_related("tvs", "zone")}
    assert rows == {"37A01": ("ZIP", Decimal("2.10")), "45B01": ("ZAC", None)}


def test_bad_rows_are_all_reported_and_nothing_changes(zonage_territory, siege_agent):
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "HC")
    data = (
        "Code TVS,Nom,Zone,APL\n"
        "37A01,Loches,ZIP,2.1\n"
        "99999,Inconnu,ZIP,\n"
        "45B01,Orléans,ZORRO,\n"
        "37A01,Loches bis,ZAC,\n"
        ",Sans code,ZIP,\n"
        "45B01,Sans zone,,abc\n"
    )
    with pytest.raises(AnnexeInvalide) as raised:
        annexe_import(arrete=arrete, data=data.encode(), filename="annexe.csv", by=siege_agent)
    errors = raised.value.errors
    assert errors == [
        "Ligne 3 : code TVS « 99999 » inconnu du référentiel.",
        "Ligne 4 : zone « ZORRO » inconnue pour la profession Médecin généraliste (attendu : ZIP, ZAC, ZV, HC).",
        "Ligne 5 : le code « 37A01 » figure déjà ligne 2 (doublon).",
        "Ligne 6 : le code du territoire est manquant.",
        "Ligne 7 : le code « 45B01 » figure déjà ligne 4 (doublon).",
        "Ligne 7 : la zone est manquante.",
        "Ligne 7 : l'APL « abc » n'est pas un nombre valide.",
    ]
    assert list(Classement.objects.filter(arrete=arrete).values_list("tvs__code", "zone__code")) == [("37A01", "HC")]
    assert not arrete.imports.exists()


def test_apl_reads_french_decimals_and_refuses_ambiguous_ones(zonage_territory, siege_agent):
    """The APL is read with the portal's rule (config.numbers): « 2,5 », « 2.5 »; « 1.234 » is refused."""
    arrete = ArreteFactory()
    data = "code;nom;zone;apl\n37A01;Loches;ZIP;2,5\n45B01;Orléans;ZAC;3.25\n"
    annexe_import(arrete=arrete, data=data.encode(), filename="annexe.csv", by=siege_agent)
    apl = dict(arrete.classements.values_list("tvs__code", "apl"))
    assert apl == {"37A01": Decimal("2.50"), "45B01": Decimal("3.25")}
    ambiguous = b"code;nom;zone;apl\n37A01;Loches;ZIP;1.234\n"
    with pytest.raises(AnnexeInvalide) as raised:
        annexe_import(arrete=arrete, data=ambiguous, filename="a.csv", by=siege_agent)
    assert raised.value.errors == ["Ligne 2 : l'APL « 1.234 » n'est pas un nombre valide."]


def test_xlsx_import_per_commune_and_round_trip(zonage_territory, siege_agent):
    arrete = ArreteFactory(profession=profession("infirmier"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code_insee", "nom", "zone"])
    sheet.append(["37132", "Loches", "TSD"])
    sheet.append([45234, "Orléans", "Sur-dotée"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert annexe_import(arrete=arrete, data=buffer.getvalue(), filename="a.xlsx", by=siege_agent) == 2

    csv_text = annexe_export_csv(arrete).decode("utf-8-sig")
    assert csv_text.splitlines() == ["code;nom;zone;apl", "37132;Loches;TSD;", "45234;Orléans;SURD;"]
    exported = load_workbook(io.BytesIO(annexe_export_xlsx(arrete))).active
    assert [cell.value for cell in exported[2]] == ["37132", "Loches", "TSD", None]
    # The export can be imported back unchanged.
    assert annexe_import(arrete=arrete, data=csv_text.encode(), filename="b.csv", by=siege_agent) == 2


def test_missing_columns_and_wrong_format(zonage_territory, siege_agent):
    arrete = ArreteFactory()
    with pytest.raises(AnnexeInvalide, match=r"1\serreur"):
        annexe_import(arrete=arrete, data=b"foo;bar\n1;2\n", filename="a.csv", by=siege_agent)
    with pytest.raises(AnnexeInvalide):
        annexe_import(arrete=arrete, data=b"%PDF", filename="a.pdf", by=siege_agent)
