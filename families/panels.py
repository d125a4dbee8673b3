"""The family page's panels: what the apps above `families` show on a family's page (the plan, the hours,
the school, vicinanza solidale, the portal). Each app registers its panel from its AppConfig.ready; the page
(in the composing app, `core`) asks every panel for its context and includes the panel's template with it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User

from .models import Family, Person


@dataclass(frozen=True)
class FamilyPage:
    """What the family page has loaded already, for the panels to reuse instead of querying again."""

    user: User
    family: Family
    members: list[Person]
    can_see_notes: bool


# A panel's context for one page: a dict for its template (read there as `panel.<key>`), or None to hide it.
PanelContext = Callable[[FamilyPage], dict[str, Any] | None]


@dataclass(frozen=True)
class FamilyPanel:
    name: str
    template: str  # a partial, `_`-named, that reads `panel`
    order: int  # place on the page, smaller first
    context: PanelContext


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict[str, Any]


_PANELS: dict[str, FamilyPanel] = {}


def register_panel(*, name: str, template: str, order: int, context: PanelContext) -> None:
    """Called from an AppConfig.ready. Registering the same name again replaces the panel (tests, reloads)."""
    _PANELS[name] = FamilyPanel(name=name, template=template, order=order, context=context)


def panels_for(page: FamilyPage) -> list[ShownPanel]:
    """The panels to show on `page`, in order, each with its context (the hidden ones left out)."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(page)
        if context is not None:
            shown.append(ShownPanel(template=panel.template, context=context))
    return shown
