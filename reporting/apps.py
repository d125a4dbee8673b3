from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exports.registry import register_exporter


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self) -> None:
        register_exporter("ricerca", run="reporting.research.run_export")
        register_exporter("rendicontazione", run="reporting.rendicontazione_output.run_export")
