"""The merge of two records of one person (families.merging.merge_persons), and "non è la stessa persona"."""

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from common.exceptions import DuplicateSubmission, StaleEdit
from core.testing import (
    EnteFactory,
    FamilyFactory,
    PersonFactory,
    cf_for,
    member,
    submit_mdb,
    today,
)
from families.merging import dismiss_pair, merge_persons
from families.models import Consent, DismissedPair, Family, Person, PersonMerge
from families.selectors import duplicate_candidates
from interventions.models import Intervento
from organisation.models import Membership, Role
from scuola.models import Frequenza

BORN = date(1987, 6, 21)


def errors_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


@pytest.fixture
def twins_of_one(world):
    """The same mother registered twice: in the family of the world and, spelled otherwise, in another comune."""
    mother = PersonFactory(family=world.family, nome="Fatima", cognome="El Amrani", data_nascita=BORN,
                           codice_fiscale=cf_for("El Amrani", "Fatima", "F", BORN), cittadinanza="")
    other_comune = EnteFactory(ambito=world.ambito, nome="Comune di Giussano")
    family = FamilyFactory(ambito=world.ambito, comune=other_comune, equipe=world.equipe,
                           nome="Famiglia Elamrani", codice="SER-00090", motivo_segnalazione="Dal registro di Giussano.")
    copy = PersonFactory(family=family, nome="Fatimah", cognome="Elamrani", data_nascita=BORN, codice_fiscale="",
                         cittadinanza="Marocco", lingue="arabo, francese")
    child = PersonFactory(family=family, nome="Youssef", cognome="Elamrani", sesso="M", ruolo=Person.Ruolo.MINORE,
                          data_nascita=date(today().year - 6, 2, 3))
    return mother, copy, child


def merge(kept, merged, by, **extra):
    return merge_persons(kept=kept, merged=merged, by=by, kept_version=kept.version,
                         merged_version=merged.version, **extra)


def test_it_moves_every_record_of_the_merged_person_onto_the_kept_one(world):
    born = date(today().year - 7, 5, 9)
    a = PersonFactory(family=world.family, nome="Hassan", cognome="Ouahbi", sesso="M", ruolo=Person.Ruolo.MINORE,
                      data_nascita=born, target=True)
    b = PersonFactory(family=world.family, nome="Hasan", cognome="Uahbi", sesso="M", ruolo=Person.Ruolo.MINORE,
                      data_nascita=born, target=True, lingue="arabo")
    consent = Consent.objects.create(family=world.family, person=b, finalita=Consent.Finalita.RETE, data=BORN)
    response = submit_mdb(world.family, b, world.casemanager)
    visit = Intervento.objects.create(family=world.family, ambito=world.ambito, operatore=world.educatore,
                                      data=today(), ora_inizio=time(9), ora_fine=time(10), durata_minuti=60,
                                      persona=b)
    visit.presenti.add(a, b)
    school = EnteFactory(ambito=world.ambito, nome="IC Giussano")
    attendance = Frequenza.objects.create(family=world.family, ambito=world.ambito, person=b, scuola=school,
                                          anno_scolastico="2026/2027", classe="1ª A")

    record = merge(a, b, world.rt, from_merged={"lingue"}, evidence="Nomi simili")

    assert not Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert (a.nome, a.cognome, a.lingue) == ("Hassan", "Ouahbi", "arabo")
    assert Consent.objects.get(pk=consent.pk).person_id == a.pk
    response.refresh_from_db()
    assert response.person_id == a.pk
    visit.refresh_from_db()
    assert visit.persona_id == a.pk and list(visit.presenti.values_list("pk", flat=True)) == [a.pk]
    assert Frequenza.objects.get(pk=attendance.pk).person_id == a.pk
    assert (record.kept_id, record.merged_person_id, record.kept_family_id) == (a.pk, b.pk, world.family.pk)


def test_both_histories_stay_in_the_audit_log_and_the_merge_is_audited_with_both_ids(world):
    a = PersonFactory(family=world.family, nome="Ahmed", cognome="Alaoui", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Ahmad", cognome="Alaoui", sesso="M", data_nascita=BORN)
    before = AuditEntry.objects.count()
    merge(a, b, world.rt)
    assert AuditEntry.objects.filter(object_id=b.pk, content_type__model="person").filter(
        action=AuditEntry.Action.CREATE).exists()  # the history of the record merged away is still there
    assert AuditEntry.objects.filter(object_id=b.pk, content_type__model="person",
                                     action=AuditEntry.Action.DELETE).exists()
    merge_entry = AuditEntry.objects.get(content_type__model="personmerge")
    assert str(a.pk) in str(merge_entry.changes) and str(b.pk) in str(merge_entry.changes)
    assert f"n. {b.pk} è unita alla n. {a.pk}" in merge_entry.reason
    assert AuditEntry.objects.count() > before


def test_it_refuses_to_merge_a_person_with_themselves(world):
    mother = world.family.persone.get(nome="Maria")
    with pytest.raises(ValidationError) as excinfo:
        merge(mother, mother, world.rt)
    assert "con se stessa" in errors_of(excinfo)


def test_it_refuses_to_merge_across_ambiti(world):
    both = member(world.other_ambito, Role.RT, username="rt_due_ambiti")
    Membership.objects.create(user=both, ambito=world.ambito, role=Role.RT)
    mine = world.family.persone.get(nome="Maria")
    theirs = world.other_ambito_family.persone.get()
    with pytest.raises(ValidationError) as excinfo:
        merge(mine, theirs, both)
    assert "ambiti diversi" in errors_of(excinfo)
    assert Person.objects.filter(pk=theirs.pk).exists()


def test_the_rt_of_one_ambito_may_not_touch_another_ambitos_person(world):
    with pytest.raises(PermissionDenied):
        merge(world.family.persone.get(nome="Maria"), world.other_ambito_family.persone.get(), world.rt)


def test_it_refuses_an_educator_and_another_teams_case_manager(world):
    a, b = world.family.persone.order_by("pk")[:2]
    for user in (world.educatore, world.casemanager2):
        with pytest.raises(PermissionDenied):
            merge(a, b, user)
    with pytest.raises(PermissionDenied):  # a family of their équipe with one that is not
        merge(a, world.other_equipe_family.persone.get(), world.casemanager)


def test_two_families_are_merged_only_when_asked_and_it_says_why(world, twins_of_one):
    mother, copy, child = twins_of_one
    with pytest.raises(ValidationError) as excinfo:
        merge(mother, copy, world.rt)
    assert "due famiglie diverse" in errors_of(excinfo) and "Unisci anche le famiglie" in errors_of(excinfo)
    assert Person.objects.filter(pk=copy.pk).exists() and Family.objects.filter(pk=copy.family_id).exists()


def test_it_merges_the_two_families_with_their_members_and_records(world, twins_of_one):
    mother, copy, child = twins_of_one
    old_family = copy.family
    consent = Consent.objects.create(family=old_family, person=copy, finalita=Consent.Finalita.RETE, data=BORN)

    record = merge(mother, copy, world.rt, from_merged={"cittadinanza"}, merge_families=True)

    assert not Family.objects.filter(pk=old_family.pk).exists()
    child.refresh_from_db()
    assert child.family_id == world.family.pk
    consent.refresh_from_db()
    assert (consent.family_id, consent.person_id) == (world.family.pk, mother.pk)
    mother.refresh_from_db()
    assert mother.cittadinanza == "Marocco" and mother.codice_fiscale
    world.family.refresh_from_db()
    assert "Dal registro di Giussano." in world.family.motivo_segnalazione
    assert record.merged_family_id == old_family.pk


def test_it_refuses_values_that_break_the_rules_of_a_person_and_saves_nothing(world):
    a = PersonFactory(family=world.family, nome="Sara", cognome="Conti", data_nascita=BORN,
                      codice_fiscale=cf_for("Conti", "Sara", "F", BORN))
    b = PersonFactory(family=world.family, nome="Sara", cognome="Conti", data_nascita=date(1990, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        merge(a, b, world.rt, from_merged={"data_nascita"})  # the CF says 1987, the chosen date 1990
    assert "non corrisponde alla data di nascita" in errors_of(excinfo)
    assert Person.objects.filter(pk=b.pk).exists()
    assert not PersonMerge.objects.exists()


def test_it_refuses_two_school_years_that_clash_and_changes_nothing(world):
    a = PersonFactory(family=world.family, nome="Luca", cognome="Neri", sesso="M", data_nascita=date(2018, 1, 1),
                      ruolo=Person.Ruolo.MINORE)
    b = PersonFactory(family=world.family, nome="Luca", cognome="Neri", sesso="M", data_nascita=date(2018, 1, 1),
                      ruolo=Person.Ruolo.MINORE)
    school = EnteFactory(ambito=world.ambito, nome="IC Lissone")
    for person in (a, b):
        Frequenza.objects.create(family=world.family, ambito=world.ambito, person=person, scuola=school,
                                 anno_scolastico="2026/2027", classe="2ª B")
    consent_count = Consent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        merge(a, b, world.rt)
    assert "frequenza" in errors_of(excinfo).lower()
    assert Person.objects.filter(pk=b.pk).exists() and Frequenza.objects.filter(person=b).count() == 1
    assert Consent.objects.count() == consent_count


def test_it_refuses_two_portal_accesses(world):
    a = world.family.persone.get(nome="Maria")
    b = PersonFactory(family=world.family, nome="Maria", cognome="Bianchi", user=member(
        world.ambito, Role.FAMIGLIA, username="genitore_bis"))
    with pytest.raises(ValidationError) as excinfo:
        merge(a, b, world.rt)
    assert "accesso al portale" in errors_of(excinfo)


def test_the_portal_access_of_the_merged_record_follows_the_kept_one(world):
    a = PersonFactory(family=world.family, nome="Maria", cognome="Bianchi")
    b = world.family.persone.get(nome="Maria", user__isnull=False)
    merge(a, b, world.rt)
    a.refresh_from_db()
    assert a.user == world.genitore


def test_it_notices_a_record_changed_meanwhile(world):
    a = PersonFactory(family=world.family, nome="Ahmed", cognome="Alaoui", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Ahmad", cognome="Alaoui", sesso="M", data_nascita=BORN)
    Person.objects.filter(pk=b.pk).update(version=b.version + 1, lingue="arabo")
    with pytest.raises(StaleEdit):
        merge(a, b, world.rt)
    assert Person.objects.filter(pk=b.pk).exists()


def test_a_second_submission_of_the_same_merge_is_recognised(world):
    a = PersonFactory(family=world.family, nome="Ahmed", cognome="Alaoui", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Ahmad", cognome="Alaoui", sesso="M", data_nascita=BORN)
    first = merge(a, b, world.rt)
    with pytest.raises(DuplicateSubmission) as excinfo:
        merge(a, b, world.rt)
    assert excinfo.value.existing == first


def test_a_concurrent_merge_of_the_same_record_elsewhere_is_refused_clearly(world):
    a = PersonFactory(family=world.family, nome="Ahmed", cognome="Alaoui", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Ahmad", cognome="Alaoui", sesso="M", data_nascita=BORN)
    c = PersonFactory(family=world.family, nome="Ahmet", cognome="Alaoui", sesso="M", data_nascita=BORN)
    merge(a, b, world.rt)  # someone else, a moment before
    with pytest.raises(ValidationError) as excinfo:
        merge(c, b, world.casemanager)  # the page of the second reviewer still showed b
    assert "Nel frattempo" in errors_of(excinfo)
    assert Person.objects.filter(pk=c.pk).exists()


def test_a_dismissed_pair_does_not_come_back(world):
    a = PersonFactory(family=world.family, nome="Mohamed", cognome="Said", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Muhammad", cognome="Said", sesso="M", data_nascita=BORN)
    assert {(c.a.pk, c.b.pk) for c in duplicate_candidates(world.rt)} == {(a.pk, b.pk)}
    dismiss_pair(a=b, b=a, by=world.casemanager)
    assert duplicate_candidates(world.rt) == []
    with pytest.raises(DuplicateSubmission):
        dismiss_pair(a=a, b=b, by=world.rt)
    assert DismissedPair.objects.count() == 1


def test_a_dismissal_of_the_merged_record_is_carried_to_the_kept_one(world):
    a = PersonFactory(family=world.family, nome="Mohamed", cognome="Said", sesso="M", data_nascita=BORN)
    b = PersonFactory(family=world.family, nome="Mohammed", cognome="Said", sesso="M", data_nascita=BORN)
    c = PersonFactory(family=world.family, nome="Muhammad", cognome="Said", sesso="M", data_nascita=BORN)
    dismiss_pair(a=b, b=c, by=world.rt)
    merge(a, b, world.rt)
    assert duplicate_candidates(world.rt) == []
    assert DismissedPair.objects.filter(person_low=min(a, c, key=lambda p: p.pk)).exists()


def test_dismissing_refuses_the_same_person_and_another_ambito(world):
    mother = world.family.persone.get(nome="Maria")
    with pytest.raises(ValidationError):
        dismiss_pair(a=mother, b=mother, by=world.rt)
    with pytest.raises(PermissionDenied):
        dismiss_pair(a=mother, b=world.other_ambito_family.persone.get(), by=world.rt)


def test_candidates_never_pair_two_ambiti(world):
    PersonFactory(family=world.family, nome="Rita", cognome="Gialli")
    both = member(world.other_ambito, Role.RT, username="rt_di_due")
    Membership.objects.create(user=both, ambito=world.ambito, role=Role.RT)
    assert duplicate_candidates(both) == []
