"""Writes of the family portal: invitations and accounts, language, messages, the family's answer to the plan
(through plans.services) and the family's own view (through assessments.services), translated summaries.

Messages meant for the family member are gettext strings: the portal activates the member's language, so
they read them in their language. Staff-facing messages are Italian as everywhere in Trama.
"""

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from assessments import services as assessment_services
from assessments.models import Perspective, Response
from assessments.selectors import current_instrument_version
from audit.context import audit_reason
from common.exceptions import StaleEdit
from families.models import Family, Person, Stato
from organisation.models import Membership, Role
from plans import services as plan_services
from plans.models import Accordo
from plans.selectors import current_plan, is_adult
from quality.models import Survey, SurveyResponse
from quality.services import record_answer

from . import selectors
from .models import (
    MESSAGE_MAX_LENGTH,
    PORTAL_LANGUAGE_CODES,
    Invitation,
    Message,
    PlanSummary,
    PortalProfile,
    Promemoria,
    QuestionarioCompilato,
)
from .policies import can_be_invited, can_manage_portal
from .selectors import member_for

INVITATION_DAYS = 7


class InvitationProblem(Exception):
    """Why an invitation link cannot be used: "unknown", "used" or "expired"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, family: Family, person: Person, by: User, language: str = "it",
                      days: int = INVITATION_DAYS) -> tuple[Invitation, str]:
    """A one-time link for `person`. Returns the invitation and the token, which is never stored (only its
    hash): the case manager sees the link once. Earlier open links for the same person stop working."""
    if not can_manage_portal(by, family):
        raise PermissionDenied("Solo il case manager dell'équipe o il Referente Territoriale invitano al portale.")
    errors: dict[str, list[str]] = {}
    if person is None or person.family_id != family.pk:
        errors["person"] = ["Scegli un componente di questa famiglia."]
    elif person.user_id is not None:
        errors["person"] = [f"{person} ha già un accesso al portale."]
    elif not can_be_invited(person):
        errors["person"] = ["Si invitano gli adulti e i ragazzi di almeno 14 anni (serve la data di nascita)."]
    if language not in PORTAL_LANGUAGE_CODES:
        errors["language"] = ["Scegli una lingua dall'elenco."]
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic(), audit_reason("Invito al portale della famiglia"):
        Invitation.objects.filter(person=person, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        invitation = Invitation.objects.create(family=family, person=person, token_hash=hash_token(token),
                                               language=language, created_by=by, created_at=now,
                                               expires_at=now + timedelta(days=days))
    return invitation, token


def invitation_check(token: str) -> Invitation:
    invitation = (Invitation.objects.select_related("person", "family").filter(token_hash=hash_token(token or ""))
                  .first())
    if invitation is None:
        raise InvitationProblem("unknown")
    if invitation.used_at is not None:
        raise InvitationProblem("used")
    if invitation.is_expired:
        raise InvitationProblem("expired")
    return invitation


def username_for(person: Person) -> str:
    parts = [slugify(part).replace("-", "") for part in (person.nome, person.cognome)]
    base = ".".join(p for p in parts if p)[:24] or "famiglia"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def invitation_accept(*, token: str, password1: str, password2: str, language: str = "it") -> User:
    """The member opens their account: a user with the famiglia role in the family's ambito, linked to their
    person. The link works once."""
    invitation = invitation_check(token)
    person = invitation.person
    if password1 != password2:
        raise ValidationError({"password2": [_("Le due password non sono uguali. Scrivile di nuovo.")]})
    username = username_for(person)
    probe = User(username=username, first_name=person.nome, last_name=person.cognome)
    validate_password(password1, user=probe)  # Django's messages, in the member's language
    language = language if language in PORTAL_LANGUAGE_CODES else invitation.language
    with transaction.atomic(), audit_reason("Attivazione dell'accesso al portale della famiglia"):
        current = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
        if current.used_at is not None:
            raise InvitationProblem("used")
        if current.is_expired:
            raise InvitationProblem("expired")
        locked = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
        if locked.user_id is not None:
            raise InvitationProblem("used")
        try:
            with transaction.atomic():
                user = User.objects.create_user(username=username, password=password1, first_name=person.nome,
                                                last_name=person.cognome)
        except IntegrityError:
            user = User.objects.create_user(username=f"{username}{secrets.randbelow(9000) + 1000}",
                                            password=password1, first_name=person.nome, last_name=person.cognome)
        Membership.objects.create(user=user, ambito_id=locked.ambito_id, role=Role.FAMIGLIA)
        locked.user = user
        locked.save(update_fields=["user", "updated_at"])
        PortalProfile.objects.create(user=user, language=language)
        current.used_at = timezone.now()
        current.save(update_fields=["used_at"])
    return user


def language_set(*, user: User, language: str) -> PortalProfile:
    if language not in PORTAL_LANGUAGE_CODES:
        raise ValidationError({"language": [_("Questa lingua non è disponibile.")]})
    profile, _created = PortalProfile.objects.get_or_create(user=user, defaults={"language": language})
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language", "updated_at"])
    return profile


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Scrivi il messaggio.")]})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError({"text": [_("Il messaggio è troppo lungo: al massimo %(max)s caratteri, ne hai scritti "
                                          "%(n)s. Accorcialo o dividilo in due messaggi.")
                                        % {"max": MESSAGE_MAX_LENGTH, "n": len(text)}]})
    return text


def message_send(*, family: Family, by: User, text: str) -> Message:
    """A message from the family member (own family only) or from the case manager / RT."""
    text = _clean_text(text)
    person = Person.objects.filter(user=by, family=family).first() if getattr(by, "pk", None) else None
    if person is not None:
        member_for(by)  # still an active member of this family
        from_family, reason = True, "Messaggio della famiglia dal portale"
    elif can_manage_portal(by, family):
        from_family, reason = False, "Messaggio del case manager alla famiglia"
    else:
        raise PermissionDenied(_("Non puoi scrivere in questa conversazione."))
    with transaction.atomic(), audit_reason(reason):
        return Message.objects.create(family=family, author=by, from_family=from_family, text=text)


def messages_mark_read(*, family: Family, by: User) -> int:
    """Mark as read the messages written by the other side."""
    from_family = Person.objects.filter(user=by, family=family).exists()
    if not from_family and not can_manage_portal(by, family):
        return 0
    return Message.objects.filter(family=family, from_family=not from_family, read_at__isnull=True).update(
        read_at=timezone.now())


def plan_answer(*, user: User, version: int, esito: str, commento: str = "") -> Accordo:
    """The member agrees to the plan in force or asks for changes: an Accordo in the plan's history, recorded
    by the member through the portal."""
    member = member_for(user)
    plan = current_plan(member.family)
    if plan is None:
        raise ValidationError(_("Il progetto non è ancora pronto."))
    if not is_adult(member.person, timezone.localdate()):
        raise PermissionDenied(_("L'accordo sul progetto lo danno i genitori e gli altri adulti della famiglia."))
    if esito == Accordo.Esito.MODIFICHE and not commento.strip():
        raise ValidationError({"commento": [_("Scrivi che cosa vorresti cambiare.")]})
    if len(commento) > MESSAGE_MAX_LENGTH:
        raise ValidationError({"commento": [_("Il testo è troppo lungo: al massimo %(max)s caratteri.")
                                            % {"max": MESSAGE_MAX_LENGTH}]})
    try:
        return plan_services.accordo_record(progetto=plan, by=user, version=version, persona=member.person,
                                            data=timezone.localdate(), esito=esito, commento=commento,
                                            via_portal=True)
    except StaleEdit as stale:
        raise ValidationError(_("Il progetto è cambiato mentre lo leggevi: rileggilo e rispondi di nuovo.")) from stale
    except ValidationError as error:
        # The plans service speaks to the équipe; the member gets a plain message in their language.
        if esito == Accordo.Esito.CONCORDA:
            raise ValidationError(_("Il progetto non è ancora completo: parlane con il tuo case manager.")) from error
        raise


VIEW_ITEMS = ("bambino_bene", "bambino_preoccupa", "risposte_bene", "risposte_preoccupa", "ambiente_bene",
              "ambiente_preoccupa")
VIEW_MAX_LENGTH = 2000


def family_time_point(family: Family) -> str:
    if family.stato == Stato.T1:
        return "T1"
    if family.stato in (Stato.T2, Stato.CHIUSA):
        return "T2"
    return "T0"


def family_view_submit(*, user: User, values: dict[str, str]) -> Response:
    """The family's own view (what goes well, what worries us, per side of Il Mondo del Bambino), stored as an
    assessment from the family's perspective at the family's current time point, beside the équipe's.
    A second answer at the same time point is a correction of the first: both stay in the record."""
    member = member_for(user)
    family = member.family
    cleaned = {code: (values.get(code) or "").strip() for code in VIEW_ITEMS}
    if not any(cleaned.values()):
        raise ValidationError(_("Scrivi almeno una risposta."))
    too_long = [code for code, text in cleaned.items() if len(text) > VIEW_MAX_LENGTH]
    if too_long:
        raise ValidationError({code: [_("Al massimo %(max)s caratteri.") % {"max": VIEW_MAX_LENGTH}]
                               for code in too_long})
    version = current_instrument_version("voce_famiglia")
    time_point = family_time_point(family)
    previous = {"T1": "T0", "T2": "T1"}.get(time_point)
    ours = Response.objects.filter(family=family, perspective=Perspective.FAMIGLIA,
                                   instrument_version__instrument__code="voce_famiglia")
    if previous and not ours.filter(time_point=previous, status=Response.Status.SUBMITTED).exists():
        time_point = "data"
    current = None
    if time_point != "data":
        current = ours.filter(time_point=time_point, status__in=[Response.Status.DRAFT, Response.Status.SUBMITTED]) \
            .order_by("-created_at").first()
    if current is not None and current.status == Response.Status.SUBMITTED:
        draft = ours.filter(supersedes=current, status=Response.Status.DRAFT).first()
        current = draft or assessment_services.response_correct(response=current, by=user)
    if current is None:
        assert version is not None, "voce_famiglia is a shipped instrument, published at start-up"  # noqa: S101
        current = assessment_services.response_start(version=version, family=family, by=user, time_point=time_point,
                                                     perspective=Perspective.FAMIGLIA)
    current = assessment_services.response_save(response=current, by=user, version=current.version, values=cleaned)
    return assessment_services.response_submit(response=current, by=user)


def summary_save(*, family: Family, by: User, language: str, text: str) -> PlanSummary | None:
    """The case manager writes (or clears, with an empty text) the plan's summary in one language."""
    if not can_manage_portal(by, family):
        raise PermissionDenied("Solo il case manager dell'équipe o il Referente Territoriale scrivono la sintesi.")
    plan = current_plan(family)
    if plan is None:
        raise ValidationError("La famiglia non ha ancora un Progetto Quadro.")
    if language not in PORTAL_LANGUAGE_CODES:
        raise ValidationError({"language": ["Scegli una lingua dall'elenco."]})
    text = (text or "").strip()
    if len(text) > 4000:
        raise ValidationError({"text": ["La sintesi è troppo lunga: al massimo 4000 caratteri."]})
    with transaction.atomic(), audit_reason("Sintesi tradotta del Progetto Quadro per la famiglia"):
        existing = PlanSummary.objects.filter(progetto=plan, language=language).first()
        if not text:
            if existing is not None:
                existing.delete()
            return None
        if existing is None:
            return PlanSummary.objects.create(progetto=plan, language=language, text=text, updated_by=by)
        existing.text, existing.updated_by = text, by
        existing.save()
        return existing


def reminders_send(*, today: date | None = None, days: int | None = None) -> int:
    """E-mail each family member with portal access a reminder of the meetings in the next `days` days.

    In the member's language; once per meeting and member (Promemoria); members without an e-mail
    address are skipped (they see the reminder on the portal's first page). Returns how many were sent.
    """
    today = today or timezone.localdate()
    days = settings.PORTAL_REMINDER_DAYS if days is None else days
    members = (Person.objects.filter(user__isnull=False, user__is_active=True).exclude(user__email="")
               .select_related("user", "family", "user__portal_profile"))
    sent = 0
    for person in members:
        language = getattr(getattr(person.user, "portal_profile", None), "language", "it")
        with translation.override(language):
            upcoming = [a for a in selectors.appointments_for(person.family, today=today)
                        if a.is_meeting and a.day <= today + timedelta(days=days)]
            done = set(Promemoria.objects.filter(user=person.user, appointment_key__in=[a.key for a in upcoming])
                       .values_list("appointment_key", flat=True))
            for appointment in upcoming:
                if appointment.key in done:
                    continue
                with transaction.atomic():
                    _record, created = Promemoria.objects.get_or_create(
                        user=person.user, appointment_key=appointment.key,
                        defaults={"day": appointment.day, "language": language})
                    if not created:
                        continue
                    context = {"person": person, "a": appointment}
                    send_mail(render_to_string("portal/reminder_subject.txt", context).strip(),
                              render_to_string("portal/reminder_email.txt", context),
                              None, [person.user.email])  # type: ignore[union-attr]  # user__isnull=False
                sent += 1
    return sent


class AlreadyAnswered(Exception):  # noqa: N818 - a signal for the view
    pass


def questionnaire_answer(*, user: User, survey: Survey, values: dict[str, Any], language: str) -> SurveyResponse:
    """Store the member's anonymous answer and, apart, that they answered: both or neither."""
    member = member_for(user)
    if survey.ambito_id != member.family.ambito_id or survey.destinatari != "famiglie":
        raise PermissionDenied
    try:
        with transaction.atomic():
            QuestionarioCompilato.objects.create(user=user, survey=survey, giorno=timezone.localdate())
            return record_answer(survey=survey, values=values, language=language)
    except IntegrityError:
        raise AlreadyAnswered from None
