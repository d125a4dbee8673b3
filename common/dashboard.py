"""The dashboard's sections (la Scrivania): each app registers what it shows there from its AppConfig.ready,
and the dashboard (in the composing app, `core`) renders the sections whose context is not None, in order.

Two slots: "main" sections stand on the page; "todo" lists stand inside the case files' "Da fare" column.
A section with `content=True` counts as content for the page: when none is shown, the page welcomes the user
with what to expect instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest

Slot = Literal["main", "todo"]
# A section's context for one request: a dict that joins the page's context (keys are the section's own:
# "counts", "figures"...), or None to hide the section.
SectionContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class DashboardSection:
    name: str
    template: str
    order: int
    context: SectionContext
    slot: Slot = "main"
    content: bool = False


@dataclass(frozen=True)
class ShownSection:
    name: str
    template: str
    context: dict[str, Any]
    content: bool


_SECTIONS: dict[str, DashboardSection] = {}


def register_section(*, name: str, template: str, order: int, context: SectionContext, slot: Slot = "main",
                     content: bool = False) -> None:
    """Called from an AppConfig.ready. Registering the same name again replaces the section."""
    _SECTIONS[name] = DashboardSection(name=name, template=template, order=order, context=context, slot=slot,
                                       content=content)


def sections_for(request: HttpRequest, slot: Slot) -> list[ShownSection]:
    shown = []
    for section in sorted((s for s in _SECTIONS.values() if s.slot == slot), key=lambda s: (s.order, s.name)):
        context = section.context(request)
        if context is not None:
            shown.append(ShownSection(name=section.name, template=section.template, context=context,
                                      content=section.content))
    return shown
