from datetime import date
from pathlib import Path

from django.conf import settings

from core.testing import PERSONAS
from governance.bodies.models import FollowUp
from governance.complaints.models import Complaint
from governance.projects.models import Project
from governance.training.models import StaffMember, TrainingEvent
from organisation.models import Ente

from .factories import cabina, past_meeting

# The RT manages; the body's members (governance, amministrativo) read; everyone else: 404 on a body's pages.
MEMBERS = {"rt", "governance", "amministrativo"}


def _followup(world):
    meeting = past_meeting(world)
    FollowUp.objects.filter(meeting=meeting).delete()
    return FollowUp.objects.create(meeting=meeting, descrizione="Inviare il verbale", owner=world.governance,
                                   scadenza=date(2030, 1, 1))


ROWS = {
    "governance": ("get", lambda w: "/governance/", {p: 200 for p in PERSONAS}),
    "body_create": ("get", lambda w: "/governance/organismi/nuovo/",
                    {p: 200 if p in {"rt", "rt_altro"} else 403 for p in PERSONAS}),
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


def _event(world):
    return TrainingEvent.objects.get_or_create(ambito=world.ambito, titolo="Il metodo P.I.P.P.I.",
                                               defaults={"tipo": "formazione"})[0]


def _staff(world):
    (Path(settings.MEDIA_ROOT) / "cv").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "cv" / "x.pdf").write_bytes(b"%PDF-1.4 cv")
    ets = Ente.objects.get_or_create(ambito=world.ambito, tipo="ets", nome="Coop Il Girasole")[0]
    world.ets.memberships.update(ente=ets)
    return StaffMember.objects.get_or_create(ente=ets, nome="Marco Sala",
                                             defaults={"ruolo": "educatore", "in_servizio_dal": date(2024, 1, 1),
                                                       "cv": "cv/x.pdf"})[0]


TRAINING_READERS = {"rt", "amministrativo", "coach", "ets"}
ROWS.update({
    "training_list": ("get", lambda w: "/governance/formazione/",
                      {p: 200 if p in TRAINING_READERS | {"rt_altro"} else 403 for p in PERSONAS}),
    "training_detail": ("get", lambda w: f"/governance/formazione/{_event(w).pk}/",
                        {p: 200 if p in TRAINING_READERS else 404 for p in PERSONAS}),
    "staff_register": ("get", lambda w: (_staff(w), "/governance/personale/")[1],
                       {p: 200 if p in {"rt", "amministrativo", "ets", "rt_altro"} else 403 for p in PERSONAS}),
    "staff_cv": ("get", lambda w: f"/governance/personale/{_staff(w).pk}/curriculum/",
                 {p: 200 if p in {"rt", "amministrativo", "ets"} else 404 for p in PERSONAS}),
})


def _project(world):
    return Project.objects.get_or_create(ambito=world.ambito, titolo="NidoInsieme 0-6",
                                         defaults={"capofila": "Terre des hommes Italia ETS", "dal": date(2024, 1, 1),
                                                   "al": date(2025, 12, 31), "budget": 100000})[0]


PROJECT_READERS = {"rt", "amministrativo", "governance", "ets"}
ROWS.update({
    "project_list": ("get", lambda w: "/governance/progetti/",
                     {p: 200 if p in PROJECT_READERS | {"rt_altro"} else 403 for p in PERSONAS}),
    "project_detail": ("get", lambda w: f"/governance/progetti/{_project(w).pk}/",
                       {p: 200 if p in PROJECT_READERS else 404 for p in PERSONAS}),
    "good_practice": ("get", lambda w: f"/governance/progetti/{_project(w).pk}/buona-prassi/",
                      {p: 200 if p in PROJECT_READERS else 404 for p in PERSONAS}),
    "good_practice_download": ("get", lambda w: f"/governance/progetti/{_project(w).pk}/buona-prassi.pdf",
                               {p: 200 if p in PROJECT_READERS else 404 for p in PERSONAS}),
})
