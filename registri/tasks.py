"""The background steps of an import (django-tasks; `manage.py db_worker` runs them): the check that makes the
preview, and the commit. Large registers take a while; the page shows `Importazione.progresso` meanwhile."""

import logging

from django.db import connection, connections
from django.utils.translation import gettext as _
from django_tasks import task

from audit.services import log_list_view
from families.models import Person

from . import services
from .analysis import Plan, analyse
from .models import Importazione
from .reader import Unreadable

logger = logging.getLogger(__name__)


def _progress_writer(pk: int, *, in_transaction: bool) -> services.Progress:
    """Progress the page can see. The commit runs in one transaction, whose writes nobody sees until it ends: on
    PostgreSQL its progress goes through a connection of its own (SQLite would wait on its own lock)."""
    if in_transaction and connection.vendor == "postgresql":
        side = connections.create_connection("default")

        def on_side(percent: int) -> None:
            with side.cursor() as cursor:
                cursor.execute(f'UPDATE "{Importazione._meta.db_table}" SET progresso = %s WHERE id = %s',  # noqa: S608
                               [max(0, min(99, percent)), pk])

        return on_side

    def plain(percent: int) -> None:
        Importazione.objects.filter(pk=pk).update(progresso=max(0, min(99, percent)))

    return plain


@task()
def run_import(pk: int, action: str) -> str:
    importazione = Importazione.objects.select_related("ambito", "comune", "equipe", "utente").get(pk=pk)
    expected = Importazione.Stato.ANALISI if action == "analyse" else Importazione.Stato.IMPORTAZIONE
    if importazione.stato != expected:
        return importazione.stato  # already run (a retried task): nothing to do twice
    try:
        sheet = services.sheet_of(importazione)
        context = services.context_for(ambito=importazione.ambito, by=importazione.utente,
                                       comune=importazione.comune, equipe=importazione.equipe)
        plan = analyse(sheet, importazione.mappatura, context,
                                progress=_progress_writer(pk, in_transaction=False) if action == "analyse" else None)
        if action == "analyse":
            _log_shown(importazione, plan)
            services.finish(importazione, stato=Importazione.Stato.ANTEPRIMA, progresso=100, anteprima=plan.as_json())
        else:
            created = services.import_commit(plan=plan, context=context, by=importazione.utente,
                                             nome_file=importazione.nome_file, importazione=importazione,
                                             progress=_progress_writer(pk, in_transaction=True))
            services.finish(importazione, stato=Importazione.Stato.IMPORTATA, progresso=100,
                            risultato={**plan.counts(), **created})
    except Unreadable as error:
        services.finish(importazione, stato=Importazione.Stato.ERRORE, errore=str(error)[:500])
    except Exception:
        logger.exception("register import %s failed", pk)
        services.finish(importazione, stato=Importazione.Stato.ERRORE, errore=_(
            "L'importazione non è riuscita e non ha scritto niente: riprova; se succede ancora, avvisa l'assistenza."))
    return importazione.stato


def _log_shown(importazione: Importazione, plan: Plan) -> None:
    """The preview names the people of the ambito it finds again (already in Trama, possible duplicates)."""
    shown = {r.existing_person_id for f in plan.families for r in f.rows if r.existing_person_id}
    shown |= {d.person_id for d in plan.duplicates if d.person_id}
    if shown and importazione.utente is not None:
        log_list_view(user=importazione.utente, model=Person, object_ids=sorted(shown), ambito_id=importazione.ambito_id,
                      description=_("Anteprima dell'importazione del registro «%(f)s»") % {"f": importazione.nome_file})
