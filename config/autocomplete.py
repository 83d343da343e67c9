"""Autocomplete for large choice fields (communes, EPCI, organisations…): never a <select> of thousands.

A field keeps its ModelChoiceField / ModelMultipleChoiceField (the queryset still validates what is posted) with
the `Autocomplete` widget: the page holds only the chosen values (checked radios or checkboxes) and a DSFR search
input; htmx asks `/autocomplete/<source>/` for suggestions as the user types and shows them as more radios or
checkboxes of the same name (`static/js/formulaires.js` moves a chosen one into the selection). The same endpoint
answers JSON (`{"results": [{"id", "label"}]}`) to any other client.

Without JavaScript, a « Rechercher » button (in `<noscript>`) submits the form with `_autocomplete=<field>`: the
form is then invalid on that field (`BaseForm.full_clean`) and comes back with the matches of the typed text,
searched in the field's own queryset, as boxes to check.

A source is registered by the app that owns the data (`register(...)` in its `autocomplete.py`, discovered on
first use): the queryset of what the requesting user may choose (the one its forms use), how to search it, how
to label a row, and the GET filters a widget may pass (e.g. `departement`). Domain-free: no model is named here.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.views.decorators.http import require_GET

MIN_CHARS = 2
SEARCH_SUBMIT = "_autocomplete"  # the name of the no-JavaScript search button; its value is the field's name


@dataclass(frozen=True)
class Source:
    name: str
    queryset: Callable[[Any], Any]  # request -> QuerySet of what this user may choose (none() if nothing)
    search: Callable[[Any, str], Any]  # (queryset, text) -> filtered QuerySet
    label: Callable[[Any], str] = str
    filters: dict[str, str] = field(default_factory=dict)  # GET parameter (ids) -> lookup on the queryset
    key: str = "pk"  # the field posted as the value (a form field's `to_field_name`)
    limit: int = 15

    def value(self, row) -> str:
        return str(getattr(row, self.key))

    def keys(self, values) -> list[str]:
        """Posted values that can be keys (ids are digits; a public id is a UUID, checked by the database)."""
        values = [str(value) for value in values if value not in (None, "")]
        return [value for value in values if value.isdigit()] if self.key == "pk" else values


SOURCES: dict[str, Source] = {}
_discovered: list[bool] = []


def register(source: Source) -> Source:
    SOURCES[source.name] = source
    return source


def get_source(name: str) -> Source:
    if not _discovered:
        autodiscover_modules("autocomplete")  # each app's autocomplete.py registers its sources
        _discovered.append(True)
    try:
        return SOURCES[name]
    except KeyError:
        raise Http404("Source de suggestions inconnue.") from None


def _filtered(source: Source, queryset, params) -> Any:
    for parameter, lookup in source.filters.items():
        values = [value for value in params.getlist(parameter) if value.isdigit()]
        if values:
            queryset = queryset.filter(**{f"{lookup}__in": values})
    return queryset


def suggestions(source: Source, request, text: str, exclude=()) -> list[tuple[str, str]]:
    """At most `source.limit` (value, label) pairs: one query, whatever the size of the table."""
    if len(text.strip()) < MIN_CHARS:
        return []
    queryset = _filtered(source, source.queryset(request), request.GET)
    excluded = source.keys(exclude)
    queryset = source.search(queryset, text)
    if excluded:
        queryset = queryset.exclude(**{f"{source.key}__in": excluded})
    return [(source.value(row), source.label(row)) for row in queryset[: source.limit]]


@require_GET
def autocomplete(request, source: str):
    """Suggestions of a source for `q` (or `<name>_q` from a widget): an HTML fragment for htmx, else JSON."""
    spec = get_source(source)
    name = request.GET.get("name", "")
    text = request.GET.get(f"{name}_q") if name else None
    text = (text if text is not None else request.GET.get("q", "")).strip()
    found = suggestions(spec, request, text, exclude=request.GET.getlist(name) if name else ())
    if request.headers.get("HX-Request"):
        context = {
            "results": found,
            "query": text,
            "name": name,
            "input_type": "checkbox" if request.GET.get("multiple") == "1" else "radio",
            "prefix": request.GET.get("id", name),
            "min_chars": MIN_CHARS,
        }
        return render(request, "forms/autocomplete_results.html", context)
    return JsonResponse({"results": [{"id": value, "label": label} for value, label in found]})


class Autocomplete(forms.Widget):
    """The widget of a (multiple) model choice field whose choices are too many to list."""

    template_name = "forms/widgets/autocomplete.html"

    def __init__(self, source: str, *, multiple: bool = False, params: dict | None = None, attrs=None):
        super().__init__(attrs)
        self.source = source
        self.multiple = multiple
        self.params = params or {}
        self.choices = ()  # a model choice field sets its iterator here; it is never iterated
        self.query = ""  # the text searched without JavaScript (see the module)

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.params = dict(self.params)
        return copy

    @property
    def allow_multiple_selected(self) -> bool:
        return self.multiple

    def value_from_datadict(self, data, files, name):
        self.query = (data.get(f"{name}_q") or "").strip() if data.get(SEARCH_SUBMIT) == name else ""
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def format_value(self, value) -> list[str]:
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        key = get_source(self.source).key
        return [str(getattr(item, key, item)) for item in values if item not in (None, "")]

    def selected(self, values: list[str]) -> list[tuple[str, str]]:
        """The chosen rows only (one query), labelled like the suggestions."""
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not values:
            return []
        spec = get_source(self.source)
        try:
            chosen = queryset.filter(**{f"{spec.key}__in": spec.keys(values)})
            rows = {spec.value(row): spec.label(row) for row in chosen}
        except (ValueError, ValidationError):  # a malformed value posted: nothing to show, the field reports it
            return []
        return [(value, rows[value]) for value in values if value in rows]

    def found(self, values: list[str]) -> list[tuple[str, str]]:
        """Without JavaScript: the matches of the submitted text in the field's queryset, chosen ones left out."""
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or len(self.query) < MIN_CHARS:
            return []
        spec = get_source(self.source)
        matches = spec.search(queryset, self.query)
        if spec.keys(values):
            matches = matches.exclude(**{f"{spec.key}__in": spec.keys(values)})
        return [(spec.value(row), spec.label(row)) for row in matches[: spec.limit]]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        widget.update(
            {
                "selected": self.selected(widget["value"]),
                "query": self.query,
                "results": self.found(widget["value"]),
                "search_submit": SEARCH_SUBMIT,
                "url": reverse("autocomplete", args=[self.source]),
                "input_type": "checkbox" if self.multiple else "radio",
                "prefix": widget_id,
                "vals": json.dumps(
                    {"name": name, "id": widget_id, "multiple": "1" if self.multiple else "0", **self.params}
                ),
                "min_chars": MIN_CHARS,
            }
        )
        return context
