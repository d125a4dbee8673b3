"""The printable Progetto Quadro: plain Italian a parent can read, made with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common.pdf import write_pdf
from families.models import Family
from families.selectors import consent_givers
from organisation.selectors import letterhead_for

from .selectors import PlanView


def render_plan_pdf(*, family: Family, view: PlanView) -> bytes:
    """PDF/A, with the letterhead and a signature line for each adult of the family and for the case manager:
    "concordato con la famiglia" is signed on paper."""
    today = timezone.localdate()
    signers = [f"{p.nome} {p.cognome}".strip() for p in consent_givers(family, today).order_by("pk")]
    if family.equipe and family.equipe.case_manager:
        signers.append(_("%(name)s, case manager") % {"name": family.equipe.case_manager.get_full_name()})
    html = render_to_string("plans/plan_pdf.html", {"family": family, "view": view, "plan": view.plan,
                                                    "printed_on": today, "signers": signers,
                                                    "letterhead": letterhead_for(family.ambito)})
    return write_pdf(html)
