"""What can be exported in the background. Each app registers its exporters from its AppConfig.ready with
`register_exporter` (see CONTRIBUTING.md), so that this app imports none of the apps above it.

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


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(kind: str, *, run: str) -> None:
    """Make `kind` exportable in the background; `run` is the exporter's dotted path (imported when a job runs,
    so that the worker loads only the exporter it needs)."""
    existing = EXPORTERS.get(kind)
    if existing is not None and existing.run != run:
        raise ValueError(f"Export kind {kind!r} is registered already by {existing.run}")
    EXPORTERS[kind] = Exporter(run=run)


def get_runner(kind: str) -> Callable:
    return import_string(EXPORTERS[kind].run)
