"""Test data for the network, written through the services (so that the rules hold)."""

from datetime import date, timedelta

from django.utils import timezone

from network import services
from network.models import Diritto, Intake, Protocol, Referral, Service, Tipologia
from organisation.models import Ente


def school(world) -> Ente:
    return Ente.objects.get(ambito=world.ambito, tipo=Ente.Tipo.SCUOLA, nome="IC Seregno")


def make_service(world, *, nome: str = "Nido comunale Girotondo", area: str = Diritto.EDUCAZIONE,
                 tipologia: str = Tipologia.NIDO, ente: Ente | None = None, ambito=None, comune=None) -> Service:
    """A directory service; by default offered by IC Seregno, the ente of the `insegnante` persona."""
    ambito = ambito or world.ambito
    existing = Service.objects.filter(ambito=ambito, nome=nome).first()
    if existing:
        return existing
    if ambito == world.ambito:
        ente = ente or school(world)
        comune = comune or world.comune
    return Service.objects.create(ambito=ambito, nome=nome, area=area, tipologia=tipologia, ente=ente,
                                  ente_testo="" if ente else "Associazione", comune=comune,
                                  lingue="italiano, arabo")


def intake_data(world, **overrides) -> services.IntakeData:
    values = {"cognome": "El Amrani", "nome": "Fatima", "sesso": "F", "comune": world.comune,
              "data_nascita": date(1994, 3, 12), "lingue": "arabo, francese", "data_contatto": timezone.localdate(),
              "bisogni": [Diritto.SALUTE, Diritto.EDUCAZIONE],
              "figli": [services.ChildData(nome="Yasmine", sesso="F", data_nascita=timezone.localdate() - timedelta(days=200))]}
    values.update(overrides)
    return services.IntakeData(**values)


def make_intake(world, *, by=None, **overrides) -> Intake:
    data = intake_data(world, **overrides)
    existing = Intake.objects.filter(ambito=world.ambito, cognome=data.cognome, nome=data.nome).first()
    if existing:
        return existing
    return services.intake_create(by=by or world.tutor, ambito=world.ambito, data=data)


def make_referral(world, *, intake: Intake | None = None, service: Service | None = None, **kwargs) -> Referral:
    intake = intake or make_intake(world)
    service = service or make_service(world)
    existing = Referral.objects.filter(intake=intake, service=service).first()
    if existing:
        return existing
    return services.referral_create(intake=intake, by=intake.tutor, service=service, **kwargs)


def make_protocol(world, *, scadenza: date | None = None) -> Protocol:
    existing = Protocol.objects.filter(ambito=world.ambito, titolo="Protocollo 1000 giorni").first()
    if existing:
        return existing
    return services.protocol_create(by=world.rt, ambito=world.ambito, titolo="Protocollo 1000 giorni",
                                    firmato_il=date(2025, 1, 15), enti=[world.comune, school(world)],
                                    altre_parti="ASST Brianza", scadenza=scadenza or date(2030, 1, 14))
