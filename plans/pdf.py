"""The printable Progetto Quadro: plain Italian a parent can read, made with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone

from families.models import Family

from .selectors import PlanView


def render_plan_pdf(*, family: Family, view: PlanView) -> bytes:
    # WeasyPrint is heavy (cairo, pango, fonts): loaded on the first PDF, not at every start-up.
    from weasyprint import HTML  # noqa: PLC0415

    html = render_to_string("plans/plan_pdf.html", {"family": family, "view": view, "plan": view.plan,
                                                    "printed_on": timezone.localdate()})
    return HTML(string=html).write_pdf()
