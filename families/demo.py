"""The demo's duplicates: one mother registered by two comuni of the ambito, spelled two ways, so that the RT's
list of possible duplicates has a real case to open (seed_demo; see core.demo)."""

from datetime import date

from codicefiscale import codicefiscale

from .models import Family, Person


def add_demo_duplicates(builder) -> None:
    """Amina Mohamed, mother in a family of one équipe, is Amina Muhammad in a family of the other équipe and of
    another comune, without codice fiscale there (as registers often have it): same birth date, same person.
    Two existing mothers are renamed, so that the demo keeps its number of families and persons."""
    families = list(Family.objects.filter(ambito=builder.ambito).order_by("codice").select_related("comune"))
    # Not the first family: its mother has the portal login of the demo's parent.
    first = next((f for f in families[1:] if f.equipe_id == builder.equipe1.pk and _mother(f)), None)
    if first is None:
        return
    second = next((f for f in families[1:] if f.equipe_id == builder.equipe2.pk and f.comune_id != first.comune_id
                   and _mother(f)), None)
    if second is None:
        return
    born = date(builder.anchor.year - 34, 3, 14)
    cf = codicefiscale.encode(lastname="Mohamed", firstname="Amina", gender="F", birthdate=born.strftime("%d/%m/%Y"),
                              birthplace="Egitto")
    builder.used_cf.add(cf)
    for family, cognome, codice_fiscale in ((first, "Mohamed", cf), (second, "Muhammad", "")):
        Person.objects.filter(pk=_mother(family).pk).update(
            nome="Amina", cognome=cognome, data_nascita=born, codice_fiscale=codice_fiscale, cittadinanza="Egitto",
            lingue="arabo, italiano", mediazione_culturale=True)


def _mother(family: Family) -> Person | None:
    return family.persone.filter(ruolo=Person.Ruolo.MADRE).order_by("pk").first()
