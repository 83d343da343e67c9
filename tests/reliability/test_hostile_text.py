"""Hostile text (issue 17 §3): every free-text field of every dossier kind holds `<script>` and `"><img onerror>`,
is shown escaped on every page that shows it and sent inert in e-mails; the CSP blocks what escaping would miss.
Every form field of the project, found by introspection, answers NUL bytes, 100 000 characters, emoji and RTL
marks, impossible dates and out-of-range or French-formatted numbers with a French error or the exact value."""

import copy
import html
import re
from decimal import Decimal

import pytest
from django import forms
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MinLengthValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models

from config.numbers import localize_field
from instruction.kinds import get_kind
from tests.reliability.conftest import DRAFT_BUILDERS
from tests.reliability.payloads import EMOJI_AND_RTL, LONG_TEXT, XSS_PAYLOADS
from tests.reliability.test_hostile_uploads import label, project_forms

pytestmark = pytest.mark.django_db


LENGTH_VALIDATORS = (MaxLengthValidator, MinLengthValidator, ProhibitNullCharactersValidator)


def free_text_fields(content) -> list[str]:
    """The kind's form fields stored in a text column of its content (no e-mail, no choice)."""
    kind = content.dossier.kind_spec
    names = []
    for name, field in kind.form_class.base_fields.items():
        if type(field) is not forms.CharField:
            continue
        model_field = content._meta.get_field(name)
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            names.append(name)
    return names


def _fill(content, payload: str) -> list[str]:
    names = free_text_fields(content)
    for name in names:
        limit = content._meta.get_field(name).max_length or 10_000
        setattr(content, name, f"{payload} {name}"[:limit])
    content.save()
    return names


def _assert_escaped(page: str, payload: str, where: str):
    assert payload not in page, f"{where}: raw « {payload} »"
    assert re.search(r"<script>alert|<img src=x onerror", page) is None, where


@pytest.mark.parametrize("code", sorted(DRAFT_BUILDERS))
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_stored_markup_is_escaped_on_every_page_and_inert_in_emails(
    code, payload, client, draft_of, dd_agent, django_capture_on_commit_callbacks
):
    from instruction.services import annotation_add, dossier_submit, message_post

    user, content = draft_of(code)
    names = _fill(content, payload)
    assert names  # the kind has free text
    kind = get_kind(code)
    dossier = content.dossier
    client.force_login(user)
    draft_page = client.get(kind.url("edit", dossier)).content.decode()
    _assert_escaped(draft_page, payload, "brouillon")
    assert html.escape(payload, quote=True) in draft_page or html.escape(payload) in draft_page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_submit(dossier=dossier, by=user)
    with django_capture_on_commit_callbacks(execute=True):
        message_post(dossier=dossier, author=user, from_ars=False, body=f"{payload} message")
    annotation_add(dossier=dossier, author=dd_agent, body=f"{payload} annotation")
    pages = {"dossier (déposant)": client.get(kind.url("detail", dossier)).content.decode()}
    client.force_login(dd_agent)
    pages["dossier (agent)"] = client.get(kind.url("detail", dossier)).content.decode()
    pages["messages"] = client.get("/instruction/messages/").content.decode()
    if kind.instruction_list:
        from django.urls import reverse

        pages["liste d'instruction"] = client.get(reverse(kind.instruction_list)).content.decode()
    for where, page in pages.items():
        _assert_escaped(page, payload, where)
    assert html.escape(payload) in pages["dossier (agent)"]  # shown, escaped
    assert mail.outbox  # the filing and the message were notified
    for message in mail.outbox:  # plain text only: no HTML part a mail client would render
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        assert "\n" not in message.subject


def test_the_csp_blocks_inline_script_and_every_script_of_a_page_carries_its_nonce(client, draft_of):
    user, content = draft_of("cls")
    client.force_login(user)
    response = client.get(get_kind("cls").url("edit", content.dossier))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    page = response.content.decode()
    scripts = [
        attributes for attributes in re.findall(r"<script\b([^>]*)>", page) if "application/json" not in attributes
    ]
    assert scripts
    assert all(f'nonce="{nonce}"' in attributes for attributes in scripts)  # an injected one would have none
    assert re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", page) is None  # no inline handler for the CSP to allow


# --- Every form field of the project ---------------------------------------------------------------------------


def _fields():
    for form in project_forms():
        for name, field in form.base_fields.items():
            yield f"{label(form)}.{name}", field


def _french_error(field, value) -> str:
    with pytest.raises(forms.ValidationError) as raised:
        field.clean(value)
    return " ".join(raised.value.messages)


def test_every_text_field_refuses_nul_and_keeps_emoji_and_rtl_marks():
    checked = 0
    for where, field in _fields():
        if type(field) is not forms.CharField or field.disabled:
            continue
        checked += 1
        assert "nul" in _french_error(field, "avant\x00après").lower(), where
        plain = all(isinstance(validator, LENGTH_VALIDATORS) for validator in field.validators)
        if plain and (field.max_length is None or field.max_length >= len(EMOJI_AND_RTL)):
            assert field.clean(EMOJI_AND_RTL) == EMOJI_AND_RTL.strip(), where
        if field.max_length is not None:
            assert "caractères" in _french_error(field, LONG_TEXT), where
    assert checked > 20


def test_every_date_field_refuses_31_february_in_french():
    checked = 0
    for where, field in _fields():
        if isinstance(field, forms.DateField):
            checked += 1
            for value in ("31/02/2026", "2026-02-31", "00/00/0000"):
                assert "date valide" in _french_error(field, value), where
    assert checked >= 5


def _fits(field, value) -> bool:
    if getattr(field, "max_digits", None) is not None:
        try:
            DecimalValidator(field.max_digits, field.decimal_places)(Decimal(value))
        except ValidationError:
            return False
    return (field.min_value is None or value >= field.min_value) and (
        field.max_value is None or value <= field.max_value
    )


def test_every_number_field_reads_french_numbers_and_refuses_what_does_not_fit():
    """Each number field as every form of the portal uses it (`BaseForm` passes it to `localize_field`)."""
    checked = 0
    for where, base_field in _fields():
        if not isinstance(base_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            continue
        if isinstance(base_field.widget, forms.HiddenInput | forms.Select):
            continue  # nobody types in a select or a hidden input (config.numbers leaves them alone)
        field = localize_field(copy.deepcopy(base_field))
        checked += 1
        assert "nombre" in _french_error(field, "douze"), where
        huge = "9" * 40
        if isinstance(field, forms.IntegerField):
            assert re.search("inférieure? ou égale?", _french_error(field, huge)), where  # never a database error
            if _fits(field, 1234):
                assert field.clean("1 234") == 1234, where
                assert field.clean("1\u202f234") == 1234, where
        else:
            messages = []
            try:
                field.clean(huge)  # a float or unbounded decimal stores it as it is
            except forms.ValidationError as error:
                messages = error.messages
            assert not messages or re.search("chiffres|inférieur|nombre", " ".join(messages)), where
            decimals = getattr(field, "decimal_places", None)
            if _fits(field, Decimal("0.5")) and decimals != 0:
                assert Decimal(str(field.clean("0,5"))) == Decimal("0.5"), where
            if _fits(field, Decimal("1234.5")) and decimals != 0:
                assert Decimal(str(field.clean("1 234,5"))) == Decimal("1234.5"), where
                assert Decimal(str(field.clean("1\u202f234,5"))) == Decimal("1234.5"), where
        if field.min_value is not None and field.min_value >= 0:
            assert re.search("supérieure? ou égale?", _french_error(field, "-1")), where
    assert checked >= 5


def test_a_form_of_the_portal_reads_french_numbers(collectivite):
    from cls.forms import LettreForm

    form = LettreForm({"etp_souhaites": "0,5", "demande_ingenierie": "on"})
    form.is_valid()
    assert form.cleaned_data["etp_souhaites"] == Decimal("0.5")
