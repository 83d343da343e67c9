"""Domain-free form bases: every form of the portal renders with the DSFR."""

from django import forms
from dsfr.forms import DsfrBaseForm

from config.numbers import LocalizedFields


class BaseForm(DsfrBaseForm):
    """A DSFR form that focuses the first field in error after a failed submission.

    Every number and date field reads and shows French (« 0,5 », « 1 234,5 », « 03/12/2026 »),
    including fields a subclass adds in its `__init__` (see `config.numbers`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = LocalizedFields(self.fields)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = ""
                break


class BaseModelForm(forms.ModelForm, BaseForm):
    """A ModelForm rendered with the DSFR."""
