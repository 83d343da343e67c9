"""French numbers and dates in every form: « 0,5 » is 0.5, never 5 (issue 15 §2).

The introspection tests walk every form class of the project and every admin form, so a numeric
field added tomorrow is checked without anyone listing it here.
"""

import datetime
import importlib
import inspect
import pkgutil
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from acces_soins.periods import Semestre
from config.numbers import FrenchNumberInput, parse_french_number
from territoires.models import Departement

# The project's own apps (those living in the repository), plus config: found, not listed.
PROJECT_PACKAGES = ["config"] + [
    app.name for app in apps.get_app_configs() if Path(app.path).parent == settings.BASE_DIR
]
NNBSP = "\u202f"


# --- The parser's rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0,5", "0.5"),
        ("0.5", "0.5"),
        (",5", "0.5"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        (f"1{NNBSP}234,5", "1234.5"),
        ("1\u2009234,5", "1234.5"),
        ("1234,50 €", "1234.50"),
        ("1 234,50\u00a0€", "1234.50"),
        ("39,8 %", "39.8"),
        ("12 345 678", "12345678"),
        ("-2,5", "-2.5"),
        ("\u22122,5", "-2.5"),
        ("1 234.5", "1234.5"),  # grouped by spaces: the dot can only be the decimal mark
        ("0,125", "0.125"),  # a leading zero is never a thousands group
        ("0.125", "0.125"),
        ("2026", "2026"),
    ],
)
def test_parser_accepts_french_and_plain_decimals(typed, expected):
    assert parse_french_number(typed, decimal_places=3) == expected


@pytest.mark.parametrize(
    ("typed", "places", "message"),
    [
        ("1.234,5", 2, "nombre ambigu"),
        ("1,234.5", 2, "nombre ambigu"),
        ("1.234.567", 0, "pas par « . »"),
        ("1,234,567", 0, "pas par « , »"),
        ("1.234", 3, "nombre ambigu"),  # 1 234 or 1,234 in French: refused even where 3 decimals fit
        ("12.500", 2, "nombre ambigu"),
        ("1,234", 2, "nombre ambigu"),  # cannot be a decimal in a 2-decimal field: an English thousands
        ("1,234", 0, "nombre ambigu"),
        ("12 34", 2, "groupez les milliers par trois chiffres"),
        ("1 2345", 2, "groupez les milliers"),
        ("1, 5", 2, "pas d'espace"),
        ("abc", 2, "saisissez un nombre"),
        ("5e3", 2, "saisissez un nombre"),
        ("€", 2, "saisissez un nombre"),
    ],
)
def test_parser_refuses_ambiguous_input_with_a_french_message(typed, places, message):
    with pytest.raises(ValidationError) as error:
        parse_french_number(typed, decimal_places=places)
    assert message in error.value.messages[0]
    assert error.value.messages[0].startswith(f"« {typed} »")


def test_comma_with_three_decimals_is_a_decimal_where_the_field_takes_three():
    assert parse_french_number("1,234", decimal_places=3) == "1.234"


def test_a_unit_contradicting_the_label_is_refused():
    with pytest.raises(ValidationError, match="attend un montant en euros"):
        parse_french_number("39,8 %", decimal_places=2, label="Montant (€)")
    with pytest.raises(ValidationError, match="attend un pourcentage"):
        parse_french_number("12 €", decimal_places=2, label="Taux d'atteinte (%)")
    assert parse_french_number("39,8 %", decimal_places=2, label="Taux d'atteinte (%)") == "39.8"


def test_widget_redisplays_french_and_keeps_years_ungrouped():
    decimal_widget, integer_widget = FrenchNumberInput(), FrenchNumberInput(integer=True)
    assert decimal_widget.format_value(Decimal("0.50")) == "0,5"
    assert decimal_widget.format_value(Decimal("1234.50")) == f"1{NNBSP}234,5"
    assert decimal_widget.format_value(Decimal("12000.00")) == f"12{NNBSP}000"
    assert integer_widget.format_value(2026) == "2026"
    assert integer_widget.format_value(126000) == f"126{NNBSP}000"
    assert decimal_widget.format_value("1,234") == "1,234"  # what was typed comes back untouched


# --- Every form of the project, found by introspection -------------------------------------------------


def _import_project_modules():
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if ".migrations" in module.name or module.name.startswith("config.settings"):
                continue
            importlib.import_module(module.name)


def _subclasses(klass):
    for sub in klass.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _abstract_model_form(klass) -> bool:
    """A ModelForm base without a model (the registers build their forms from it per declaration: their numeric
    fields are checked in tests/registres/test_pattern.py)."""
    return issubclass(klass, forms.ModelForm) and klass._meta.model is None


def project_form_classes():
    _import_project_modules()
    found = {
        klass
        for klass in _subclasses(forms.BaseForm)
        if klass.__module__.split(".")[0] in PROJECT_PACKAGES
        and not klass.__module__.startswith("config.forms")
        and not _abstract_model_form(klass)
    }
    return sorted(found, key=lambda klass: f"{klass.__module__}.{klass.__qualname__}")


def _init_arguments(klass) -> tuple[set[str], set[str]]:
    """(required, optional) named arguments of a form's constructors along its MRO."""
    required, optional = set(), set()
    for base in klass.__mro__:
        init = base.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in list(inspect.signature(init).parameters.values())[1:]:
            if parameter.kind not in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
                continue
            (required if parameter.default is inspect.Parameter.empty else optional).add(parameter.name)
    return required, optional - required


def _init_values(user):
    """What each constructor argument of a project form needs. A new argument fails the test below
    with its name: add it here."""
    departements = Departement.objects.all()
    from acces_soins.notes import KINDS
    from financements.models import Beneficiaire, Enveloppe
    from indicateurs.models import Indicateur, Perimetre

    return {
        "user": user,
        "departements": departements,
        "enveloppes": Enveloppe.objects.all(),
        "beneficiaires": Beneficiaire.objects.all(),
        "semestre": Semestre(2026, 1),
        "mesures": [],
        "perimetres": Perimetre.objects.all(),
        "indicateurs": Indicateur.objects.all(),
        "region_codes": ["24"],
        "region_code": "24",
        "kind": KINDS["indicateur"],  # the semester note with every field (value, progress)
    }


def _first_mesure():
    from tests.acces_soins.factories import seeded_plan

    return seeded_plan().priorites.first().mesures.first()


# ModelForms whose __init__ reads related rows of their instance.
SAVED_INSTANCE = {"MesureForm": _first_mesure}


def _numeric_fields(form_class, form):
    for name, field in form.fields.items():
        if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)) and not isinstance(
            field.widget, (forms.HiddenInput, forms.Select)
        ):
            yield f"{form_class.__module__}.{form_class.__qualname__}.{name}", field


def _assert_french(label, field):
    assert getattr(field, "french", False), f"{label} does not parse French numbers"
    assert isinstance(field.widget, FrenchNumberInput), f"{label} is not rendered as a French text input"
    assert field.widget.input_type == "text", label
    if isinstance(field, forms.DecimalField | forms.FloatField):
        assert field.to_python("0,5") == Decimal("0.5"), label
        assert field.to_python("1 234,5") == Decimal("1234.5"), label
        assert field.to_python(f"1{NNBSP}234,5") == Decimal("1234.5"), label
        places_ok = field.decimal_places is None or field.decimal_places >= 1
        if places_ok and (field.min_value is None or field.min_value <= Decimal("0.5")):
            cleaned = field.clean("0,5")
            assert cleaned == Decimal("0.5"), f"{label}: « 0,5 » cleaned to {cleaned!r}"
            assert field.widget.format_value(cleaned) == "0,5", label
        with pytest.raises(ValidationError, match="ambigu"):
            field.clean("1.234,5")
    else:
        assert field.to_python("1 234") == 1234, label
        assert field.to_python(f"12{NNBSP}345") == 12345, label
        with pytest.raises(ValidationError):
            field.clean("0,5")  # an integer field never stores 5 for « 0,5 »


@pytest.mark.django_db
def test_every_numeric_field_of_every_project_form_reads_french(siege_agent):
    form_classes = project_form_classes()
    assert len(form_classes) > 40  # the walk really found the project's forms
    values = _init_values(siege_agent)
    checked = []
    for form_class in form_classes:
        required, optional = _init_arguments(form_class)
        missing = required - set(values)
        assert not missing, f"{form_class.__qualname__} needs {missing}: add a value in _init_values()"
        kwargs = {name: values[name] for name in (required | optional) & set(values)}
        if form_class.__name__ in SAVED_INSTANCE:
            kwargs["instance"] = SAVED_INSTANCE[form_class.__name__]()
        for form in (form_class(**kwargs), form_class(data={}, **kwargs)):
            for label, field in _numeric_fields(form_class, form):
                _assert_french(label, field)
                checked.append(label)
    # The forms known today to carry numbers (a floor, not the list: new ones are checked too).
    for expected in (
        "cls.forms.FinancementForm.etp",
        "cls.forms.LettreForm.etp_souhaites",
        "cpts.forms.AtteinteForm.taux",
        "financements.forms.EngagementForm.montant",
        "indicateurs.forms.ValeurForm.valeur",
        "cpts.forms.MspForm.nb_medecin",
        "cpts.forms.MspForm.patientele",
        "cpts.forms.CentreSanteForm.",
        "referentiel.forms.AdoptionForm.valeur",
    ):
        assert any(label.startswith(expected) for label in checked), f"{expected} was not found by the walk"


def project_filtersets():
    import django_filters

    _import_project_modules()
    found = {
        klass
        for klass in _subclasses(django_filters.FilterSet)
        if klass.__module__.split(".")[0] in PROJECT_PACKAGES and klass.__module__ != "config.filters"
    }
    return sorted(found, key=lambda klass: f"{klass.__module__}.{klass.__qualname__}")


@pytest.mark.django_db
def test_every_numeric_filter_of_every_list_reads_french(rf, siege_agent):
    """django-filter builds its forms outside BaseForm: every FilterSet derives config.filters.FilterSet,
    so that a number typed in a list filter (page, export, API) is read with the same rule."""
    from config.filters import FilterSet

    filtersets = project_filtersets()
    assert len(filtersets) > 15  # the walk really found the project's lists
    request = rf.get("/")
    request.user = siege_agent
    checked = []
    for filterset_class in filtersets:
        assert issubclass(filterset_class, FilterSet), f"{filterset_class.__qualname__} derives django-filter's"
        if filterset_class._meta.model is None:
            continue  # an abstract base: its subclasses are checked
        form = filterset_class(data={}, request=request).form
        for label, field in _numeric_fields(filterset_class, form):
            _assert_french(label, field)
            checked.append(label)
    assert "financements.filters.EnveloppeFilterSet.annee" in checked
    assert "financements.filters.EngagementFilterSet.annee" in checked


@pytest.mark.django_db
def test_year_filter_reads_french_and_refuses_a_decimal(territory, siege_agent):
    from financements.filters import EnveloppeFilterSet
    from tests.financements.factories import make_enveloppe

    make_enveloppe(by=siege_agent, annee=2025, libelle="2025")
    kept = make_enveloppe(by=siege_agent, annee=2026)
    assert list(EnveloppeFilterSet({"annee": "2026"}).qs) == [kept]
    assert list(EnveloppeFilterSet({"annee": f"2{NNBSP}026"}).qs) == [kept]
    refused = EnveloppeFilterSet({"annee": "2026,5"})
    assert not refused.is_valid()
    assert 'value="2026"' in str(EnveloppeFilterSet({"annee": "2026"}).form["annee"])


def _admin_forms(request):
    for model_admin in admin.site._registry.values():
        if model_admin.model._meta.app_label not in PROJECT_PACKAGES:
            continue  # third-party admins (celery beat, dsfr…) have no figure typed by our users
        yield model_admin.model.__name__, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"{model_admin.model.__name__}/{inline.model.__name__}", inline.get_formset(request).form


@pytest.mark.django_db
def test_every_numeric_field_of_every_admin_form_reads_french(django_user_model):
    request = RequestFactory().get("/admin/")
    request.user = django_user_model.objects.create_superuser(email="admin@test.fr", password="x" * 12)
    checked = []
    for name, form_class in _admin_forms(request):
        form = form_class()
        for label, field in _numeric_fields(form_class, form):
            _assert_french(f"admin {name}: {label}", field)
            checked.append(f"{name}.{label.rsplit('.', 1)[-1]}")
    assert "FicheAction/LigneBudget.montant" in checked
    assert "Msp/FinancementMsp.montant" in checked
    assert len(checked) > 20


# --- Round trip through a real form and dates -------------------------------------------------------


@pytest.mark.django_db
def test_cls_financement_form_round_trips_french_decimals():
    from cls.forms import FinancementForm

    form = FinancementForm({"annee": "2026", "etp": "0,5", "montant": "12 500,50 €", "cofinancement": f"1{NNBSP}234,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "annee": 2026,
        "etp": Decimal("0.5"),
        "montant": Decimal("12500.50"),
        "cofinancement": Decimal("1234.5"),
    }
    shown = FinancementForm(initial=form.cleaned_data)
    assert 'value="0,5"' in str(shown["etp"])
    assert f'value="12{NNBSP}500,5"' in str(shown["montant"])
    assert 'value="2026"' in str(shown["annee"])
    assert 'inputmode="decimal"' in str(shown["etp"])
    assert 'type="text"' in str(shown["etp"])


@pytest.mark.django_db
def test_dates_are_typed_french_and_date_pickers_always_get_iso():
    from cls.forms import RevueForm

    form = RevueForm({"annee": "1", "date": "03/12/2026", "synthese": "ok"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2026, 12, 3)
    # The date picker (type="date") can only show ISO: a typed French date is redisplayed as ISO.
    assert 'value="2026-12-03"' in str(form["date"])
    assert 'value="2026-12-03"' in str(RevueForm(initial={"date": datetime.date(2026, 12, 3)})["date"])
    assert RevueForm({"annee": "1", "date": "2026-12-03", "synthese": "ok"}).is_valid()


def test_a_percent_sign_in_what_was_typed_never_breaks_the_error_message():
    """A fuzzed API filter (« %s ») gave a 500: the typed text was part of the format string."""
    from django.core.exceptions import ValidationError

    from config.numbers import parse_french_number

    with pytest.raises(ValidationError) as raised:
        parse_french_number("1%s2%")
    assert "1%s2%" in " ".join(raised.value.messages)
    assert "1%s2%" in raised.value.message % raised.value.params  # what DRF does with a filter's errors
