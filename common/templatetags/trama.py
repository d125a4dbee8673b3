from django import forms, template
from django.utils.html import format_html
from django.utils.http import urlencode

from common.i18n import direction

register = template.Library()


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-control"
    return "form-control"


@register.inclusion_tag("includes/field.html")
def field(bound_field, label: str | None = None, compact: bool = False):
    """Render a form field the Bootstrap Italia way, with its errors announced to screen readers."""
    widget = bound_field.field.widget
    css = _css_class(widget)
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}-errors"
    elif bound_field.help_text:
        attrs["aria-describedby"] = f"{bound_field.auto_id}-help"
    return {
        "f": bound_field,
        "widget_html": bound_field.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "is_hidden": bound_field.is_hidden,
        "label": label or bound_field.label,
        "compact": compact,
    }


@register.simple_tag
def page_url(query: str, number: int) -> str:
    return query_url(query, "pagina", number)


@register.simple_tag
def query_url(query: str, key: str = "", value=None) -> str:
    """The current filters (`query`, already encoded) plus one more parameter, for links that page by key."""
    parts = [query] if query else []
    if key and value is not None:
        parts.append(urlencode({key: value}))
    return "?" + "&".join(parts)


@register.filter
def state_badge(stato: str) -> str:
    """A colour that is never the only cue: the state's name is always written next to it."""
    return {
        "segnalata": "bg-secondary",
        "preassessment": "bg-light text-dark border border-dark",
        "inclusa": "bg-primary",
        "non_inclusa": "bg-light text-dark border",
        "assessment_t0": "bg-primary",
        "progettazione": "bg-primary",
        "in_corso": "bg-success",
        "t1": "bg-success",
        "t2": "bg-success",
        "chiusa": "bg-dark",
    }.get(stato, "bg-secondary")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def isolate(value) -> str:
    """Plain text (an SMS, an e-mail) has no <bdi>: wrap people's words in Unicode's first-strong isolate, so that
    an Italian place or a Latin-script name keeps its own direction inside an Arabic sentence."""
    return f"\u2068{value}\u2069" if value not in (None, "") else ""


@register.filter
def bdi(value) -> str:
    """A person's words (a name, a place) isolated with their own direction, also inside a translated sentence:
    {% blocktranslate with name=person.nome|bdi %}. Without it an Italian name in Arabic text moves its punctuation."""
    return format_html("<bdi>{}</bdi>", value) if value not in (None, "") else ""


@register.filter
def italian(value) -> str:
    """The équipe's Italian words (a goal, a school's name) in a page of another language: lang and dir of their own."""
    return format_html('<span lang="it" dir="ltr">{}</span>', value) if value not in (None, "") else ""


@register.filter
def text_direction(code: str) -> str:
    return direction(code)
