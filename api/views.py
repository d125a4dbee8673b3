"""REST API v1. Every object is reached through the same scoped selectors as the UI: outside one's scope
the answer is 404, a forbidden action on a visible family is 403, invalid input is 400 with Italian messages."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from assessments.selectors import responses_visible_to
from audit.services import log_list_view, log_view
from families import selectors, services
from families.models import Family
from families.sensitivity import can_see_sensitive
from organisation.models import Ente, Equipe, Implementazione
from organisation.scope import get_scope
from organisation.selectors import ambito_for_new_family

from . import serializers


def validation_payload(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {"errors": error.message_dict}
    return {"errors": {"non_field_errors": error.messages}}


class FamilyList(generics.ListAPIView):
    """The families the caller may see (the same list as the UI's)."""

    serializer_class = serializers.FamilyListSerializer

    def get_queryset(self):
        if not get_scope(self.request.user).is_staff_of_cases:
            raise PermissionDenied(_("Il tuo ruolo non prevede l'accesso alle schede delle famiglie."))
        return selectors.family_list(self.request.user, q=self.request.query_params.get("q", ""),
                                     stato=self.request.query_params.get("stato", ""))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", [])]
        if ids:
            log_list_view(user=request.user, model=Family, object_ids=ids, description=_("Elenco delle famiglie (API)"))
        return response

    @extend_schema(request=serializers.FamilyCreateSerializer, responses={201: serializers.FamilyDetailSerializer})
    def post(self, request):
        """Register a family (state segnalata) with its members, all or nothing."""
        ambito = ambito_for_new_family(request.user)
        if ambito is None:
            raise PermissionDenied(_("Il tuo ruolo non prevede la registrazione di nuove famiglie."))
        payload = serializers.FamilyCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data

        def pick(model, key, **filters):
            value = data.get(key)
            if value in (None, ""):
                return None
            found = model.objects.filter(pk=value, ambito=ambito, **filters).first()
            if found is None:
                raise ValidationError({key: _("Valore non valido per questo ambito.")})
            return found

        try:
            family = services.family_create(
                by=request.user, ambito=ambito, nome=data["nome"],
                comune=pick(Ente, "comune", tipo=Ente.Tipo.COMUNE), equipe=pick(Equipe, "equipe"),
                implementazione=pick(Implementazione, "implementazione"),
                data_segnalazione=data.get("data_segnalazione"), motivo_segnalazione=data["motivo_segnalazione"],
                riunificazione=data["riunificazione"],
                people=[_person_data(p) for p in data["persone"]],
                creation_token=data.get("creation_token"),
            )
        except services.DuplicateSubmission as duplicate:
            family = duplicate.existing
            return ApiResponse(serializers.FamilyDetailSerializer(family).data, status=status.HTTP_200_OK)
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse(serializers.FamilyDetailSerializer(family).data, status=status.HTTP_201_CREATED)


def _person_data(validated: dict):
    from families.services import PersonData

    return PersonData(**validated)


class FamilyDetail(APIView):
    @extend_schema(responses=serializers.FamilyDetailSerializer)
    def get(self, request, pk: int):
        family = selectors.get_family_for(request.user, pk)
        log_view(user=request.user, obj=family, reason=_("API"))
        family = Family.objects.prefetch_related("persone", "eventi__by").select_related(
            "comune", "equipe", "implementazione").get(pk=family.pk)
        context = {"can_see_notes": selectors.can_see_case_notes(request.user, family),
                   "can_see_sensitive": can_see_sensitive(request.user, family)}
        return ApiResponse(serializers.FamilyDetailSerializer(family, context=context).data)


class FamilyTransition(APIView):
    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.FamilyDetailSerializer)
    def post(self, request, pk: int):
        """Move the family along its path (case manager or RT), with the same rules as the UI."""
        family = selectors.get_family_for_transition(request.user, pk)
        payload = serializers.TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            family = services.family_transition(family=family, by=request.user, **payload.validated_data)
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        return ApiResponse(serializers.FamilyDetailSerializer(family).data)


class FamilyAssessments(APIView):
    @extend_schema(request=serializers.AssessmentInputSerializer, responses={201: serializers.ResponseSerializer})
    def post(self, request, pk: int):
        """Start, fill and (with "submit": true) submit an assessment, with the same rules as the UI."""
        from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

        from assessments import services as assessment_services
        from assessments.selectors import current_instrument_version

        family = selectors.get_family_for(request.user, pk)
        payload = serializers.AssessmentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        version = current_instrument_version(data["instrument"], family.ambito_id)
        if version is None:
            return ApiResponse({"errors": {"instrument": [_("Strumento sconosciuto.")]}}, status=400)
        person = family.persone.filter(pk=data["person"]).first() if data.get("person") else None
        if data.get("person") and person is None:
            return ApiResponse({"errors": {"person": [_("Scegli un componente di questa famiglia.")]}}, status=400)
        try:
            with transaction.atomic():
                response = assessment_services.response_start(
                    version=version, family=family, by=request.user, time_point=data["time_point"],
                    perspective=data["perspective"], person=person, on=data.get("date"))
                response = assessment_services.response_save(response=response, by=request.user,
                                                             version=response.version, values=data["values"],
                                                             notes=data.get("notes") or {})
                if data.get("submit"):
                    response = assessment_services.response_submit(response=response, by=request.user)
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from None
        except ValidationError as error:
            return ApiResponse(validation_payload(error), status=status.HTTP_400_BAD_REQUEST)
        response.refresh_from_db()
        return ApiResponse(serializers.ResponseSerializer(response).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=serializers.ResponseSerializer(many=True))
    def get(self, request, pk: int):
        family = selectors.get_family_for(request.user, pk)
        responses = responses_visible_to(request.user, family).prefetch_related("answers").order_by("pk")
        log_view(user=request.user, obj=family, reason=_("Valutazioni (API)"))
        return ApiResponse(serializers.ResponseSerializer(responses, many=True).data)


class FamilyPlan(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        """The current Progetto Quadro as the caller may see it (teachers: only their part, no analysis)."""
        from plans.selectors import current_plan, plan_view

        family = selectors.get_family_for(request.user, pk)
        plan = current_plan(family)
        if plan is None:
            raise Http404(_("Questa famiglia non ha ancora un Progetto Quadro."))
        view = plan_view(request.user, family, plan)
        log_view(user=request.user, obj=plan, reason=_("Progetto Quadro (API)"))
        return ApiResponse({
            "numero": plan.numero, "stato": plan.stato, "concordato_il": plan.concordato_il, "version": plan.version,
            "analisi": None if view.restricted else plan.analisi,
            "risultati_attesi": [{
                "id": g.goal.pk, "sottodimensione": g.goal.sottodimensione, "descrizione": g.goal.descrizione,
                "azioni": [{"id": a.pk, "descrizione": a.descrizione, "responsabile": a.responsabile,
                            "data_inizio": a.data_inizio, "data_fine": a.data_fine, "dispositivi": a.dispositivi,
                            "stato": a.stato} for a in g.actions],
            } for g in view.goals],
        })

