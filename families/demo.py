"""The demo's duplicates: one family already followed in a comune of the ambito and reported again by another
comune, its mother spelled otherwise and without codice fiscale there, so that the RT's list of possible
duplicates has a real case to open and merge (seed_demo; see core.demo)."""

from datetime import date

from codicefiscale import codicefiscale

from .models import Family, Person, Stato


def add_demo_duplicates(builder) -> None:
    """The Mohamed family (équipe 1, on its path) is reported again by another comune as a new family (équipe 2):
    Amina Mohamed there is Amina Muhammad, and her children are typed again. An existing reported family is
    rewritten to be that second report, so that the demo keeps its number of families and persons."""
    families = list(Family.objects.filter(ambito=builder.ambito).order_by("codice"))
    # Not the first family: its mother has the portal login of the demo's parent.
    first = next((f for f in families[1:] if f.equipe_id == builder.equipe1.pk and f.stato != Stato.SEGNALATA
                  and _mother(f)), None)
    if first is None:
        return
    again = next((f for f in families[1:] if f.stato == Stato.SEGNALATA and f.comune_id != first.comune_id
                  and f.equipe_id is not None and f.pk != builder.last_family_pk and _mother(f)), None)
    if again is None:
        return
    born = date(builder.anchor.year - 34, 3, 14)
    cf = codicefiscale.encode(lastname="Mohamed", firstname="Amina", gender="F", birthdate=born.strftime("%d/%m/%Y"),
                              birthplace="Egitto")
    builder.used_cf.add(cf)
    for family, cognome, codice_fiscale in ((first, "Mohamed", cf), (again, "Muhammad", "")):
        Person.objects.filter(pk=_mother(family).pk).update(
            nome="Amina", cognome=cognome, data_nascita=born, codice_fiscale=codice_fiscale, cittadinanza="Egitto",
            lingue="arabo, italiano", mediazione_culturale=True)
    Family.objects.filter(pk=again.pk).update(nome=first.nome)
    # The children as the second comune typed them: the same names and birth dates, no codice fiscale.
    children = [p for p in first.persone.order_by("pk") if p.ruolo != Person.Ruolo.MADRE]
    copies = [p for p in again.persone.order_by("pk") if p.ruolo != Person.Ruolo.MADRE]
    for child, copy in zip(children, copies, strict=False):
        Person.objects.filter(pk=copy.pk).update(
            nome=child.nome, cognome=child.cognome, sesso=child.sesso, data_nascita=child.data_nascita,
            ruolo=child.ruolo, target=child.target, codice_fiscale="")


def _mother(family: Family) -> Person | None:
    return family.persone.filter(ruolo=Person.Ruolo.MADRE).order_by("pk").first()
