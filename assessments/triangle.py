"""The triangle of Il Mondo del Bambino as server-side SVG: each side coloured by its mean score."""

from dataclasses import dataclass

# Colour-blind-safe ramp from "grave problema" to "punto di forza"; the score is always written too.
RAMP = ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"]


@dataclass
class Side:
    title: str
    score: float | None
    x1: float
    y1: float
    x2: float
    y2: float
    lx: float
    ly: float
    colour: str
    anchor: str


def colour_for(score: float | None, low: int, high: int) -> str:
    if score is None:
        return "#999999"
    position = (score - low) / (high - low) if high > low else 0
    return RAMP[min(len(RAMP) - 1, max(0, round(position * (len(RAMP) - 1))))]


def triangle(sections: list[dict], *, time_point: str, low: int, high: int) -> list[Side]:
    """Three sides: child (left), carers (right), environment (base), as in the P.I.P.P.I. picture."""
    apex, left, right = (200, 30), (40, 300), (360, 300)
    geometry = [(left, apex, 70, 150, "end"), (apex, right, 330, 150, "start"), (left, right, 200, 335, "middle")]
    sides = []
    for section, ((x1, y1), (x2, y2), lx, ly, anchor) in zip(sections, geometry, strict=False):
        score = section["means"].get(time_point)
        sides.append(Side(title=section["section"].title, score=score, x1=x1, y1=y1, x2=x2, y2=y2, lx=lx, ly=ly,
                          colour=colour_for(score, low, high), anchor=anchor))
    return sides
