"""Read paths of the territorial roadmaps: summaries, the roadmap of one territory, the regional matrix.

Every function runs a fixed number of queries whatever the number of territories, actions or solutions.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django.db.models import Count, Prefetch

from acces_soins.enums import StatutAction, ThemeSolution
from acces_soins.models import Action, FeuilleDeRoute, NoteSemestrielle, Solution, TerritoireSante
from comptes.perms import user_region_code
from config.filters import FilterSet


def current_feuilles(territoires) -> dict[int, FeuilleDeRoute]:
    """The latest feuille de route of each territory (by start of period), keyed by territory id."""
    feuilles = {}
    for feuille in FeuilleDeRoute.objects.filter(territoire__in=territoires).order_by("territoire", "-periode_debut"):
        feuilles.setdefault(feuille.territoire_id, feuille)
    return feuilles


def current_feuille(territoire: TerritoireSante) -> FeuilleDeRoute | None:
    return current_feuilles([territoire.pk]).get(territoire.pk)


@dataclass
class TerritoireSummary:
    territoire: TerritoireSante
    feuille: FeuilleDeRoute | None
    statuts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    en_retard: int = 0

    @property
    def statut_rows(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.statuts.get(value, 0)) for value, label in StatutAction.choices]


def territoires_of_region(user, region_code: str | None = None):
    return (
        TerritoireSante.objects.visible_to(user)
        .filter(region_code=region_code or user_region_code(user))
        .prefetch_related("departements")
        .order_by("code")
    )


def territoire_summaries(territoires, *, on: datetime.date) -> list[TerritoireSummary]:
    """Each territory with its current feuille de route: actions by status and late actions."""
    territoires = list(territoires)
    feuilles = current_feuilles([t.pk for t in territoires])
    summaries = {t.pk: TerritoireSummary(t, feuilles.get(t.pk)) for t in territoires}
    rows = (
        Action.objects.filter(feuille__in=list(feuilles.values()))
        .with_retard(on)
        .values("feuille__territoire_id", "statut", "en_retard")
        .annotate(nb=Count("pk"))
        .order_by()
    )
    for row in rows:
        summary = summaries[row["feuille__territoire_id"]]
        summary.statuts[row["statut"]] = summary.statuts.get(row["statut"], 0) + row["nb"]
        summary.total += row["nb"]
        summary.en_retard += row["nb"] if row["en_retard"] else 0
    return list(summaries.values())


class ActionFilterSet(FilterSet):
    """Filters of the roadmap table and of the exports (one definition)."""

    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutAction.choices, empty_label="Tous")
    theme = django_filters.ChoiceFilter(label="Thème", choices=ThemeSolution.choices, empty_label="Tous")
    en_retard = django_filters.ChoiceFilter(
        label="Retard",
        choices=[("oui", "En retard"), ("non", "Dans les temps")],
        empty_label="Toutes",
        method="filter_en_retard",
    )

    class Meta:
        model = Action
        fields = ["statut", "theme", "en_retard"]

    def filter_en_retard(self, queryset, name, value):
        return queryset.filter(en_retard=value == "oui")


def actions_of(*, feuilles, params, on: datetime.date) -> ActionFilterSet:
    """The filtered actions of the given feuilles de route, with what the table and the timeline print."""
    queryset = (
        Action.objects.filter(feuille__in=feuilles)
        .with_list_data(on)
        .prefetch_related("indicateurs", Prefetch("notes", queryset=NoteSemestrielle.objects.order_by("-semestre")))
        .order_by("feuille__territoire__code", "numero")
    )
    return ActionFilterSet(params, queryset=queryset)


def action_detail(public_id, *, user, on: datetime.date) -> Action | None:
    return (
        Action.objects.visible_to(user)
        .with_list_data(on)
        .select_related("updated_by", "beneficiaire")
        .prefetch_related(
            "indicateurs",
            "feuille__territoire__departements",
            Prefetch("notes", queryset=NoteSemestrielle.objects.select_related("updated_by").order_by("-semestre")),
        )
        .filter(public_id=public_id)
        .first()
    )


@dataclass
class Matrix:
    territoires: list[TerritoireSante]
    solutions: list[Solution]
    cells: dict[tuple[int, int], list[Action]]
    propres: dict[int, int]  # territory id -> number of its own actions (not from the catalogue)

    @property
    def rows(self):
        """One row per solution: (solution, [(territoire, [actions]) …]) for the templates."""
        return [
            (
                solution,
                [(territoire, self.cells.get((solution.pk, territoire.pk), [])) for territoire in self.territoires],
            )
            for solution in self.solutions
        ]

    @property
    def deployments(self) -> int:
        return len(self.cells)


def matrix(user, *, on: datetime.date, region_code: str | None = None) -> Matrix:
    """Which catalogue solution is deployed in which territory (current feuilles de route), with the status."""
    territoires = list(territoires_of_region(user, region_code))
    feuilles = current_feuilles([t.pk for t in territoires])
    # the région's own catalogue, then other régions' solutions (inspiration, annotated `inspiration`)
    solutions = list(Solution.objects.proposables(region_code or user_region_code(user)).select_related("document"))
    cells: dict[tuple[int, int], list[Action]] = defaultdict(list)
    propres: dict[int, int] = defaultdict(int)
    actions = (
        Action.objects.filter(feuille__in=list(feuilles.values()))
        .with_retard(on)
        .select_related("feuille")
        .order_by("numero")
    )
    for action in actions:
        if action.solution_id is None:
            propres[action.feuille.territoire_id] += 1
        else:
            cells[(action.solution_id, action.feuille.territoire_id)].append(action)
    solutions = [s for s in solutions if s.actif or any(key[0] == s.pk for key in cells)]
    return Matrix(territoires, solutions, dict(cells), dict(propres))
