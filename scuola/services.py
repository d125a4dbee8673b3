"""Writes of the school partnership: validate, write in one transaction, audit-logged."""

import re
import uuid
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from families.models import Family, Person
from interventions.services import check_times
from organisation.models import Ente, EquipeMember, Professione

from . import policies, selectors
from .models import Frequenza, IncontroScuola

YEAR_RE = re.compile(r"^(\d{4})/(\d{4})$")


def current_school_year(today: date) -> str:
    """The school year runs from September to August."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}/{start + 1}"


def _check_school(scuola: Ente | None, family: Family, errors: dict[str, str]) -> None:
    if scuola is None or scuola.ambito_id != family.ambito_id or scuola.tipo != Ente.Tipo.SCUOLA:
        errors["scuola"] = _("Scegli una scuola dell'ambito.")


def _check_frequenza_fields(errors: dict[str, str], *, family: Family, person: Person | None, scuola: Ente | None,
                            anno_scolastico: str, classe: str) -> None:
    """A child of the family, a school of the ambito, a school year like «2026/2027», a class."""
    if person is None or person.family_id != family.pk or person.ruolo != Person.Ruolo.MINORE:
        errors["person"] = _("Scegli un bambino o ragazzo della famiglia.")
    _check_school(scuola, family, errors)
    match = YEAR_RE.match(anno_scolastico)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        errors["anno_scolastico"] = _("Scrivi l'anno scolastico come «2026/2027».")
    if not classe:
        errors["classe"] = _("Indica la classe e la sezione.")


def _check_teacher(errors: dict[str, str], *, family: Family, insegnante: User | None,
                   add_teacher_to_equipe: bool) -> None:
    """A teacher of the ambito; to seat them in the équipe, a teacher and an équipe."""
    if insegnante is not None and not selectors.is_ambito_teacher(insegnante, family):
        errors["insegnante"] = _("Scegli un insegnante registrato nell'ambito.")
    if add_teacher_to_equipe and insegnante is None:
        errors["add_teacher_to_equipe"] = _("Scegli l'insegnante da inserire nell'équipe.")
    if add_teacher_to_equipe and family.equipe_id is None:
        errors["add_teacher_to_equipe"] = _("La famiglia non ha ancora un'équipe.")


def frequenza_save(*, family: Family, by: User, person: Person, scuola: Ente, anno_scolastico: str, classe: str,
                   insegnante: User | None = None, insegnante_nome: str = "", add_teacher_to_equipe: bool = False,
                   frequenza: Frequenza | None = None, version: int | None = None) -> Frequenza:
    """Record (or correct) the school a child attends in a year; optionally seat the teacher in the équipe."""
    if not policies.can_edit_school(by, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale indicano la scuola."))
    anno_scolastico, classe = (anno_scolastico or "").strip(), (classe or "").strip()
    errors: dict[str, str] = {}
    _check_frequenza_fields(errors, family=family, person=person, scuola=scuola, anno_scolastico=anno_scolastico,
                            classe=classe)
    _check_teacher(errors, family=family, insegnante=insegnante, add_teacher_to_equipe=add_teacher_to_equipe)
    if errors:
        raise ValidationError(errors)
    duplicate = Frequenza.objects.filter(person=person, anno_scolastico=anno_scolastico)
    if frequenza is not None:
        duplicate = duplicate.exclude(pk=frequenza.pk)
    if duplicate.exists():
        raise ValidationError({"anno_scolastico": _("Per questo anno scolastico la scuola di %(nome)s è già "
                                                    "indicata: correggi quella.") % {"nome": person.nome}})
    fields = {"person": person, "scuola": scuola, "anno_scolastico": anno_scolastico, "classe": classe,
              "insegnante": insegnante, "insegnante_nome": "" if insegnante else insegnante_nome.strip()}
    with transaction.atomic(), audit_reason(_("Scuola frequentata da un bambino della famiglia")):
        if frequenza is None:
            frequenza = Frequenza.objects.create(family=family, ambito_id=family.ambito_id, created_by=by, **fields)
        else:
            current = Frequenza.objects.select_for_update().get(pk=frequenza.pk)
            if current.version != version:
                raise StaleEdit(current)
            for field, value in fields.items():
                setattr(current, field, value)
            current.version += 1
            current.save()
            frequenza = current
        # (validated above: with add_teacher_to_equipe there are a teacher and an équipe)
        if (add_teacher_to_equipe and insegnante is not None and family.equipe is not None
                and not selectors.teacher_is_member(insegnante, family)):
            # The teacher joins with the restricted view (organisation.scope.RESTRICTED_PROFESSIONS).
            EquipeMember.objects.create(equipe=family.equipe, user=insegnante, professione=Professione.INSEGNANTE,
                                        ente=scuola)
    return frequenza


def incontro_scuola_create(*, family: Family, by: User, scuola: Ente, data: date, ora_inizio: time | None,
                           ora_fine: time | None, tema: str, partecipanti: str = "", esito: str = "",
                           prossimi_passi: str = "", creation_token: uuid.UUID | None = None) -> IncontroScuola:
    if not policies.can_record_meeting(by, family):
        raise PermissionDenied(_("Registrano gli incontri con la scuola gli operatori dell'équipe della famiglia."))
    if creation_token is not None:
        existing = IncontroScuola.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    errors: dict[str, str] = {}
    _check_school(scuola, family, errors)
    try:
        minutes = check_times(ora_inizio, ora_fine)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
        minutes = 0
    if data is None:
        errors["data"] = _("Indica la data dell'incontro.")
    elif data < family.data_segnalazione:
        errors["data"] = _("L'incontro non può essere precedente alla segnalazione della famiglia (%(d)s).") % {
            "d": family.data_segnalazione.strftime("%d/%m/%Y")}
    if not (tema or "").strip():
        errors["tema"] = _("Indica il tema dell'incontro.")
    if errors or ora_inizio is None or ora_fine is None:  # missing times are in `errors` already
        raise ValidationError(errors)
    del minutes  # the duration is checked; meetings with the school are not counted in the budget's hours
    try:
        with transaction.atomic(), audit_reason(_("Incontro con la scuola")):
            return IncontroScuola.objects.create(
                family=family, ambito_id=family.ambito_id, scuola=scuola, data=data, ora_inizio=ora_inizio,
                ora_fine=ora_fine, tema=tema.strip(), partecipanti=partecipanti.strip(), esito=esito.strip(),
                prossimi_passi=prossimi_passi.strip(), created_by=by, creation_token=creation_token)
    except IntegrityError:
        existing = IncontroScuola.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


def incontro_scuola_esito(*, incontro: IncontroScuola, by: User, version: int, esito: str,
                          prossimi_passi: str = "") -> IncontroScuola:
    """Record the outcome of a meeting, once it has taken place."""
    if not policies.can_record_meeting(by, incontro.family):
        raise PermissionDenied(_("Registrano gli incontri con la scuola gli operatori dell'équipe della famiglia."))
    if incontro.data > timezone.localdate():
        raise ValidationError({"esito": _("L'incontro non si è ancora svolto: l'esito si registra dopo.")})
    if not (esito or "").strip():
        raise ValidationError({"esito": _("Scrivi com'è andato l'incontro.")})
    with transaction.atomic(), audit_reason(_("Esito di un incontro con la scuola")):
        current = IncontroScuola.objects.select_for_update().get(pk=incontro.pk)
        if current.version != version:
            raise StaleEdit(current)
        current.esito, current.prossimi_passi = esito.strip(), (prossimi_passi or "").strip()
        current.version += 1
        current.save()
    return current
