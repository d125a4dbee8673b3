"""Territorial context: writes (entry, CSV import) and the per-comune rates."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.context import audit_reason
from families.models import Family, Person, Stato
from organisation.models import Ente

from .models import CaricoServizi, DatoComune
from .policies import require_comune_editor, require_territorio_editor

# Families the programme took in charge (not those only reported or not included).
TAKEN = [s for s in Stato.values if s not in (Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA)]


def _check(*, popolazione: int, minori: int, anno: int) -> dict:
    errors = {}
    if not 1900 <= anno <= timezone.localdate().year + 1:
        errors["anno"] = _("Indica un anno plausibile.")
    if popolazione is None or popolazione <= 0:
        errors["popolazione"] = _("Indica il numero di residenti.")
    elif minori is None or minori < 0 or minori > popolazione:
        errors["minori"] = _("I minorenni non possono essere più dei residenti.")
    return errors


def dato_save(*, by, comune: Ente, anno: int, popolazione: int, minori: int) -> DatoComune:
    require_comune_editor(by, comune)
    errors = _check(popolazione=popolazione, minori=minori, anno=anno)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Dati demografici del comune")):
        dato, _created = DatoComune.objects.update_or_create(
            comune=comune, anno=anno, defaults={"popolazione": popolazione, "minori": minori, "updated_by": by})
    return dato


def import_csv(*, by, ambito_id: int, content: bytes) -> int:
    """Rows "comune;anno;popolazione;minori" (commas work too); all or nothing, errors by line."""
    require_territorio_editor(by, ambito_id)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Il file deve essere un CSV in UTF-8.")) from None
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "a;b", delimiters=";,")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    needed = {"comune", "anno", "popolazione", "minori"}
    if not reader.fieldnames or not needed <= {f.strip().lower() for f in reader.fieldnames}:
        raise ValidationError(_("Il file deve avere le colonne comune, anno, popolazione, minori."))
    comuni = {}
    for ente in Ente.objects.filter(ambito_id=ambito_id, tipo=Ente.Tipo.COMUNE):
        comuni[ente.nome.lower()] = ente
        comuni[ente.nome.lower().removeprefix("comune di ").strip()] = ente
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        ente = comuni.get(row.get("comune", "").lower())
        try:
            anno, pop, minori = int(row["anno"]), int(row["popolazione"].replace(".", "")), int(
                row["minori"].replace(".", ""))
        except ValueError:
            errors.append(_("Riga %(n)s: anno, popolazione e minori devono essere numeri interi.") % {"n": line})
            continue
        if ente is None:
            errors.append(_("Riga %(n)s: il comune «%(c)s» non è dell'ambito.") % {"n": line, "c": row.get("comune")})
            continue
        problems = _check(popolazione=pop, minori=minori, anno=anno)
        if problems:
            errors.append(_("Riga %(n)s: %(p)s") % {"n": line, "p": " ".join(problems.values())})
            continue
        rows.append((ente, anno, pop, minori))
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("Il file non contiene righe."))
    with transaction.atomic(), audit_reason(_("Importazione dei dati demografici")):
        for ente, anno, pop, minori in rows:
            DatoComune.objects.update_or_create(comune=ente, anno=anno, defaults={
                "popolazione": pop, "minori": minori, "updated_by": by})
    return len(rows)


def carico_save(*, by, ambito_id: int, anno: int, voce: str, numero: int) -> CaricoServizi:
    require_territorio_editor(by, ambito_id)
    if voce not in CaricoServizi.Voce.values:
        raise ValidationError({"voce": _("Scegli una voce dall'elenco.")})
    if numero is None or numero < 0:
        raise ValidationError({"numero": _("Indica un numero non negativo.")})
    if not 1900 <= anno <= timezone.localdate().year + 1:
        raise ValidationError({"anno": _("Indica un anno plausibile.")})
    with transaction.atomic(), audit_reason(_("Carico dei servizi")):
        carico, _created = CaricoServizi.objects.update_or_create(
            ambito_id=ambito_id, anno=anno, voce=voce, defaults={"numero": numero, "updated_by": by})
    return carico


@dataclass
class ComuneRow:
    comune: str
    anno: int | None
    popolazione: int | None
    minori: int | None
    famiglie: int
    bambini: int

    @property
    def quota_minori(self) -> float | None:
        return round(self.minori / self.popolazione * 100, 2) if self.popolazione else None

    @property
    def per_mille(self) -> float | None:
        """Children in the programme per 1,000 resident minors."""
        return round(self.bambini / self.minori * 1000, 2) if self.minori else None


def comune_rows(ambiti) -> list[ComuneRow]:
    """Per comune: the latest population figures and the families and children taken in charge (3 queries)."""
    comuni = list(Ente.objects.filter(ambito_id__in=ambiti, tipo=Ente.Tipo.COMUNE).order_by("nome"))
    latest = {}
    for dato in DatoComune.objects.filter(comune__in=comuni).order_by("comune_id", "-anno"):
        latest.setdefault(dato.comune_id, dato)
    families = dict(Family.objects.filter(comune__in=comuni, stato__in=TAKEN).order_by().values_list("comune_id")
                    .annotate(n=Count("pk")))
    children = dict(Person.objects.filter(family__comune__in=comuni, family__stato__in=TAKEN,
                                          ruolo=Person.Ruolo.MINORE).order_by()
                    .values_list("family__comune_id").annotate(n=Count("pk", filter=Q(ruolo=Person.Ruolo.MINORE))))
    rows = []
    for c in comuni:
        d = latest.get(c.pk)
        rows.append(ComuneRow(c.nome, d.anno if d else None, d.popolazione if d else None,
                              d.minori if d else None, families.get(c.pk, 0), children.get(c.pk, 0)))
    return rows


def caseload(ambiti) -> tuple[list[int], list[dict]]:
    """The caseload items by year (columns: the years, newest first)."""
    data = list(CaricoServizi.objects.filter(ambito_id__in=ambiti).values_list("anno", "voce", "numero").order_by())
    years = sorted({a for a, _v, _n in data}, reverse=True)
    table = []
    for voce, label in CaricoServizi.Voce.choices:
        values = {a: n for a, v, n in data if v == voce}
        if values:
            table.append({"voce": str(label), "valori": [values.get(a) for a in years]})
    return years, table
