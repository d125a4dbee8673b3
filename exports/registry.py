"""What can be exported in the background. Each app adds its exporters here (see CONTRIBUTING.md).

An exporter is a function `run(job, progress) -> (filename, content_type, data)`; `progress(percent)`
updates the bar the user sees. `data` is bytes for a small file, or the Path of a temporary file the
exporter wrote row by row (memory stays bounded whatever the size; the task moves it to storage and
deletes it). Permission is checked when the job is requested (services.export_request),
and again when it runs: the exporter reads through the same scoped selectors as the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Exporter:
    run: str  # dotted path, imported when the task runs


EXPORTERS: dict[str, Exporter] = {
    "ricerca": Exporter(run="reporting.research.run_export"),
    "rendicontazione": Exporter(run="reporting.rendicontazione_output.run_export"),
}


def get_runner(kind: str) -> Callable:
    return import_string(EXPORTERS[kind].run)
