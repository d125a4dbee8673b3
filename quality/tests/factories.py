from datetime import timedelta

from django.utils import timezone

from assessments.models import InstrumentVersion
from quality.models import Survey


def survey(world, code="soddisfazione_famiglie", **kwargs) -> Survey:
    version = InstrumentVersion.objects.filter(instrument__code=code).order_by("-version").first()
    values = {"titolo": "Soddisfazione 2026", "destinatari": "famiglie",
              "apre_il": timezone.localdate() - timedelta(days=5), "chiude_il": timezone.localdate() + timedelta(days=25)}
    values.update(kwargs)
    return Survey.objects.get_or_create(ambito=world.ambito, instrument_version=version, titolo=values.pop("titolo"),
                                        defaults=values)[0]
