"""REST API v1, second part: persons, activities (visits and sessions) and referrals.

Same rules as the UI: the family through families.selectors (404 outside the scope), writes through the
services (403 for a forbidden action, 400 with Italian messages for bad input), every read audit-logged.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from audit.services import log_list_view, log_view
from families import selectors as family_selectors
from families import services as family_services
from families.models import Person
from families.sensitivity import can_see_sensitive
from interventions import selectors as iv_selectors
from interventions import services as iv_services
from interventions.models import Intervento, Luogo, Servizio
from network import selectors as network_selectors
from network.models import Referral

from .serializers import PersonInputSerializer, PersonSerializer
from .views import _person_data, validation_payload


class ActivitySerializer(serializers.ModelSerializer):
    operatore = serializers.StringRelatedField()
    ente = serializers.StringRelatedField()
    presenti = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Intervento
        fields = ["id", "data", "ora_inizio", "ora_fine", "durata_minuti", "servizio", "ruolo", "luogo", "operatore",
                  "ente", "presenti", "persona", "attivita", "note_equipe"]


class ActivityInputSerializer(serializers.Serializer):
    data = serializers.DateField()
    ora_inizio = serializers.TimeField()
    ora_fine = serializers.TimeField()
    servizio = serializers.ChoiceField(choices=Servizio.choices, default=Servizio.EDUCATIVA)
    luogo = serializers.ChoiceField(choices=Luogo.choices, default=Luogo.CASA)
    presenti = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    attivita = serializers.CharField(required=False, allow_blank=True, default="")
    note_equipe = serializers.CharField(required=False, allow_blank=True, default="")
    creation_token = serializers.UUIDField(required=False, allow_null=True, default=None)


class ReferralSerializer(serializers.ModelSerializer):
    servizio = serializers.CharField(source="service.nome")

    class Meta:
        model = Referral
        fields = ["id", "intake", "area", "servizio", "data_invio", "follow_up_il", "stato", "stato_dal"]


class FamilyPersons(APIView):
    @extend_schema(responses=PersonSerializer(many=True))
    def get(self, request, pk: int):
        family = family_selectors.get_family_for(request.user, pk)
        log_view(user=request.user, obj=family, reason=_("Componenti (API)"))
        context = {"can_see_sensitive": can_see_sensitive(request.user, family)}
        return ApiResponse(PersonSerializer(family_selectors.family_members(family), many=True, context=context).data)

    @extend_schema(request=PersonInputSerializer, responses={201: PersonSerializer})
    def post(self, request, pk: int):
        """Add a member to the family (case manager, RT), with the same checks as the UI (codice fiscale...)."""
        family = family_selectors.get_family_for(request.user, pk)
        if not family_selectors.can_change_family(request.user, family):
            raise PermissionDenied(_("Non puoi modificare questa famiglia: chiedi al case manager."))
        payload = PersonInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        token = request.data.get("creation_token") or None
        try:
            person = family_services.person_add(family=family, by=request.user, data=_person_data(data),
                                                creation_token=token)
        except family_services.DuplicateSubmission as duplicate:
            return ApiResponse(PersonSerializer(duplicate.existing).data, status=status.HTTP_200_OK)
        except ValidationError as error:
            payload = validation_payload(error)
            # The service names a person's fields "0:codice_fiscale" (its index in a family's list): one here.
            payload["errors"] = {key.split(":", 1)[-1]: value for key, value in payload["errors"].items()}
            return ApiResponse(payload, status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class FamilyActivities(APIView):
    @extend_schema(responses=ActivitySerializer(many=True))
    def get(self, request, pk: int):
        """The family's visits and sessions, newest first (teachers: without the narrative)."""
        family = family_selectors.get_family_for(request.user, pk)
        visits = list(iv_selectors.visits_of_family(family)[:500])
        log_list_view(user=request.user, model=Intervento, object_ids=[v.pk for v in visits],
                      description=_("Interventi della famiglia (API)"), ambito_id=family.ambito_id)
        rows = ActivitySerializer(visits, many=True).data
        if not family_selectors.can_see_case_notes(request.user, family):
            for row in rows:
                row["attivita"] = row["note_equipe"] = None
        return ApiResponse(rows)

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivitySerializer})
    def post(self, request, pk: int):
        """Log a visit as the caller (an operator of the équipe, the case manager, the RT)."""
        family = family_selectors.get_family_for(request.user, pk)
        if not iv_selectors.can_log_visit(request.user, family):
            raise PermissionDenied(_("Puoi registrare interventi solo con le famiglie della tua équipe."))
        payload = ActivityInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        people = list(Person.objects.filter(family=family, pk__in=data.pop("presenti")))
        try:
            visit = iv_services.intervento_create(family=family, by=request.user, presenti=people, **data)
        except iv_services.DuplicateSubmission as duplicate:
            return ApiResponse(ActivitySerializer(duplicate.existing).data, status=status.HTTP_200_OK)
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from None
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse(ActivitySerializer(visit).data, status=status.HTTP_201_CREATED)


class ReferralList(APIView):
    @extend_schema(responses=ReferralSerializer(many=True))
    def get(self, request):
        """The referrals the caller follows or receives (no names: the intake is an id)."""
        if not network_selectors.sees_referrals(request.user):
            raise PermissionDenied(_("Il tuo ruolo non prevede l'accesso agli invii."))
        referrals = list(network_selectors.referral_list(request.user, stato=request.query_params.get("stato", ""))
                         [:500])
        log_list_view(user=request.user, model=Referral, object_ids=[r.pk for r in referrals],
                      description=_("Invii (API)"))
        return ApiResponse(ReferralSerializer(referrals, many=True).data)


class ReferralStatusSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=Referral.Stato.choices)
    expected_state = serializers.ChoiceField(choices=Referral.Stato.choices, required=False, allow_null=True)
    nota = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up_il = serializers.DateField(required=False, allow_null=True)


class ReferralStatus(APIView):
    @extend_schema(request=ReferralStatusSerializer, responses=ReferralSerializer)
    def post(self, request, pk: int):
        """Move a referral on (the tutor, the RT, the receiving service), as in the UI."""
        from network import services as network_services

        referral = network_selectors.get_referral_for(request.user, pk)
        payload = ReferralStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            referral = network_services.referral_update_status(referral=referral, by=request.user,
                                                               **payload.validated_data)
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from None
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse(ReferralSerializer(referral).data)


class ActionStatusSerializer(serializers.Serializer):
    stato = serializers.CharField()
    version = serializers.IntegerField(help_text="la versione del Progetto Quadro letta con GET .../plan/")


class PlanActionStatus(APIView):
    @extend_schema(request=ActionStatusSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk: int, action_pk: int):
        """Update an action's state (done, not done...), also on an agreed plan; the plan's version guards
        against concurrent edits (409)."""
        from plans import services as plan_services
        from plans.models import Azione
        from plans.selectors import current_plan

        family = family_selectors.get_family_for(request.user, pk)
        plan = current_plan(family)
        action = Azione.objects.filter(pk=action_pk, risultato__progetto=plan).first() if plan else None
        if action is None:
            raise Http404(_("Azione non trovata."))
        from plans.selectors import can_write_plan

        if not can_write_plan(request.user, family):
            raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale aggiornano il "
                                     "Progetto Quadro."))
        payload = ActionStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = plan_services.ActionData(**{f: getattr(action, f) for f in plan_services.ACTION_FIELDS
                                           if f not in ("stato", "dispositivi")},
                                        dispositivi=tuple(action.dispositivi), stato=payload.validated_data["stato"])
        try:
            action = plan_services.azione_update(azione=action, by=request.user,
                                                 version=payload.validated_data["version"], data=data)
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from None
        except plan_services.StaleEdit as stale:
            return ApiResponse({"errors": {"version": [_("Nel frattempo il progetto è cambiato: rileggilo "
                                                         "(versione %(v)s) e riprova.") % {"v": stale.current.version}]}},
                               status=status.HTTP_409_CONFLICT)
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse({"id": action.pk, "stato": action.stato})


class GoalInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="la versione del Progetto Quadro letta con GET .../plan/")
    sottodimensione = serializers.CharField()
    descrizione = serializers.CharField()
    data_prevista = serializers.DateField(required=False, allow_null=True)
    azioni = serializers.ListField(child=serializers.DictField(), required=False, default=list,
                                   help_text="azioni: descrizione, responsabile_tipo, data_inizio, data_fine, "
                                             "dispositivi")
    creation_token = serializers.UUIDField(required=False, allow_null=True, default=None)


class PlanGoals(APIView):
    @extend_schema(request=GoalInputSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        """Add an expected outcome with its actions to the plan being written (case manager, RT); all or
        nothing; an agreed plan refuses it (start a new version in the UI)."""
        from datetime import date

        from plans import services as plan_services
        from plans.selectors import can_write_plan, current_plan

        family = family_selectors.get_family_for(request.user, pk)
        if not can_write_plan(request.user, family):
            raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale scrivono il "
                                     "Progetto Quadro."))
        plan = current_plan(family)
        if plan is None:
            raise Http404(_("Questa famiglia non ha ancora un Progetto Quadro."))
        payload = GoalInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data

        def day(value):
            return date.fromisoformat(value) if value else None

        try:
            with transaction.atomic():
                goal = plan_services.risultato_add(
                    progetto=plan, by=request.user, version=data["version"], sottodimensione=data["sottodimensione"],
                    descrizione=data["descrizione"], data_prevista=data.get("data_prevista"),
                    creation_token=data["creation_token"])
                for raw in data["azioni"]:
                    plan.refresh_from_db()
                    plan_services.azione_add(risultato=goal, by=request.user, version=plan.version,
                                             data=plan_services.ActionData(
                                                 descrizione=str(raw.get("descrizione", "")),
                                                 responsabile_tipo=str(raw.get("responsabile_tipo", "")),
                                                 responsabile_testo=str(raw.get("responsabile_testo", "")),
                                                 data_inizio=day(raw.get("data_inizio")),
                                                 data_fine=day(raw.get("data_fine")),
                                                 dispositivi=tuple(raw.get("dispositivi") or ())))
        except plan_services.DuplicateSubmission as duplicate:
            return ApiResponse({"id": duplicate.existing.pk}, status=status.HTTP_200_OK)
        except plan_services.StaleEdit as stale:
            return ApiResponse({"errors": {"version": [_("Nel frattempo il progetto è cambiato: rileggilo "
                                                         "(versione %(v)s) e riprova.") % {"v": stale.current.version}]}},
                               status=status.HTTP_409_CONFLICT)
        except (ValidationError, ValueError) as error:
            payload = validation_payload(error) if isinstance(error, ValidationError) else {
                "errors": {"azioni": [_("Le date delle azioni vanno scritte come AAAA-MM-GG.")]}}
            return ApiResponse(payload, status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse({"id": goal.pk, "azioni": list(goal.azioni.values_list("pk", flat=True))},
                           status=status.HTTP_201_CREATED)
