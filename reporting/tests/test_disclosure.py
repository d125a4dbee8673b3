"""Secondary suppression: after `protect`, an exact attacker recovers no hidden count, on the cases of the issue
and on random tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.disclosure import (
    PRIMARY_MARK,
    SECONDARY_MARK,
    Disclosure,
    Relation,
    State,
    protect,
    recoverable,
)

from .attacker import recovered


def table(total: str, cells: dict[str, int], disclosure: Disclosure | None = None) -> Disclosure:
    disclosure = disclosure or Disclosure()
    disclosure.add(total, sum(cells.values()))
    for key, value in cells.items():
        disclosure.add(key, value)
    disclosure.relate(Relation.total(total, cells))
    return disclosure


def test_primary_suppression_alone_gives_the_small_cells_back():
    """The issue's age bands: 5 children, 3 visible, two "<3" that can only be 1 and 1."""
    ages = table("bambini", {"0-3": 3, "4-6": 1, "7-10": 1, "11-14": 0})
    for key in ("4-6", "7-10"):
        ages.states[key] = State.PRIMARY
    assert recovered(ages) == {"4-6": 1, "7-10": 1}
    assert recoverable(ages) == ["4-6", "7-10"]  # the propagation sees it too


def test_it_hides_a_complement_so_that_the_age_bands_stay_unknown():
    ages = protect(table("bambini", {"0-3": 3, "4-6": 1, "7-10": 1, "11-14": 0, "15-17": 4}))
    assert recovered(ages) == {}
    assert [ages.shown(k) for k in ("4-6", "7-10")] == [PRIMARY_MARK, PRIMARY_MARK]
    assert ages.shown("11-14") == 0  # a zero points to no one
    assert SECONDARY_MARK in {ages.shown(k) for k in ("0-3", "15-17", "bambini")}


def test_three_comuni_of_one_family_each_are_not_given_away_by_the_total():
    comuni = protect(table("famiglie", {"Seregno": 1, "Giussano": 1, "Lentate": 1}))
    assert recovered(comuni) == {}
    assert comuni.shown("famiglie") != 3


def test_a_lone_small_cell_beside_its_total_is_hidden_with_a_complement():
    comuni = protect(table("famiglie", {"Seregno": 10, "Giussano": 2, "Lentate": 7}))
    assert comuni.shown("Giussano") == PRIMARY_MARK and comuni.shown("Lentate") == SECONDARY_MARK
    assert comuni.shown("Seregno") == 10 and comuni.shown("famiglie") == 19
    assert recovered(comuni) == {}


def test_two_tables_of_one_total_are_attacked_together():
    """Families by comune and by number of dispositivi share the total: hiding it in one table is not enough."""
    both = table("famiglie", {"Seregno": 5, "Giussano": 1, "Lentate": 3})
    disp = {"1 dispositivo": 6, "2 dispositivi": 2, "3 dispositivi": 1}
    for key, value in disp.items():
        both.add(key, value)
    both.relate(Relation.total("famiglie", disp))
    protect(both)
    assert recovered(both) == {}


def test_an_inequality_is_known_to_the_attacker():
    """Citizenship covers every person, and the persons are at least the children and the parents."""
    people = table("persone", {"italiana": 5, "altra": 2})
    people.add("bambini", 4)
    people.add("genitori", 3)
    people.relate(Relation.at_least("persone", ["bambini", "genitori"]))
    protect(people)
    assert recovered(people) == {}


def test_a_table_that_no_complement_protects_is_withheld():
    """Two children in two bands: "<3" children and two "<3" bands can only be 1 and 1."""
    ages = protect(table("bambini", {"0-3": 1, "4-6": 1, "7-10": 0}))
    assert recovered(ages) == {}
    assert {ages.shown(k) for k in ("bambini", "0-3", "4-6", "7-10")} == {"n.d."}


counts = st.integers(min_value=0, max_value=9)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(first=st.lists(counts, min_size=1, max_size=6), second=st.lists(counts, min_size=1, max_size=4),
       subset=st.lists(counts, min_size=1, max_size=3))
def test_random_outputs_leave_nothing_recoverable(first, second, subset):
    """A total split two ways (comuni; dispositivi, topped up to the same total) and a count included in it."""
    output = table("totale", {f"a{i}": v for i, v in enumerate(first)})
    total = sum(first)
    rest = total - sum(second)
    second_cells = {f"b{i}": v for i, v in enumerate(second)}
    if rest >= 0:
        second_cells["b_resto"] = rest
        for key, value in second_cells.items():
            output.add(key, value)
        output.relate(Relation.total("totale", second_cells))
    part = min(subset[0], total)
    output.add("parte", part)
    output.relate(Relation.at_least("totale", ["parte"]))
    before = dict(output.values)
    protect(output)
    assert recovered(output) == {}
    assert output.values == before  # suppression hides, never changes a figure
    for key, value in output.values.items():
        if 0 < value < 3:
            assert output.states[key] in (State.PRIMARY, State.WITHHELD)
        if not output.hidden(key):
            assert output.shown(key) == value
