"""Referrals to the network's services: /referrals/ and /referrals/<pk>/status/ (no names: the intake is an id)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from audit.services import log_list_view
from network import selectors as network_selectors
from network import services as network_services
from network.models import Referral


class ReferralSerializer(serializers.ModelSerializer):
    servizio = serializers.CharField(source="service.nome")

    class Meta:
        model = Referral
        fields = ["id", "intake", "area", "servizio", "data_invio", "follow_up_il", "stato", "stato_dal"]


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
        referral = network_selectors.get_referral_for(request.user, pk)
        payload = ReferralStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        referral = network_services.referral_update_status(referral=referral, by=request.user,
                                                           **payload.validated_data)
        return ApiResponse(ReferralSerializer(referral).data)
