from datetime import timedelta

from django.utils import timezone

from governance.bodies.models import Body, BodyMember, Meeting


def cabina(world) -> Body:
    body, created = Body.objects.get_or_create(ambito=world.ambito, nome="Cabina di Regia",
                                               defaults={"tipo": Body.Tipo.CABINA})
    if created:
        BodyMember.objects.create(body=body, user=world.governance, ente="Comune di Seregno", ruolo="Presidente")
        BodyMember.objects.create(body=body, user=world.amministrativo, ente="Ufficio di Piano")
        BodyMember.objects.create(body=body, nome="Dott.ssa Neri", ente="ASST Brianza")
    return body


def past_meeting(world) -> Meeting:
    body = cabina(world)
    meeting = body.riunioni.filter(stato=Meeting.Stato.SVOLTA).first()
    return meeting or Meeting.objects.create(body=body, inizio=timezone.now() - timedelta(days=2),
                                             ordine_del_giorno="1. Avvio della terza implementazione",
                                             stato=Meeting.Stato.SVOLTA)
