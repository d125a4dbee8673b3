from core.testing import PERSONAS

from .factories import cabina, past_meeting

# The RT manages; the body's members (governance, amministrativo) read; everyone else: 404 on a body's pages.
MEMBERS = {"rt", "governance", "amministrativo"}


def _followup(world):
    from datetime import date

    from governance.models import FollowUp

    meeting = past_meeting(world)
    FollowUp.objects.filter(meeting=meeting).delete()
    return FollowUp.objects.create(meeting=meeting, descrizione="Inviare il verbale", owner=world.governance,
                                   scadenza=date(2030, 1, 1))


ROWS = {
    "governance": ("get", lambda w: "/governance/", {p: 200 for p in PERSONAS}),
    "body_detail": ("get", lambda w: f"/governance/organismi/{cabina(w).pk}/",
                    {p: 200 if p in MEMBERS else 404 for p in PERSONAS}),
    "meeting_detail": ("get", lambda w: f"/governance/riunioni/{past_meeting(w).pk}/",
                       {p: 200 if p in MEMBERS else 404 for p in PERSONAS}),
    "meeting_signin_sheet": ("get", lambda w: f"/governance/riunioni/{past_meeting(w).pk}/foglio-firme/",
                             {p: 200 if p in MEMBERS else 404 for p in PERSONAS}),
    "followup_done": ("post", lambda w: f"/governance/azioni/{_followup(w).pk}/fatto/",
                      {p: 302 if p in {"rt", "governance"} else 404 for p in PERSONAS}),
}


def _complaint(world):
    from datetime import date

    from governance.models import Complaint

    return Complaint.objects.get_or_create(
        ambito=world.ambito, numero=1,
        defaults={"ricevuto_il": date(2026, 10, 1), "canale": "email", "categoria": "accesso",
                  "descrizione": "Tempi lunghi", "risposta_entro": date(2026, 10, 31)})[0]


HANDLERS = {"rt", "amministrativo"}
ROWS.update({
    "complaint_list": ("get", lambda w: "/governance/reclami/",
                       {p: 200 if p in HANDLERS | {"rt_altro"} else 403 for p in PERSONAS}),
    "complaint_detail": ("get", lambda w: f"/governance/reclami/{_complaint(w).pk}/",
                         {p: 200 if p in HANDLERS else 404 if p == "rt_altro" else 403 for p in PERSONAS}),
    "complaint_summary": ("get", lambda w: "/governance/reclami/sintesi/?anno=2026",
                          {p: 200 if p in HANDLERS | {"rt_altro"} else 403 for p in PERSONAS}),
})
