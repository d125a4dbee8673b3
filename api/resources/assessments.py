"""A family's assessments (responses to the instruments): /families/<pk>/assessments/."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from api.schema import IdField
from assessments import services as assessment_services
from assessments.models import Answer, Response
from assessments.selectors import current_instrument_version, responses_visible_to
from audit.services import log_view
from families import selectors as family_selectors


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Answer
        fields = ["item_code", "number", "text", "choices", "date", "note"]


class ResponseSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument_version.instrument.code")
    instrument_version = serializers.IntegerField(source="instrument_version.version")
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "instrument", "instrument_version", "person", "time_point", "date", "perspective", "status",
                  "scores", "submitted_at", "answers"]


class AssessmentInputSerializer(serializers.Serializer):
    instrument = serializers.CharField(help_text="codice dello strumento, per esempio mondo_del_bambino")
    time_point = serializers.CharField()
    perspective = serializers.CharField()
    person = IdField(required=False, allow_null=True)
    date = serializers.DateField(required=False, allow_null=True)
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    submit = serializers.BooleanField(required=False, default=False)


class FamilyAssessments(APIView):
    @extend_schema(request=AssessmentInputSerializer, responses={201: ResponseSerializer})
    def post(self, request, pk: int):
        """Start, fill and (with "submit": true) submit an assessment, with the same rules as the UI."""
        family = family_selectors.get_family_for(request.user, pk)
        payload = AssessmentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        version = current_instrument_version(data["instrument"], family.ambito_id)
        if version is None:
            raise ValidationError({"instrument": _("Strumento sconosciuto.")})
        person = family_selectors.family_member(family, data["person"]) if data.get("person") else None
        if data.get("person") and person is None:
            raise ValidationError({"person": _("Scegli un componente di questa famiglia.")})
        with transaction.atomic():
            response = assessment_services.response_start(
                version=version, family=family, by=request.user, time_point=data["time_point"],
                perspective=data["perspective"], person=person, on=data.get("date"))
            response = assessment_services.response_save(response=response, by=request.user,
                                                         version=response.version, values=data["values"],
                                                         notes=data.get("notes") or {})
            if data.get("submit"):
                response = assessment_services.response_submit(response=response, by=request.user)
        response.refresh_from_db()
        return ApiResponse(ResponseSerializer(response).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ResponseSerializer(many=True))
    def get(self, request, pk: int):
        family = family_selectors.get_family_for(request.user, pk)
        responses = responses_visible_to(request.user, family).prefetch_related("answers").order_by("pk")
        log_view(user=request.user, obj=family, reason=_("Valutazioni (API)"))
        return ApiResponse(ResponseSerializer(responses, many=True).data)
