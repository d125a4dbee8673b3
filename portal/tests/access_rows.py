"""The portal's rows of the role × URL matrix (families/tests/test_access_matrix.py).

The member's pages (/famiglia/...) answer 200 to the family member of world.family (`genitore`) and 404 to
every staff persona: staff have no portal, and a portal never confirms anything about a family to others.
The public pages (login, language, invitation link) answer everybody. The équipe's pages
(/famiglie/<pk>/portale/...) follow the family's rules: the case manager and the RT manage the portal, the
other readers of the family get 403, everybody else (the family member included) 404.
"""

from django.utils import timezone

from assessments.models import Response
from core.testing import PERSONAS, expect_for_family, submit_mdb
from families.models import Person
from portal.services import invitation_create

MEMBER = {p: 200 if p == "genitore" else 404 for p in PERSONAS}
EVERYBODY = {p: 200 for p in PERSONAS}
MANAGERS = {"casemanager", "rt"}


def invitation_path(world) -> str:
    father, _created = Person.objects.get_or_create(
        family=world.family, nome="Paolo", cognome="Bianchi",
        defaults={"ambito": world.ambito, "sesso": "M", "ruolo": Person.Ruolo.PADRE})
    _invitation, token = invitation_create(family=world.family, person=father, by=world.casemanager)
    return f"/famiglia/invito/{token}/"


def shared_mdb_path(world) -> str:
    response = (Response.objects.filter(family=world.family, condivisa_il__isnull=False).first()
                or submit_mdb(world.family, world.family.persone.get(nome="Luca"), world.casemanager))
    Response.objects.filter(pk=response.pk).update(condivisa_il=timezone.now())
    return f"/famiglia/valutazioni/{response.pk}/"


ROWS = {
    "portal_assessments": ("get", lambda w: "/famiglia/valutazioni/", MEMBER),
    "portal_assessment": ("get", shared_mdb_path, MEMBER),
    "portal_questionnaire": ("get", lambda w: "/famiglia/questionario/", MEMBER),
    "portal_home": ("get", lambda w: "/famiglia/", MEMBER),
    "portal_plan": ("get", lambda w: "/famiglia/progetto/", MEMBER),
    # An empty answer: the member gets the form back with its message (422).
    "portal_plan_answer": ("post", lambda w: "/famiglia/progetto/risposta/",
                           {p: 422 if p == "genitore" else 404 for p in PERSONAS}),
    "portal_view": ("get", lambda w: "/famiglia/il-nostro-punto-di-vista/", MEMBER),
    "portal_messages": ("get", lambda w: "/famiglia/messaggi/", MEMBER),
    "portal_appointments": ("get", lambda w: "/famiglia/appuntamenti/", MEMBER),
    "portal_login": ("get", lambda w: "/famiglia/accesso/", EVERYBODY),
    "portal_logout": ("post", lambda w: "/famiglia/uscita/", {p: 302 for p in PERSONAS}),
    "portal_language": ("get", lambda w: "/famiglia/lingua/", EVERYBODY),
    "portal_invitation": ("get", invitation_path, EVERYBODY),
    "portal_staff": ("get", lambda w: f"/famiglie/{w.family.pk}/portale/", expect_for_family(MANAGERS)),
    # An empty form: back to the portal page with a message.
    "portal_staff_invite": ("post", lambda w: f"/famiglie/{w.family.pk}/portale/invito/",
                            expect_for_family(MANAGERS, ok=302)),
    "portal_staff_message": ("post", lambda w: f"/famiglie/{w.family.pk}/portale/messaggi/",
                             expect_for_family(MANAGERS, ok=302)),
    "portal_staff_summary": ("get", lambda w: f"/famiglie/{w.family.pk}/portale/sintesi/",
                             expect_for_family(MANAGERS)),
}
