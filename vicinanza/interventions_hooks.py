"""What vicinanza solidale adds to the interventions app's dispositivi overview; registered in
VicinanzaConfig.ready, since interventions sits below this app."""

from django.db.models import Exists, OuterRef

from interventions.overview import register_dispositivo_flag

from .models import Abbinamento


def register() -> None:
    register_dispositivo_flag(
        "vicinanza", lambda: Exists(Abbinamento.objects.filter(family=OuterRef("pk"), stato=Abbinamento.Stato.ATTIVO)))
