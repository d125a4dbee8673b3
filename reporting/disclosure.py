"""Small cells that stay hidden: primary and secondary (complementary) suppression of counts of people.

A count of fewer than SMALL_CELL people (1 or 2) could point to a family: it is published as "<3" (primary
suppression). That is not enough: the total minus the visible cells, a share, or another table of the same
output can give it back ("5 children, 3 visible: the two '<3' are 1 and 1"). So every output that leaves the
ambito is described as a set of counts and of the linear relations a reader knows between them (a table's
cells add up to its total, a family has at least one dispositivo, a share is a count over another...), and
`protect` hides further counts (secondary suppression, published as "×") until no hidden count can be
recovered exactly from what is published.

The reader is modelled as an attacker who knows:
- every visible count;
- that a "<3" is 1 or 2, that a "×" is at least SMALL_CELL (it was not small, or it would be "<3"), and
  that a "n.d." (a whole table withheld) is any count, 0 included;
- every relation, `sum(coef × count) == 0` or `>= 0`.
`recoverable` narrows each hidden count's interval by propagating the relations until nothing changes (and by
trying each end of the interval on its own), and reports the counts whose interval is one value. The greedy `protect` hides, for each recoverable count, the
smallest visible count of a relation that constrains it, and repeats. The tests attack the result with an exact
integer program (scipy's MILP), independent of this propagation.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

SMALL_CELL = 3


class State(Enum):
    VISIBLE = "visible"
    PRIMARY = "primary"  # 1 or 2, published as "<3"
    SECONDARY = "secondary"  # hidden so that a primary cannot be deduced, published as "×"
    WITHHELD = "withheld"  # a table that no complement can protect: every count of it, zeros too, is "n.d."


PRIMARY_MARK = f"<{SMALL_CELL}"
SECONDARY_MARK = "×"
WITHHELD_MARK = "n.d."


@dataclass(frozen=True)
class Relation:
    """`sum(coef × count) == 0` (or `>= 0` when not `equal`) over the named counts."""

    terms: tuple[tuple[str, int], ...]
    equal: bool = True

    @classmethod
    def total(cls, total: str, parts: Iterable[str]) -> "Relation":
        """The parts add up to the total."""
        return cls(((total, -1), *((p, 1) for p in parts)))

    @classmethod
    def at_least(cls, big: str, parts: Iterable[str]) -> "Relation":
        """`big` is at least the sum of the parts (a subset, or a count included in another)."""
        return cls(((big, 1), *((p, -1) for p in parts)), equal=False)


@dataclass
class Disclosure:
    """The counts of one output and what a reader knows about them."""

    values: dict[str, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    # Counts that may be hidden as a complement. A count that is published elsewhere in clear (not a count of
    # people: activities, hours) is not listed here.
    states: dict[str, State] = field(default_factory=dict)
    # Counts that the output does not publish but that its relations need (the persons behind the citizenship
    # table): the reader knows only what the relations say of them, and their own value is not a secret to keep.
    unpublished: set[str] = field(default_factory=set)

    def add(self, key: str, value: int) -> str:
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{key} has two values: {self.values[key]} and {value}")
        self.values[key] = value
        return key

    def relate(self, relation: Relation) -> None:
        self.relations.append(relation)

    def shown(self, key: str) -> int | str:
        """The count as it is published."""
        state = self.states.get(key, State.VISIBLE)
        if state is State.PRIMARY:
            return PRIMARY_MARK
        if state is State.SECONDARY:
            return SECONDARY_MARK
        if state is State.WITHHELD:
            return WITHHELD_MARK
        return self.values[key]

    def hidden(self, key: str) -> bool:
        return key in self.unpublished or self.states.get(key, State.VISIBLE) is not State.VISIBLE

    def protected(self) -> list[str]:
        """The published counts that are hidden: those no reader may work out."""
        return [k for k in self.values if k not in self.unpublished and self.hidden(k)]


def bounds(values: Mapping[str, int], states: Mapping[str, State],
           unpublished: Iterable[str] = ()) -> dict[str, tuple[int, int | None]]:
    """What the reader knows of each count before using the relations (None: no upper bound)."""
    known: dict[str, tuple[int, int | None]] = {}
    unpublished = set(unpublished)
    for key, value in values.items():
        state = states.get(key, State.VISIBLE)
        if key in unpublished:
            known[key] = (0, None)
        elif state is State.VISIBLE:
            known[key] = (value, value)
        elif state is State.PRIMARY:
            known[key] = (1, SMALL_CELL - 1)
        elif state is State.WITHHELD:
            known[key] = (0, None)
        else:
            # Only counts of SMALL_CELL or more are hidden as complements, and the method is no secret.
            known[key] = (SMALL_CELL, None)
    return known


class Infeasible(Exception):
    """The assumed values contradict what is published."""


def _sums(relation: Relation, known: Mapping[str, tuple[int, int | None]]) -> tuple[int, int, int, int]:
    """The lowest and highest value of the relation's left side as (finite part, number of unbounded terms)."""
    lo = hi = lo_inf = hi_inf = 0
    for k, c in relation.terms:
        k_lo, k_hi = known[k]
        if c > 0:
            lo += c * k_lo
            if k_hi is None:
                hi_inf += 1
            else:
                hi += c * k_hi
        else:
            hi += c * k_lo
            if k_hi is None:
                lo_inf += 1
            else:
                lo += c * k_hi
    return lo, lo_inf, hi, hi_inf


def _narrow(relation: Relation, key: str, coef: int, known: Mapping[str, tuple[int, int | None]],
            sums: tuple[int, int, int, int]) -> tuple[int, int | None]:
    """The interval of `key` allowed by one relation, `coef × key + rest == 0` (or `>= 0`), in integers."""
    lo, hi = known[key]
    total_lo, lo_inf, total_hi, hi_inf = sums
    # The rest of the relation: the sums without this term's own contribution.
    if coef > 0:
        rest_lo = None if lo_inf else total_lo - coef * lo
        rest_hi = None if hi_inf - (hi is None) else total_hi - (0 if hi is None else coef * hi)
    else:
        rest_lo = None if lo_inf - (hi is None) else total_lo - (0 if hi is None else coef * hi)
        rest_hi = None if hi_inf else total_hi - coef * lo
    if coef > 0:
        if rest_hi is not None:
            lo = max(lo, -(rest_hi // coef))  # ceil(-rest_hi / coef)
        if relation.equal and rest_lo is not None:
            bound = (-rest_lo) // coef
            hi = bound if hi is None else min(hi, bound)
    else:
        d = -coef
        if rest_hi is not None:
            hi = rest_hi // d if hi is None else min(hi, rest_hi // d)
        if relation.equal and rest_lo is not None:
            lo = max(lo, -((-rest_lo) // d))  # ceil(rest_lo / d)
    return lo, hi


def _fixpoint(known: dict[str, tuple[int, int | None]], relations: list[Relation]) -> None:
    """Narrow every interval by every relation until nothing changes; Infeasible if one becomes empty."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            sums = _sums(relation, known)
            for key, coef in relation.terms:
                narrowed = _narrow(relation, key, coef, known, sums)
                if narrowed[1] is not None and narrowed[0] > narrowed[1]:
                    raise Infeasible(key)
                if narrowed != known[key]:
                    known[key] = narrowed
                    sums = _sums(relation, known)
                    changed = True


def propagate(values: Mapping[str, int], states: Mapping[str, State], relations: Iterable[Relation],
              unpublished: Iterable[str] = (), *, probe: Iterable[str] = ()) -> dict[str, tuple[int, int | None]]:
    """The interval of each count that the relations allow, narrowed until nothing changes.

    For the counts in `probe`, each end of the interval is also tried on its own ("shaving"): a value that
    contradicts the relations once assumed is dropped. This finds what combining relations reveals (two tables
    of one total that together allow only one total) where narrowing each relation alone does not."""
    known = bounds(values, states, unpublished)
    relations = list(relations)
    _fixpoint(known, relations)
    probe = list(probe)
    shaved = True
    while shaved:
        shaved = False
        for key in probe:
            lo, hi = known[key]
            for end in ((lo, hi) if hi is not None else (lo,)):
                trial = dict(known)
                trial[key] = (end, end)
                try:
                    _fixpoint(trial, relations)
                except Infeasible:
                    lo, hi = known[key]
                    known[key] = (lo + 1, hi) if end == lo else (lo, hi - 1)  # type: ignore[operator]
                    _fixpoint(known, relations)
                    shaved = True
                    break
    return known


def recoverable(disclosure: Disclosure) -> list[str]:
    """The hidden counts that a reader can compute exactly from what is published."""
    protected = disclosure.protected()
    known = propagate(disclosure.values, disclosure.states, disclosure.relations, disclosure.unpublished,
                      probe=protected)
    return sorted(k for k in protected if known[k][0] == known[k][1])


def protect(disclosure: Disclosure) -> Disclosure:
    """Primary suppression of the small counts, then secondary suppression until none can be recovered."""
    for key, value in disclosure.values.items():
        if 0 < value < SMALL_CELL and not disclosure.hidden(key):
            disclosure.states[key] = State.PRIMARY
    for _round in range(len(disclosure.values) + 1):
        exposed = recoverable(disclosure)
        if not exposed:
            return disclosure
        target = exposed[0]
        complement = _complement_for(disclosure, target)
        if complement is not None:
            disclosure.states[complement] = State.SECONDARY
            continue
        # No count beside it may be hidden: withhold the whole of its relations (zeros too, so that "n.d." says
        # nothing of how many small counts there were).
        for relation in disclosure.relations:
            if any(k == target for k, _c in relation.terms):
                for k, _c in relation.terms:
                    if k not in disclosure.unpublished:
                        disclosure.states[k] = State.WITHHELD
    if recoverable(disclosure):  # a safety net: if the rounds ran out, publish no count at all
        disclosure.states = {k: State.WITHHELD for k in disclosure.values if k not in disclosure.unpublished}
    return disclosure


def _complement_for(disclosure: Disclosure, target: str) -> str | None:
    """The smallest visible count of SMALL_CELL or more that shares a relation with `target` (zeros stay: they
    point to no one)."""
    options = []
    for relation in disclosure.relations:
        keys = [k for k, _c in relation.terms]
        if target not in keys:
            continue
        for k in keys:
            if k != target and not disclosure.hidden(k) and disclosure.values[k] >= SMALL_CELL:
                options.append((disclosure.values[k], len(keys), k))
    return min(options)[2] if options else None
