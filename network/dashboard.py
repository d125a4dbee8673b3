"""The tutor territoriale's work on the dashboard's "Da fare" (registered in NetworkConfig.ready; see
common.dashboard): contacts waiting for a referral, referrals waiting for an answer, follow-ups due. Who sees it:
network.policies."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from audit.services import log_list_view
from common.dashboard import register_section

from .models import Intake
from .policies import can_follow_intakes
from .selectors import single_ambito_of, tutor_todo


def contacts(request: HttpRequest) -> dict[str, Any] | None:
    if not can_follow_intakes(request.user):
        return None
    todo = tutor_todo(request.user)
    if not (todo["no_referral"] or todo["waiting"] or todo["follow_ups"]):
        return None
    shown = sorted({i.pk for i in todo["no_referral"]} | {r.intake_id for r in (*todo["waiting"], *todo["follow_ups"])})
    log_list_view(user=request.user, model=Intake, object_ids=shown, description=_("Contatti sulla scrivania"),
                  ambito_id=single_ambito_of(request.user))
    return {"network_todo": todo}


def register() -> None:
    register_section(name="network_contacts", template="network/_dashboard_contacts.html", order=4,
                     context=contacts, slot="todo")
