"""The portal's FilterSet base: a number or a date typed in a list filter reads French, like in any form.

django-filter builds each FilterSet's form from its filters' fields, outside `config.forms.BaseForm`: this
base passes them through `config.numbers.localize_field`, so that « 2 026 » or « 12 500,50 » in a filter
(HTML page, export or API query string) is read with the same rule as everywhere else, and an ambiguous
« 1.234 » is refused with the same French message instead of being read as 1,234.

Every FilterSet of the project derives from `FilterSet` here (a test walks them). `YearFilter` is the
filter of a year: an integer, shown without a thousands separator.
"""

import django_filters
from django import forms

from config.numbers import localize_field


class FilterSet(django_filters.FilterSet):
    def get_form_class(self):
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            localize_field(field)
        return form_class


class YearFilter(django_filters.NumberFilter):
    """« 2026 »: an integer (never 2026,5), typed and redisplayed without grouping."""

    field_class = forms.IntegerField
