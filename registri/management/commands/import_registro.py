"""manage.py import_registro FILE --ambito CODE [--dry-run] [--mapping FILE]: the page's import, from a shell.

It guesses the mapping as the page does (or takes it from a JSON file {"header": "field"}), prints every problem
by row, and ends with `righe N, valide V, con errori E, possibili doppioni D`. Rows in error do not stop it (their
families are left out, exit code 0); only a file that cannot be read is an error (exit code 1)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from organisation.models import Ambito, Ente, Equipe
from registri import services
from registri.analysis import analyse
from registri.fields import FIELD_BY_CODE, check_mapping, guess_mapping
from registri.reader import Unreadable, read_register


class Command(BaseCommand):
    help = "Importa un registro (XLSX o CSV) di famiglie in un ambito."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--ambito", required=True, help="Il codice dell'ambito (es. SER).")
        parser.add_argument("--dry-run", action="store_true", help="Controlla soltanto: non scrive niente.")
        parser.add_argument("--mapping", help='Un file JSON {"intestazione": "campo"} con le colonne.')
        parser.add_argument("--comune", help="Il comune del registro, per le righe senza comune.")
        parser.add_argument("--equipe", help="L'équipe delle famiglie senza équipe.")
        parser.add_argument("--utente", help="Chi importa (il nome utente), per il registro degli accessi.")

    def handle(self, *args: Any, **options: Any) -> None:
        ambito = Ambito.objects.filter(codice=options["ambito"]).first()
        if ambito is None:
            raise CommandError(_("Non c'è un ambito con il codice %(c)s.") % {"c": options["ambito"]})
        path = Path(options["file"])
        try:
            sheet = read_register(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(_("Non riesco a leggere il file: %(e)s") % {"e": error}) from None
        except Unreadable as error:
            raise CommandError(str(error)) from None
        mapping = guess_mapping(sheet.headers, self._saved(options["mapping"]))
        for header, code in zip(sheet.headers, mapping, strict=True):
            if header:
                self.stdout.write(f"  {header} → {FIELD_BY_CODE[code].label if code else _('(non importata)')}")
        if problems := check_mapping(mapping):
            raise CommandError(" ".join(problems))
        by = User.objects.filter(username=options["utente"]).first() if options["utente"] else None
        if options["utente"] and by is None:
            raise CommandError(_("Non c'è un utente %(u)s.") % {"u": options["utente"]})
        context = services.context_for(ambito=ambito, by=by, comune=self._named(Ente, ambito, options["comune"]),
                                       equipe=self._named(Equipe, ambito, options["equipe"]))
        plan = analyse(sheet, mapping, context)
        for problem in plan.problems:
            self.stdout.write(str(problem))
        for duplicate in plan.duplicates:
            self.stdout.write(_("Possibile doppione: %(a)s — %(b)s (%(r)s)")
                              % {"a": duplicate.a, "b": duplicate.b, "r": duplicate.reason})
        if not options["dry_run"]:
            with audit_reason(_("Importazione da riga di comando")):
                created = services.import_commit(plan=plan, context=context, by=by, nome_file=path.name)
            self.stdout.write(_("Create: %(famiglie)s famiglie, %(persone)s persone, %(consensi)s consensi, "
                                "%(assegnazioni)s assegnazioni, %(visite)s visite.") % created)
        self.stdout.write(plan.summary_line())

    def _saved(self, mapping_file: str | None) -> dict[str, str] | None:
        if not mapping_file:
            return None
        try:
            data = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(_("Non riesco a leggere le colonne da %(f)s: %(e)s") % {"f": mapping_file,
                                                                                    "e": error}) from None
        if not isinstance(data, dict):
            raise CommandError(_('Il file delle colonne deve essere un oggetto JSON {"intestazione": "campo"}.'))
        return {str(k): str(v) for k, v in data.items()}

    def _named(self, model: type[Ente] | type[Equipe], ambito: Ambito, name: str | None) -> Any:
        if not name:
            return None
        found = model.objects.filter(ambito=ambito, nome__iexact=name).first()
        if found is None:
            raise CommandError(_("«%(n)s» non è nell'ambito %(a)s.") % {"n": name, "a": ambito.codice})
        return found
