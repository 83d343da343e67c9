import pytest

from territoires.services import communes_of, population_of

pytestmark = pytest.mark.django_db


def test_communes_of_a_perimeter_has_no_duplicates(territory):
    communes = communes_of(epcis=[territory["epci37"]], communes=[territory["loches"], territory["orleans"]])
    assert sorted(communes.values_list("code_insee", flat=True)) == ["37132", "45234"]


def test_population_of_is_one_query(territory, django_assert_num_queries):
    perimeter = communes_of(epcis=[territory["epci37"], territory["epci37b"]])
    with django_assert_num_queries(1):
        assert population_of(perimeter) == 14_200
    with django_assert_num_queries(1):
        assert population_of([territory["orleans"]]) == 116_000


def test_empty_perimeter(db):
    assert population_of(communes_of()) == 0
