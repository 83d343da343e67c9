"""The shared form rendering: field markers and the error summary of a failed submission.

Loaded as `{% load formulaires %}` (declared in TEMPLATES["OPTIONS"]["libraries"]: `config` is no app).
"""

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from dsfr.templatetags.dsfr_tags import dsfr_mark_optionnal_fields

register = template.Library()

REQUIRED_MARKER = mark_safe(
    '<span class="fr-required-marker" aria-hidden="true"> *</span>'
    '<span class="fr-sr-only"> (obligatoire pour déposer)</span>'
)


@register.simple_tag
def field_marker(bound_field):
    """A filing form (a dossier draft) marks with « * » what filing requires and nothing else; the other
    forms of the portal follow the DSFR convention of the settings (optional fields say so)."""
    if getattr(bound_field.form, "is_filing_form", False):
        return REQUIRED_MARKER if getattr(bound_field.field, "filing_required", False) else ""
    return dsfr_mark_optionnal_fields(bound_field)


def _forms_in(value, depth: int = 0):
    if isinstance(value, forms.BaseForm):
        yield value
    elif hasattr(value, "form") and isinstance(getattr(value, "form", None), forms.BaseForm):
        yield value.form  # a django-filter FilterSet
    elif isinstance(value, dict) and depth == 0:
        for item in value.values():
            yield from _forms_in(item, depth + 1)


def failed_forms(context) -> list:
    """The submitted forms of the page that have errors (each once), without validating anything."""
    found, seen = [], set()
    for value in context.flatten().values():
        for form in _forms_in(value):
            if id(form) not in seen and form.is_bound and form._errors:
                seen.add(id(form))
                found.append(form)
    return found


def _items(form) -> list[dict]:
    if hasattr(form, "error_summary"):
        return form.error_summary()
    return [
        {"label": str(form[name].label) if name in form.fields else "", "message": str(message), "anchor": ""}
        for name, errors in form._errors.items()
        for message in errors
    ]


@register.inclusion_tag("forms/error_summary.html", takes_context=True)
def form_error_summary(context):
    """A DSFR alert at the top of the page listing each error of a failed submission, as a link to its
    field; `static/js/formulaires.js` moves the focus to it."""
    items = [item for form in failed_forms(context) for item in _items(form)]
    return {"items": items}


@register.filter
def error_link(item) -> str:
    text = f"{item['label']} : {item['message']}" if item["label"] else item["message"]
    if item["anchor"]:
        return format_html('<a href="#{}">{}</a>', item["anchor"], text)
    return text


@register.filter
def type_fichier(content_type: str) -> str:
    """« PDF » for application/pdf: the type of a stored file as people name it."""
    from config.uploads import kind_label

    return kind_label(content_type)
