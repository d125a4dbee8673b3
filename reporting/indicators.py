"""Outcome and impact indicators (VIS): each with its definition, formula and data source, computed in SQL.

Figures about fewer than SMALL_CELL people are suppressed: they could point to a family. A row that counts a part
of a total ("1 (20%)" of the closures) carries its count as "part" and the total as "n"; the counts of an
indicator, in every column (the ambito and each of its cohorts, which it includes), go through
`reporting.disclosure` together, so that no hidden count comes back from the total, the other rows, the shares
or the other columns.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from assessments.models import Answer, Perspective, Response, TimePoint
from assessments.selectors import current_instrument_version
from families.models import EsitoChiusura, Stato
from governance.training.models import TrainingParticipant
from network.models import Protocol
from plans.models import EsitoVerifica
from quality.models import Survey, SurveyAnswer
from vicinanza.models import Abbinamento, Sostenitore

from .disclosure import SMALL_CELL, Disclosure, Relation, protect
from .models import CaricoServizi


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    definition: str
    formula: str
    source: str
    compute: Callable  # (families queryset) -> list of rows {"label": str, "value": str, "n": int[, "part": int]}
    # The parts of the rows add up to the total (each family has one of the outcomes), not just within it.
    exhaustive: bool = False


def suppressed(n: int) -> bool:
    return 0 < n < SMALL_CELL


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def mdb_change(families) -> list[dict]:
    """Mean score at T0 and at the last time point (T2, else T1), per side, over the children who have both."""
    version = current_instrument_version("mondo_del_bambino")
    if version is None:
        return []
    base = Response.objects.filter(family__in=families, status=Response.Status.SUBMITTED,
                                   perspective=Perspective.OPERATORE,
                                   instrument_version__instrument__code="mondo_del_bambino")
    rows = []
    for later in (TimePoint.T2, TimePoint.T1):
        paired = base.filter(time_point__in=[TimePoint.T0, later]).filter(
            Exists(base.filter(person=OuterRef("person"), time_point=TimePoint.T0)),
            Exists(base.filter(person=OuterRef("person"), time_point=later)))
        children = paired.values("person").distinct().count()
        if not children:
            continue
        means = {(r["response__time_point"], r["item_code"]): float(r["m"]) for r in
                 Answer.objects.filter(response__in=paired, number__isnull=False)
                 .values("response__time_point", "item_code").annotate(m=Avg("number"))}
        for section in version.parsed.sections:
            codes = [i.code for i in section.items]
            before = [means[(TimePoint.T0, c)] for c in codes if (TimePoint.T0, c) in means]
            after = [means[(later, c)] for c in codes if (later, c) in means]
            if not before or not after:
                continue
            b, a = sum(before) / len(before), sum(after) / len(after)
            rows.append({"label": f"{section.title} (T0 → {later})", "n": children,
                         "value": f"{b:.1f} → {a:.1f} ({a - b:+.1f})"})
        break
    return rows


def closures(families) -> list[dict]:
    closed = families.filter(stato=Stato.CHIUSA)
    counts = dict(closed.order_by().values_list("esito_chiusura").annotate(n=Count("pk")))
    total = sum(counts.values())
    at_home = counts.get(EsitoChiusura.PROSEGUE, 0) + counts.get(EsitoChiusura.CONCLUSA, 0)
    out = counts.get(EsitoChiusura.ALLONTANAMENTO, 0)
    return [
        {"label": _("Chiuse con il bambino a casa"), "n": total, "part": at_home,
         "value": f"{at_home} ({_pct(at_home, total)})"},
        {"label": _("Chiuse con allontanamento"), "n": total, "part": out, "value": f"{out} ({_pct(out, total)})"},
    ]


def plan_outcomes(families) -> list[dict]:
    outcomes = EsitoVerifica.objects.filter(verifica__progetto__family__in=families)
    counts = dict(outcomes.order_by().values_list("esito").annotate(n=Count("pk")))
    total = sum(counts.values())
    rows = []
    for value, label in EsitoVerifica.Esito.choices:
        n = counts.get(value, 0)
        rows.append({"label": label, "n": total, "part": n, "value": f"{n} ({_pct(n, total)})"})
    return rows


def families_reached(families) -> list[dict]:
    included = families.exclude(stato__in=[Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA])
    figures = included.aggregate(n=Count("pk"), reunification=Count("pk", filter=Q(riunificazione=True)))
    return [
        {"label": _("Famiglie incluse nel programma"), "n": figures["n"], "part": figures["n"], "total": True,
         "value": str(figures["n"])},
        {"label": _("di cui in percorso di riunificazione"), "n": figures["n"], "part": figures["reunification"],
         "value": f"{figures['reunification']} ({_pct(figures['reunification'], figures['n'])})"},
    ]


def _ambiti(families):
    return families.order_by().values("ambito_id").distinct()


def mdb_subdimensions(families) -> list[dict]:
    """Mean score of every sub-dimension at T0, T1 and T2 (children assessed at T0)."""
    version = current_instrument_version("mondo_del_bambino")
    if version is None:
        return []
    base = Response.objects.filter(family__in=families, status=Response.Status.SUBMITTED,
                                   perspective=Perspective.OPERATORE,
                                   instrument_version__instrument__code="mondo_del_bambino")
    with_t0 = base.filter(Exists(base.filter(person=OuterRef("person"), time_point=TimePoint.T0)))
    children = with_t0.values("person").distinct().count()
    means = {(r["response__time_point"], r["item_code"]): float(r["m"]) for r in
             Answer.objects.filter(response__in=with_t0, number__isnull=False)
             .values("response__time_point", "item_code").annotate(m=Avg("number"))}
    rows = []
    for section in version.parsed.sections:
        for item in section.items:
            values = [f"{tp} {means[(tp, item.code)]:.1f}" for tp in (TimePoint.T0, TimePoint.T1, TimePoint.T2)
                      if (tp, item.code) in means]
            if values:
                rows.append({"label": item.label, "n": children, "value": " → ".join(values)})
    return rows


def support_families(families) -> list[dict]:
    register = Sostenitore.objects.filter(ambito_id__in=_ambiti(families))
    figures = register.aggregate(
        n=Count("pk"), checked=Count("pk", filter=Q(colloquio_il__isnull=False, controlli_il__isnull=False,
                                                    consenso_il__isnull=False)),
        active=Count("pk", filter=Q(abbinamenti__stato=Abbinamento.Stato.ATTIVO), distinct=True))
    paired = families.filter(abbinamenti__stato__in=[Abbinamento.Stato.ATTIVO, Abbinamento.Stato.CHIUSO]).distinct()
    n_paired = paired.count()
    return [
        {"label": _("Famiglie d'appoggio e volontari nel registro"), "n": SMALL_CELL, "value": str(figures["n"])},
        {"label": _("di cui con i controlli completati"), "n": SMALL_CELL, "value": str(figures["checked"])},
        {"label": _("di cui con un abbinamento attivo"), "n": SMALL_CELL, "value": str(figures["active"])},
        {"label": _("Famiglie sostenute da una famiglia d'appoggio"), "n": n_paired, "value": str(n_paired)},
    ]


def generativity(families) -> list[dict]:
    n = families.filter(sostenitori_nati__isnull=False).distinct().count()
    return [{"label": _("Famiglie sostenute che ora ne sostengono altre"), "n": n, "value": str(n)}]


def network_and_training(families) -> list[dict]:
    ambiti = _ambiti(families)
    protocols = Protocol.objects.filter(ambito_id__in=ambiti).count()
    trained = (TrainingParticipant.objects.filter(event__ambito_id__in=ambiti, esterno=False)
               .values("nome").distinct().count())
    return [{"label": _("Protocolli e accordi firmati"), "n": SMALL_CELL, "value": str(protocols)},
            {"label": _("Operatori formati"), "n": trained, "value": str(trained)}]


def satisfaction(families) -> list[dict]:
    answers = SurveyAnswer.objects.filter(response__survey__ambito_id__in=_ambiti(families),
                                          response__survey__destinatari=Survey.Audience.FAMIGLIE,
                                          number__isnull=False)
    figures = answers.aggregate(m=Avg("number"), n=Count("response", distinct=True))
    value = f"{float(figures['m']):.1f}" if figures["m"] is not None else "—"
    return [{"label": _("Soddisfazione media delle famiglie (scala del questionario)"), "n": figures["n"],
             "value": value}]


def protection(families) -> list[dict]:
    rows = list(CaricoServizi.objects.filter(ambito_id__in=_ambiti(families), voce=CaricoServizi.Voce.TUTELA)
                .order_by("anno").values_list("anno", "numero"))
    if len(rows) < 2:
        return [{"label": _("Minori in tutela (primo e ultimo anno registrati)"), "n": SMALL_CELL,
                 "value": str(rows[0][1]) if rows else "—"}]
    (first_year, first), (last_year, last) = rows[0], rows[-1]
    change = f"{(last - first) / first * 100:+.0f}%" if first else "—"
    return [{"label": _("Minori in tutela (primo e ultimo anno registrati)"), "n": SMALL_CELL,
             "value": f"{first_year}: {first} → {last_year}: {last} ({change})"}]


INDICATORS = [
    Indicator("famiglie", _("Famiglie raggiunte"),
              _("Le famiglie incluse nel programma (dalla fase «inclusa» in poi) e quelle in percorso di riunificazione."),
              _("conteggio delle famiglie con stato da «inclusa» a «chiusa»"),
              _("Percorso delle famiglie (stato, riunificazione)"), families_reached),
    Indicator("mondo_del_bambino", _("Cambiamento nel Mondo del Bambino"),
              _("Quanto cambia, in media, la valutazione dell'équipe su ogni lato del triangolo tra l'inizio (T0) e "
                "la fine (T2; T1 se la T2 non c'è ancora), per i bambini valutati in entrambi i momenti."),
              _("media dei punteggi (1-6) delle sottodimensioni del lato a T0 e a T2; differenza"),
              _("Il Mondo del Bambino, valutazioni inviate dall'équipe"), mdb_change),
    Indicator("chiusure", _("Esiti delle chiusure"),
              _("Tra le famiglie che hanno chiuso il percorso: quante con il bambino a casa (prosegue con il servizio "
                "o percorso concluso) e quante con un allontanamento."),
              _("famiglie chiuse per esito ÷ famiglie chiuse"), _("Chiusura del percorso (esito)"), closures),
    Indicator("risultati_attesi", _("Risultati attesi raggiunti"),
              _("Gli esiti delle verifiche del Progetto Quadro: risultati attesi raggiunti, in parte o non raggiunti."),
              _("esiti per tipo ÷ esiti registrati"), _("Progetto Quadro, verifiche"), plan_outcomes,
              exhaustive=True),
    Indicator("sottodimensioni", _("Il Mondo del Bambino per sottodimensione"),
              _("La media dei punteggi di ogni sottodimensione a T0, T1 e T2, per i bambini valutati a T0."),
              _("media dei punteggi (1-6) per sottodimensione e momento"),
              _("Il Mondo del Bambino, valutazioni inviate dall'équipe"), mdb_subdimensions),
    Indicator("tutela", _("Interventi di protezione e tutela"),
              _("Quanti minori sono in tutela nell'ambito: il primo e l'ultimo anno registrati e la variazione."),
              _("(ultimo − primo) ÷ primo"), _("Contesto territoriale, carico dei servizi"), protection),
    Indicator("vicinanza", _("Vicinanza solidale"),
              _("Le famiglie d'appoggio e i volontari dell'ambito (identificati, verificati, attivi) e le famiglie "
                "sostenute da loro."),
              _("conteggi dal registro e dagli abbinamenti attivi o conclusi"),
              _("Registro della vicinanza solidale, abbinamenti"), support_families),
    Indicator("generativita", _("Famiglie che ne sostengono altre"),
              _("Le famiglie sostenute dal programma che sono poi diventate famiglie d'appoggio."),
              _("famiglie che compaiono come «già famiglia sostenuta» nel registro"),
              _("Registro della vicinanza solidale"), generativity),
    Indicator("rete", _("Rete e formazione"),
              _("Protocolli e accordi firmati dall'ambito e operatori dei servizi che hanno partecipato alla "
                "formazione."),
              _("conteggio dei protocolli; partecipanti interni distinti"),
              _("Protocolli della rete; registro della formazione"), network_and_training),
    Indicator("soddisfazione", _("Soddisfazione delle famiglie"),
              _("La media di tutte le risposte a scala dei questionari di soddisfazione per le famiglie "
                "dell'ambito (anonimi)."),
              _("media dei punteggi delle risposte a scala"), _("Questionari di soddisfazione"), satisfaction),
]


def indicator_table(families_by_column: dict[str, object]) -> list[dict]:
    """Every indicator, with its rows, for each column (the whole ambito first, then each cohort)."""
    table = []
    for indicator in INDICATORS:
        columns = {name: indicator.compute(qs) for name, qs in families_by_column.items()}
        labels = []
        for rows in columns.values():
            for row in rows:
                if row["label"] not in labels:
                    labels.append(row["label"])
        disclosure = _disclosure(indicator, columns)
        lines = []
        for label in labels:
            cells = []
            for name, rows in columns.items():
                row = next((r for r in rows if r["label"] == label), None)
                if row is None:
                    cells.append("—")
                elif "part" in row:
                    hidden = next((k for k in (_key(name, row), f"{name}|") if disclosure.hidden(k)), None)
                    cells.append(str(disclosure.shown(hidden)) if hidden else row["value"])
                elif suppressed(row["n"]):
                    cells.append(f"<{SMALL_CELL}")
                else:
                    cells.append(row["value"])
            lines.append({"label": label, "cells": cells})
        table.append({"indicator": indicator, "lines": lines, "disclosure": disclosure})
    return table


def _key(name: str, row: dict) -> str:
    """The count of a row in the disclosure: a row that shows the total is the total itself."""
    return f"{name}|" if row.get("total") else f"{name}|{row['label']}"


def _disclosure(indicator: Indicator, columns: dict[str, list[dict]]) -> Disclosure:
    """The counted rows of one indicator in every column, and what a reader knows: the parts of a column within
    (or adding up to) its total, each cohort's counts within the ambito's (the first column)."""
    d = Disclosure()
    for name, rows in columns.items():
        counted = [r for r in rows if "part" in r]
        if not counted:
            continue
        total = d.add(f"{name}|", counted[0]["n"])
        parts = [d.add(_key(name, r), r["part"]) for r in counted if not r.get("total")]
        if parts:
            d.relate(Relation.total(total, parts) if indicator.exhaustive else Relation.at_least(total, parts))
    whole, *cohorts = list(columns)
    for key in [k for k in d.values if k.startswith(f"{whole}|")]:
        suffix = key[len(whole) + 1:]
        inside = [f"{c}|{suffix}" for c in cohorts if f"{c}|{suffix}" in d.values]
        if inside:
            d.relate(Relation.at_least(key, inside))
    protect(d)
    return d
