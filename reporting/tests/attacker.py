"""The attacker of the suppressed cells: an exact integer program (scipy's MILP, HiGHS), not the propagation that
`reporting.disclosure` uses to decide. For every hidden count it finds the smallest and the largest value that
agree with everything published; a count whose two are equal is recovered."""

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from reporting.disclosure import SMALL_CELL, Disclosure, State

CEILING = 10**6  # no count of people in a report comes near it


def domain(state: State, value: int) -> tuple[int, int]:
    return {State.VISIBLE: (value, value), State.PRIMARY: (1, SMALL_CELL - 1),
            State.SECONDARY: (SMALL_CELL, CEILING), State.WITHHELD: (0, CEILING)}[state]


def recovered(disclosure: Disclosure) -> dict[str, int]:
    """The hidden counts an attacker computes exactly from the published output, with their value."""
    keys = sorted(disclosure.values)
    if not keys:
        return {}
    index = {k: i for i, k in enumerate(keys)}
    lo, hi = zip(*((0, CEILING) if k in disclosure.unpublished else
                   domain(disclosure.states.get(k, State.VISIBLE), disclosure.values[k]) for k in keys), strict=True)
    rows, lower, upper = [], [], []
    for relation in disclosure.relations:
        row = np.zeros(len(keys))
        for k, c in relation.terms:
            row[index[k]] += c
        rows.append(row)
        lower.append(0)
        upper.append(0 if relation.equal else np.inf)
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    found = {}
    for k in disclosure.protected():
        extremes = []
        for sign in (1, -1):
            c = np.zeros(len(keys))
            c[index[k]] = sign
            result = milp(c, constraints=constraints, integrality=np.ones(len(keys)), bounds=Bounds(lo, hi))
            assert result.success, f"the published figures are inconsistent: {result.message}"
            extremes.append(round(result.x[index[k]]))
        if extremes[0] == extremes[1]:
            found[k] = extremes[0]
    return found
