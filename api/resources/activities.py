"""A family's activities (visits and sessions): /families/<pk>/activities/."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from api.schema import IdField, TimeOfDayField
from audit.services import log_list_view
from families import selectors as family_selectors
from families.policies import can_see_case_notes
from interventions import selectors as iv_selectors
from interventions import services as iv_services
from interventions.models import Intervento, Luogo, Servizio


class ActivitySerializer(serializers.ModelSerializer):
    operatore = serializers.StringRelatedField()
    ente = serializers.StringRelatedField()
    presenti = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    ora_inizio = TimeOfDayField()
    ora_fine = TimeOfDayField()

    class Meta:
        model = Intervento
        fields = ["id", "data", "ora_inizio", "ora_fine", "durata_minuti", "servizio", "ruolo", "luogo", "operatore",
                  "ente", "presenti", "persona", "attivita", "note_equipe"]


class ActivityInputSerializer(serializers.Serializer):
    data = serializers.DateField()
    ora_inizio = TimeOfDayField()
    ora_fine = TimeOfDayField()
    servizio = serializers.ChoiceField(choices=Servizio.choices, default=Servizio.EDUCATIVA)
    luogo = serializers.ChoiceField(choices=Luogo.choices, default=Luogo.CASA)
    presenti = serializers.ListField(child=IdField(), required=False, default=list, max_length=50)
    attivita = serializers.CharField(required=False, allow_blank=True, default="")
    note_equipe = serializers.CharField(required=False, allow_blank=True, default="")
    creation_token = serializers.UUIDField(required=False, allow_null=True, default=None)


class FamilyActivities(APIView):
    @extend_schema(responses=ActivitySerializer(many=True))
    def get(self, request, pk: int):
        """The family's visits and sessions, newest first (teachers: without the narrative)."""
        family = family_selectors.get_family_for(request.user, pk)
        visits = list(iv_selectors.visits_of_family(family)[:500])
        log_list_view(user=request.user, model=Intervento, object_ids=[v.pk for v in visits],
                      description=_("Interventi della famiglia (API)"), ambito_id=family.ambito_id)
        rows = ActivitySerializer(visits, many=True).data
        if not can_see_case_notes(request.user, family):
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
        people = family_selectors.family_members_in(family, data.pop("presenti"))
        visit = iv_services.intervento_create(family=family, by=request.user, presenti=people, **data)
        return ApiResponse(ActivitySerializer(visit).data, status=status.HTTP_201_CREATED)

    def existing_data(self, existing: Intervento) -> dict:
        return ActivitySerializer(existing).data
