"""The portal's one French typography library (config.typography and its template filters)."""

import datetime
import re
from decimal import Decimal
from html import unescape
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone

from config.typography import (
    fr_a,
    fr_date,
    fr_datetime,
    fr_de,
    fr_decimal,
    fr_euros,
    fr_le,
    fr_percent,
    fr_quantity,
    guess_type_nom,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def place(nom, type_nom=None):
    return SimpleNamespace(nom=nom, type_nom=type_nom)


@pytest.mark.parametrize(
    ("name", "tncc", "de", "le", "a"),
    [
        ("Aigurande", 1, "d'Aigurande", "Aigurande", "à Aigurande"),
        ("Indre", 5, "de l'Indre", "l'Indre", "à l'Indre"),
        ("Loiret", 2, "du Loiret", "le Loiret", "au Loiret"),
        ("Landes", 4, "des Landes", "les Landes", "aux Landes"),
        ("Creuse", 3, "de la Creuse", "la Creuse", "à la Creuse"),
        ("Tours", 0, "de Tours", "Tours", "à Tours"),
        ("Centre-Val de Loire", 2, "du Centre-Val de Loire", "le Centre-Val de Loire", "au Centre-Val de Loire"),
        ("Hauts-de-France", 4, "des Hauts-de-France", "les Hauts-de-France", "aux Hauts-de-France"),
        # Communes carry their article in their name (INSEE LIBELLE).
        ("Le Blanc", 2, "du Blanc", "Le Blanc", "au Blanc"),
        ("Les Montils", 4, "des Montils", "Les Montils", "aux Montils"),
        ("La Châtre", 3, "de La Châtre", "La Châtre", "à La Châtre"),
        ("L'Île-Bouchard", 5, "de L'Île-Bouchard", "L'Île-Bouchard", "à L'Île-Bouchard"),
        ("Huismes", 1, "d'Huismes", "Huismes", "à Huismes"),
    ],
)
def test_place_names_take_their_article(name, tncc, de, le, a):
    assert (fr_de(place(name, tncc)), fr_le(place(name, tncc)), fr_a(place(name, tncc))) == (de, le, a)


def test_unknown_name_type_is_guessed_from_the_name():
    assert guess_type_nom("Orléans Métropole") == 1
    assert fr_de("Orléans Métropole") == "d'Orléans Métropole"
    assert fr_de("Le Mans") == "du Mans"
    assert fr_de("Hautes-Pyrénées") == "de Hautes-Pyrénées"  # h aspiré by default; the data says « des »
    assert fr_de(place("Hautes-Pyrénées", 4)) == "des Hautes-Pyrénées"


@pytest.mark.django_db
def test_epci_article_comes_from_its_kind(territory):
    assert fr_de(territory["epci37"]) == "de la CC Loches Sud Touraine"
    assert fr_de(territory["epci45"]) == "d'Orléans Métropole"
    assert fr_de(territory["dep45"]) == "du Loiret"
    assert fr_de(territory["dep37"]) == "d'Indre-et-Loire"


def test_dates_are_written_out_with_the_first_of_the_month():
    assert fr_date(datetime.date(2026, 12, 3)) == "3 décembre 2026"
    assert fr_date(datetime.date(2027, 1, 1)) == "1er janvier 2027"
    assert fr_date("2026-06-16") == "16 juin 2026"
    assert fr_date(None) == "—"
    moment = timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 32))
    assert fr_datetime(moment) == f"3 décembre 2026 à 14{NBSP}h{NBSP}32"


def test_plural_agreement_is_french():
    assert fr_quantity(1754, "territoire") == f"1{NNBSP}754{NBSP}territoires"
    assert fr_quantity(1, "commune trouvée", "communes trouvées") == f"1{NBSP}commune trouvée"
    assert fr_quantity(0, "commune") == f"0{NBSP}commune"
    assert fr_quantity(Decimal("1.5"), "ETP") == f"1,5{NBSP}ETP"
    assert fr_quantity(2, "valeur calculée", "valeurs calculées") == f"2{NBSP}valeurs calculées"


def test_numbers_use_narrow_no_break_spaces():
    assert fr_percent(39.8) == f"39,8{NBSP}%"
    assert fr_euros(1234.5, 2) == f"1{NNBSP}234,50{NBSP}€"
    assert fr_decimal(Decimal("12000.00")) == f"12{NNBSP}000"


@pytest.mark.django_db
def test_template_filters(territory):
    template = Template(
        "{% load typographie %}Zonage {{ dep|de }} — {{ n|quantite:'territoire' }} — {{ share|part }} — "
        "{{ pct|pourcent }} — {{ day|date_fr }} — {{ amount|euros }} — {{ big|nombre }}, {{ 1|pluriel:'valeur' }}"
    )
    html = template.render(
        Context(
            {
                "dep": territory["dep45"],
                "n": 1754,
                "share": 0.398,
                "pct": 39.8,
                "day": datetime.date(2026, 1, 1),
                "amount": 2_600_000,
                "big": 2587031,
            }
        )
    )
    assert html == (
        f"Zonage du Loiret — 1{NNBSP}754{NBSP}territoires — 39,8{NBSP}% — 39,8{NBSP}% — 1er janvier 2026 — "
        f"2{NNBSP}600{NNBSP}000{NBSP}€ — 2{NNBSP}587{NNBSP}031, valeur"
    )
    assert Template("{% load typographie %}{{ name|de:5 }}").render(Context({"name": "Indre"})) == "de l&#x27;Indre"


def test_punctuation_filter_removes_what_indentation_leaves():
    from config.typography import fr_punctuation

    assert fr_punctuation("Loches\n   , Chinon\n  .") == "Loches, Chinon."
    assert fr_punctuation("( 37132 )") == "(37132)"
    assert fr_punctuation("Pourquoi ? Parce que : voilà ; bien.") == "Pourquoi ? Parce que : voilà ; bien."


VISIBLE_TEXT_BAD = re.compile(r"\S\s+[,.](?:\s|$)")


def visible_text(html: str) -> str:
    main = html[html.index('<main id="content"') : html.index("</main>")]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", main)).split())


@pytest.mark.django_db
def test_pages_have_no_space_before_a_comma_or_a_full_stop(client, porteur_reader, porteur_manager, collectivite):
    from django.urls import reverse

    from tests.cls.test_access_contrats import make_contrat
    from tests.zonage.factories import ArreteFactory, classer

    arrete = ArreteFactory(reference="ARS-TEST-1", publie=True)
    classer(arrete, collectivite.epci.communes.first(), "ZIP")
    contrat = make_contrat(collectivite, collectivite.epci.communes.first().departement)
    pages = [
        reverse("zonage:ma_commune") + "?q=lo",
        reverse("zonage:carte") + "?commune=loches",
        reverse("zonage:commune", args=["37132"]),
        reverse("accessibilite"),
        reverse("mentions_legales"),
        reverse("donnees_personnelles"),
        "/nulle-part/",
    ]
    client.force_login(porteur_reader)
    pages.append(reverse("cls:fiche_create", args=[contrat.public_id]))  # a 403 with the user's roles
    for url in pages:
        text = visible_text(client.get(url).content.decode())
        bad = VISIBLE_TEXT_BAD.findall(text)
        assert not bad, f"{url}: space before punctuation in {bad}"


def test_no_template_nor_script_writes_a_plural_in_parentheses():
    """« 1 754 territoires », never « territoire(s) »: use the `quantite`/`pluriel` filters (or fr_quantity)."""

    from django.conf import settings

    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for folder in ("templates", "static/js")
        for path in sorted((settings.BASE_DIR / folder).rglob("*"))
        if path.suffix in (".html", ".txt", ".js")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\w\((s|x|e|es|aux)\)", line)
    ]
    assert not offenders, offenders
