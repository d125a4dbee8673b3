"""The network's rows of the role × URL matrix (families/tests/test_access_matrix.py).

The directory and the protocols: read by the ambito's staff, managed by the RT and the tutor. Intakes: the
tutor who handles them and the RT. A referral: also its receiving service (the `insegnante` persona works
for IC Seregno, which offers the world's service). Counts: also amministrativo and governance."""

from pathlib import Path

from django.conf import settings

from core.testing import PERSONAS

from .factories import make_intake, make_protocol, make_referral, make_service

STAFF = set(PERSONAS) - {"volontario", "genitore"}
MANAGERS = {"rt", "tutor"}
HANDLERS = {"rt", "tutor"}
RECEIVERS = {"casemanager", "educatore", "insegnante", "casemanager2", "educatore2"}


def role(allowed: set[str], ok: int = 200) -> dict[str, int]:
    return {p: ok if p in allowed else 403 for p in PERSONAS}


def visible(readers: set[str], changers: set[str] | None = None) -> dict[str, int]:
    """200 for `changers` (or readers), 403 for readers who may not act, 404 for everyone else."""
    changers = readers if changers is None else changers
    return {p: 200 if p in changers else 403 if p in readers else 404 for p in PERSONAS}


SER_STAFF = STAFF - {"rt_altro"}


def _protocol_with_document(world):
    protocol = make_protocol(world)
    if not protocol.documento:
        (Path(settings.MEDIA_ROOT) / "protocolli").mkdir(parents=True, exist_ok=True)
        (Path(settings.MEDIA_ROOT) / "protocolli" / "prova.pdf").write_bytes(b"%PDF-1.4 protocollo")
        protocol.documento = "protocolli/prova.pdf"
        protocol.save(update_fields=["documento"])
    return protocol


ROWS = {
    "network_caseload": ("get", lambda w: "/rete/", role(HANDLERS | {"rt_altro"})),
    "network_counts": ("get", lambda w: "/rete/dati/", role(HANDLERS | {"amministrativo", "governance", "rt_altro"})),
    "service_list": ("get", lambda w: "/rete/servizi/", role(STAFF)),
    "service_create": ("get", lambda w: "/rete/servizi/nuovo/", role(MANAGERS | {"rt_altro"})),
    "service_detail": ("get", lambda w: f"/rete/servizi/{make_service(w).pk}/", visible(SER_STAFF)),
    "service_edit": ("get", lambda w: f"/rete/servizi/{make_service(w).pk}/modifica/", visible(SER_STAFF, MANAGERS)),
    "intake_list": ("get", lambda w: "/rete/contatti/", role(HANDLERS | {"rt_altro"})),
    "intake_create": ("get", lambda w: "/rete/contatti/nuovo/", role(HANDLERS | {"rt_altro"})),
    "intake_detail": ("get", lambda w: f"/rete/contatti/{make_intake(w).pk}/", visible(HANDLERS)),
    "intake_edit": ("get", lambda w: f"/rete/contatti/{make_intake(w).pk}/modifica/", visible(HANDLERS)),
    "intake_convert": ("get", lambda w: f"/rete/contatti/{make_intake(w).pk}/famiglia/", visible(HANDLERS)),
    "referral_create": ("get", lambda w: f"/rete/contatti/{make_intake(w).pk}/invii/nuovo/", visible(HANDLERS)),
    "referral_list": ("get", lambda w: "/rete/invii/", role(HANDLERS | RECEIVERS | {"rt_altro"})),
    "referral_detail": ("get", lambda w: f"/rete/invii/{make_referral(w).pk}/", visible(HANDLERS | {"insegnante"})),
    "protocol_list": ("get", lambda w: "/rete/protocolli/", role(STAFF)),
    "protocol_create": ("get", lambda w: "/rete/protocolli/nuovo/", role(MANAGERS | {"rt_altro"})),
    "protocol_detail": ("get", lambda w: f"/rete/protocolli/{make_protocol(w).pk}/", visible(SER_STAFF)),
    "protocol_document": ("get", lambda w: f"/rete/protocolli/{_protocol_with_document(w).pk}/documento/",
                          visible(SER_STAFF)),
}
