"""Demo data for the family portal: a few messages and the parent's language (deterministic, no rng)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from assessments.models import Response
from families.models import Person

from .models import Message, PortalProfile


def add_demo_portal(builder) -> None:
    """The demo parent `genitore` (the mother of SER-00001) keeps the portal in Italian; two messages with the
    case manager, dated from the builder's anchor."""
    parent = builder.users["genitore"]
    person = Person.objects.filter(user=parent).select_related("family__equipe__case_manager").first()
    if person is None:
        return
    PortalProfile.objects.update_or_create(user=parent, defaults={"language": "it"})
    family = person.family
    case_manager = family.equipe.case_manager if family.equipe_id else builder.users["casemanager"]
    day = builder.anchor - timedelta(days=3)
    at = timezone.make_aware(datetime.combine(day, time(9, 30)))
    Message.objects.create(family=family, author=parent, from_family=True, created_at=at, read_at=at + timedelta(hours=2),
                           text="Buongiorno, giovedì non riesco a esserci per la visita. Possiamo spostarla?")
    Message.objects.create(family=family, author=case_manager, from_family=False, created_at=at + timedelta(hours=2),
                           text="Certo, ci vediamo venerdì alle 10. Buona giornata!")

    # The équipe shared the child's latest Il Mondo del Bambino with the family ("Come sta andando").
    latest = (Response.objects.filter(family=family, status=Response.Status.SUBMITTED, perspective="operatore",
                                      instrument_version__instrument__code="mondo_del_bambino")
              .order_by("-date", "-pk").first())
    if latest is not None:
        Response.objects.filter(pk=latest.pk).update(condivisa_il=at, condivisa_da=case_manager)
