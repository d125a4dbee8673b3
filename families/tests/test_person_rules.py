from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from core.testing import cf_for, today
from families.models import Family, Person
from families.services import PersonData, family_create, person_add, person_update


def data(**overrides) -> PersonData:
    values = {"cognome": "Rossi", "nome": "Anna", "sesso": "F", "ruolo": Person.Ruolo.MADRE,
              "data_nascita": date(1988, 3, 12)}
    values.update(overrides)
    return PersonData(**values)


def errors_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def test_a_person_without_codice_fiscale_is_allowed(world):
    person = person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=""))
    assert person.pk and person.codice_fiscale == ""


def test_a_valid_codice_fiscale_is_normalised_and_kept(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    person = person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=f" {cf.lower()} "))
    assert person.codice_fiscale == cf


@pytest.mark.parametrize("bad", ["RSSNNA88C52I625", "RSSNNA88C52I625Z", "1234567890123456", "ABCDEFGHIJKLMNOP"])
def test_an_invalid_codice_fiscale_is_refused(world, bad):
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=bad))
    assert "non è valido" in errors_of(excinfo)
    assert not Person.objects.filter(nome="Anna").exists()


def test_a_codice_fiscale_of_another_birth_date_is_refused(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf, data_nascita=date(1988, 3, 13)))
    assert "non corrisponde alla data di nascita" in errors_of(excinfo)


def test_a_codice_fiscale_of_the_other_sex_is_refused(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf, sesso="M", ruolo="padre"))
    assert "sesso" in errors_of(excinfo)


def test_a_duplicate_codice_fiscale_in_the_ambito_is_refused(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf))
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf))
    assert "già registrato" in errors_of(excinfo)
    assert Person.objects.filter(codice_fiscale=cf).count() == 1


def test_the_same_codice_fiscale_may_exist_in_another_ambito(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf))
    person_add(family=world.other_ambito_family, by=world.rt_altro, data=data(codice_fiscale=cf))
    assert Person.objects.filter(codice_fiscale=cf).count() == 2


def test_a_birth_date_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(data_nascita=today() + timedelta(days=1)))
    assert "futuro" in errors_of(excinfo)


def test_a_target_child_older_than_the_programme_allows_is_refused(world):
    born = date(today().year - 16, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager,
                   data=data(nome="Paolo", sesso="M", ruolo=Person.Ruolo.MINORE, data_nascita=born, target=True))
    assert "fino a 14 anni" in errors_of(excinfo)


def test_a_fourteen_year_old_target_is_accepted(world):
    born = date(today().year - 14, 1, 1) if today() >= date(today().year, 1, 1) else None
    person = person_add(family=world.family, by=world.casemanager,
                        data=data(nome="Paolo", sesso="M", ruolo=Person.Ruolo.MINORE, data_nascita=born, target=True))
    assert person.target


def test_only_a_minor_child_can_be_target(world):
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(target=True))
    assert "Solo un figlio" in errors_of(excinfo)


def test_a_target_child_needs_a_birth_date(world):
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager,
                   data=data(ruolo=Person.Ruolo.MINORE, data_nascita=None, target=True))
    assert "obbligatoria" in errors_of(excinfo)


def test_an_adult_cannot_be_a_minor_child(world):
    with pytest.raises(ValidationError) as excinfo:
        person_add(family=world.family, by=world.casemanager, data=data(ruolo=Person.Ruolo.MINORE))
    assert "18 anni" in errors_of(excinfo)


def test_update_keeps_the_persons_own_codice_fiscale(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    person = person_add(family=world.family, by=world.casemanager, data=data(codice_fiscale=cf))
    updated = person_update(person=person, by=world.casemanager, version=person.version,
                            data=data(codice_fiscale=cf, lingue="italiano, inglese"))
    assert updated.lingue == "italiano, inglese" and updated.version == person.version + 1


def test_family_create_is_all_or_nothing(world):
    before = (Family.objects.count(), Person.objects.count())
    with pytest.raises(ValidationError):
        family_create(by=world.casemanager, ambito=world.ambito, nome="Famiglia Esposito", comune=world.comune,
                      people=[data(nome="Giulia"), data(nome="Ugo", codice_fiscale="NONVALIDO")])
    assert (Family.objects.count(), Person.objects.count()) == before


def test_family_create_refuses_a_comune_of_another_ambito(world):
    with pytest.raises(ValidationError) as excinfo:
        family_create(by=world.casemanager, ambito=world.ambito, nome="Famiglia Esposito",
                      comune=world.other_ambito_family.comune, people=[data()])
    assert "comune dell'ambito" in errors_of(excinfo)


def test_family_create_refuses_the_same_codice_fiscale_twice_in_one_form(world):
    cf = cf_for("Rossi", "Anna", "F", date(1988, 3, 12))
    with pytest.raises(ValidationError) as excinfo:
        family_create(by=world.casemanager, ambito=world.ambito, nome="Famiglia Rossi", comune=world.comune,
                      people=[data(codice_fiscale=cf), data(codice_fiscale=cf)])
    assert "due volte" in errors_of(excinfo)


def test_families_are_numbered_within_the_ambito(world):
    first = family_create(by=world.casemanager, ambito=world.ambito, nome="Famiglia A", comune=world.comune,
                          people=[data()])
    second = family_create(by=world.casemanager, ambito=world.ambito, nome="Famiglia B", comune=world.comune,
                           people=[data(nome="Bea")])
    assert first.codice.startswith("SER-") and int(second.codice[-5:]) == int(first.codice[-5:]) + 1
