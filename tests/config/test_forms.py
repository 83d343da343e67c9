"""The shared form rendering (config/forms.py, templates/forms/): markers, errors under the fields, the error
summary at the top of any page whose form failed, the DSFR upload component."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from config.forms import BaseForm
from config.templatetags.formulaires import failed_forms
from config.uploads import PDF_ONLY, ValidatedFileField

pytestmark = pytest.mark.django_db


class DemoForm(BaseForm):
    nom = forms.CharField(label="Nom")
    email = forms.EmailField(label="Adresse e-mail")
    themes = forms.MultipleChoiceField(
        label="Thèmes", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Note", required=False)


def _summary(**context) -> str:
    return Template("{% load formulaires %}{% form_error_summary %}").render(Context(context))


def test_the_summary_lists_each_error_as_a_link_to_its_field_in_form_order():
    form = DemoForm({"nom": "", "email": "pas une adresse", "themes": []})
    assert not form.is_valid()
    html = _summary(form=form)
    assert 'id="resume-erreurs"' in html
    assert 'role="alert"' in html
    assert 'tabindex="-1"' in html
    assert "Le formulaire contient 3 erreurs" in html
    assert html.index('href="#id_nom"') < html.index('href="#id_email"') < html.index('href="#id_themes_0"')
    assert "Adresse e-mail : Saisissez une adresse e-mail valide." in html


def test_the_summary_finds_forms_in_panels_and_ignores_unsubmitted_ones():
    failing = DemoForm({"nom": "x", "email": "y", "themes": ["a"]})
    failing.is_valid()
    assert failed_forms(Context({"panel": {"avis_form": failing}, "empty": DemoForm()})) == [failing]
    assert _summary(form=DemoForm()).strip() == ""
    valid = DemoForm({"nom": "x", "email": "x@example.fr", "themes": ["a"]})
    valid.is_valid()
    assert _summary(form=valid).strip() == ""


def test_a_non_field_error_has_no_link():
    form = DemoForm({"nom": "x", "email": "x@example.fr", "themes": ["a"]})
    form.is_valid()
    form.add_error(None, "Combinaison impossible.")
    html = _summary(form=form)
    assert "Combinaison impossible." in html
    assert "href=" not in html


def test_errors_stand_under_their_field_in_an_error_group():
    form = DemoForm({"nom": "", "email": "x@example.fr", "themes": ["a"]})
    form.is_valid()
    html = str(form["nom"].as_field_group())
    assert "fr-input-group--error" in html
    assert 'id="id_nom-desc-error"' in html
    assert 'aria-describedby="id_nom-desc-error"' in html
    typed = DemoForm({"nom": "Camille", "email": "pas une adresse"})
    typed.is_valid()
    assert 'value="pas une adresse"' in str(typed["email"].as_field_group())  # what was typed stays


def test_optional_fields_say_so_outside_filing_forms():
    html = str(DemoForm())
    assert "Note (Optionnel)" in " ".join(html.split())
    assert "fr-required-marker" not in html


def test_forms_sharing_a_page_have_distinct_ids():
    from instruction.forms import AnnotationForm, MessageForm

    assert 'id="id_message_body"' in str(MessageForm()["body"])
    assert 'id="id_annotation_body"' in str(AnnotationForm()["body"])
    assert AnnotationForm({"body": "x"}).data["body"] == "x"  # names unchanged: only the ids differ


def test_the_upload_component(settings):
    class UploadForm(BaseForm):
        piece = ValidatedFileField(label="Lettre signée", kinds=PDF_ONLY)

    html = str(UploadForm()["piece"].as_field_group())
    assert 'class="fr-upload-group"' in html
    assert 'class="fr-upload"' in html
    assert 'accept="application/pdf,.pdf"' in html
    assert f'data-taille-max="{settings.UPLOAD_MAX_SIZE}"' in html
    assert "Formats acceptés : PDF. Taille maximale" in html
    assert "data-televersement-progression" in html
    form = UploadForm({}, {})
    form.is_valid()
    assert "fr-upload-group--error" in str(form["piece"].as_field_group())


def test_every_form_of_the_portal_gets_the_summary(client, porteur_manager):
    """Not only the dossiers: the password reset page of comptes, for instance."""
    response = client.post(reverse("comptes:password_reset"), {"email": "pas une adresse"})
    html = response.content.decode()
    assert 'id="resume-erreurs"' in html
    assert 'href="#id_email"' in html
    client.force_login(porteur_manager)
    page = client.get(reverse("home")).content.decode()
    assert "js/formulaires.js" in page  # the script that moves the focus, on every page
    assert 'id="resume-erreurs"' not in page


class RelabelledForm(DemoForm):
    """A form that names a field after `__init__`, as the semester notes do per kind of note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = "Nouveau statut de la note"
        self.fields["nom"].help_text = "Comme au contrat."


def test_a_label_set_after_init_is_the_one_drawn_and_the_dsfr_classes_stay():
    html = str(RelabelledForm())
    assert "Nouveau statut de la note" in html
    assert ">\n      Note" not in html
    assert "Comme au contrat." in html
    assert 'class="fr-input"' in html
