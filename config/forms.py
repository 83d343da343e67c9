"""Domain-free form bases: every form of the portal renders with the DSFR."""

from django import forms
from dsfr.forms import DsfrBaseForm


class BaseForm(DsfrBaseForm):
    """A DSFR form that focuses the first field in error after a failed submission."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = ""
                break


class BaseModelForm(forms.ModelForm, BaseForm):
    """A ModelForm rendered with the DSFR."""
