"""Domain-free form bases: every form of the portal renders with the DSFR, through one set of templates.

`templates/forms/` holds the shared rendering: the form (`form.html`), one template per kind of field (each
field's errors under it, in an `fr-*-group--error`), the DSFR upload component, and the error summary that
`base.html` shows at the top of any page whose form failed (`{% form_error_summary %}`,
`config/templatetags/formulaires.py`).
"""

from django import forms
from dsfr.forms import DsfrBaseForm, DsfrBoundField

from config.autocomplete import SEARCH_SUBMIT, Autocomplete
from config.numbers import LocalizedFields

FIELD_TEMPLATES = {
    "checkbox": "forms/field_checkbox.html",
    "checkboxselectmultiple": "forms/field_choices.html",
    "radioselect": "forms/field_choices.html",
    "clearablefile": "forms/field_upload.html",
    "file": "forms/field_upload.html",
    "singlefile": "forms/field_upload.html",
    "autocomplete": "forms/field_choices.html",
}


class PortalBoundField(DsfrBoundField):
    """A DSFR field group drawn by the portal's templates (markers, errors, upload component)."""

    @property
    def template_name(self):
        if self.field.template_name:
            return self.field.template_name
        return FIELD_TEMPLATES.get(self.widget_type, "forms/field.html")

    @property
    def group_class(self) -> str:
        """`fr-input-group`, or `fr-select-group` for a select (set by django-dsfr on the widget)."""
        return getattr(self.field.widget, "group_class", "fr-input-group")

    @property
    def inline(self) -> bool:
        return getattr(self.field.widget, "inline", False)

    @property
    def anchor(self) -> str:
        """The id of the element a link to this field focuses (the first box of a group)."""
        if self.widget_type in ("checkboxselectmultiple", "radioselect"):
            return f"{self.auto_id}_0"
        return self.auto_id


class BaseForm(DsfrBaseForm):
    """A DSFR form of the portal.

    Every number and date field reads and shows French (« 0,5 », « 1 234,5 », « 03/12/2026 »),
    including fields a subclass adds in its `__init__` (see `config.numbers`).

    `auto_id_format` gives distinct ids to forms that share a page (a message and an annotation). A failed
    submission is summed up at the top of the page, each error linking to its field (see the module).
    """

    template_name = "forms/form.html"
    bound_field_class = PortalBoundField
    auto_id_format = ""
    # Links of the error summary for fields that have no focusable element of their own (hidden inputs).
    error_anchors: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = LocalizedFields(self.fields)
        # django-dsfr read every visible field to style it, which cached their bound fields with the labels of
        # that moment: drop them, so that a label or help text a subclass sets after `__init__` is the one shown.
        self._bound_fields_cache.clear()
        if self.auto_id_format and self.auto_id == "id_%s":
            self.auto_id = self.auto_id_format

    def full_clean(self):
        """A search of an autocomplete submitted without JavaScript: the form comes back with the matches."""
        super().full_clean()
        searched = self.data.get(SEARCH_SUBMIT) if self.is_bound else None
        for name, field in self.fields.items() if searched else ():
            if isinstance(field.widget, Autocomplete) and self.add_prefix(name) == searched:
                self.add_error(name, "Cochez l'un des résultats de la recherche, puis validez le formulaire.")

    def error_summary(self) -> list[dict]:
        """Each error of a submitted form: the field's label, the message and the id of its field."""
        if not self.is_bound or not self._errors:
            return []
        order = {name: position for position, name in enumerate(self.fields)}
        items = []
        for name, errors in sorted(self._errors.items(), key=lambda item: order.get(item[0], -1)):
            bound = self[name] if name in self.fields else None
            anchor = self.error_anchors.get(name) or (bound.anchor if bound is not None else "")
            label = str(bound.label) if bound is not None else ""
            items.extend({"label": label, "message": str(message), "anchor": anchor} for message in errors)
        return items


class BaseModelForm(forms.ModelForm, BaseForm):
    """A ModelForm rendered with the DSFR."""
