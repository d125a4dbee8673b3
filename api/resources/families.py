"""Families: /families/ (list, registration), /families/<pk>/ and its path (/transition/)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from api.schema import IdField
from audit.services import log_list_view, log_view
from families import selectors as family_selectors
from families import services as family_services
from families.models import Family, PathEvent
from families.policies import can_list_families, can_see_case_notes, can_see_sensitive
from organisation.selectors import ambito_for_new_family, comune_of, equipe_of, implementazione_of

from .persons import PersonInputSerializer, PersonSerializer, person_data


class PathEventSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = PathEvent
        fields = ["from_state", "to_state", "at", "by", "motivazione", "esito_chiusura"]


class FamilyListSerializer(serializers.ModelSerializer):
    comune = serializers.StringRelatedField()
    # Not every family has an équipe or a cohort yet: the schema says so (found by the contract tests).
    equipe = serializers.StringRelatedField(allow_null=True)
    implementazione = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Family
        fields = ["id", "codice", "nome", "stato", "comune", "equipe", "implementazione", "riunificazione",
                  "data_segnalazione", "updated_at"]


class FamilyDetailSerializer(FamilyListSerializer):
    persone = PersonSerializer(many=True, read_only=True)
    eventi = PathEventSerializer(many=True, read_only=True)
    motivo_segnalazione = serializers.SerializerMethodField()
    note_giudiziarie = serializers.SerializerMethodField()

    class Meta(FamilyListSerializer.Meta):
        fields = [*FamilyListSerializer.Meta.fields, "esito_chiusura", "motivo_segnalazione", "note_giudiziarie",
                  "persone", "eventi", "version"]

    def get_note_giudiziarie(self, family) -> str | None:
        return family.note_giudiziarie if self.context.get("can_see_sensitive", False) else None

    def get_motivo_segnalazione(self, family) -> str | None:
        # Teachers see the family, not the story (as in the UI).
        return family.motivo_segnalazione if self.context.get("can_see_notes", True) else None


class FamilyCreateSerializer(serializers.Serializer):
    nome = serializers.CharField(max_length=200)
    comune = IdField(help_text="id dell'ente di tipo comune")
    equipe = IdField(required=False, allow_null=True)
    implementazione = IdField(required=False, allow_null=True)
    data_segnalazione = serializers.DateField(required=False, allow_null=True)
    motivo_segnalazione = serializers.CharField(required=False, allow_blank=True, default="")
    riunificazione = serializers.BooleanField(required=False, default=False)
    persone = PersonInputSerializer(many=True)
    creation_token = serializers.UUIDField(required=False, allow_null=True,
                                           help_text="Idempotenza: la stessa chiave crea una sola famiglia.")


class TransitionSerializer(serializers.Serializer):
    target = serializers.CharField()
    expected_state = serializers.CharField(required=False, allow_null=True)
    motivazione = serializers.CharField(required=False, allow_blank=True, default="")
    esito_chiusura = serializers.CharField(required=False, allow_blank=True, default="")
    continuita = serializers.CharField(required=False, allow_blank=True, default="")
    obiettivi_aperti = serializers.CharField(required=False, allow_blank=True, default="")
    confermato = serializers.BooleanField(
        required=False, default=False,
        help_text="Conferma un passaggio che lascia qualcosa aperto (per la chiusura: verifiche o azioni del "
                  "Progetto Quadro); senza, la risposta 400 dice che cosa resta aperto.")


class FamilyList(generics.ListAPIView):
    """The families the caller may see (the same list as the UI's)."""

    serializer_class = FamilyListSerializer

    def get_queryset(self):
        if not can_list_families(self.request.user):
            raise PermissionDenied(_("Il tuo ruolo non prevede l'accesso alle schede delle famiglie."))
        return family_selectors.family_list(self.request.user, q=self.request.query_params.get("q", ""),
                                            stato=self.request.query_params.get("stato", ""))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", [])]
        if ids:
            log_list_view(user=request.user, model=Family, object_ids=ids, description=_("Elenco delle famiglie (API)"))
        return response

    @extend_schema(request=FamilyCreateSerializer, responses={201: FamilyDetailSerializer})
    def post(self, request):
        """Register a family (state segnalata) with its members, all or nothing."""
        ambito = ambito_for_new_family(request.user)
        if ambito is None:
            raise PermissionDenied(_("Il tuo ruolo non prevede la registrazione di nuove famiglie."))
        payload = FamilyCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data

        def pick(find, key):
            value = data.get(key)
            if value in (None, ""):
                return None
            found = find(ambito, value)
            if found is None:
                raise ValidationError({key: _("Valore non valido per questo ambito.")})
            return found

        family = family_services.family_create(
            by=request.user, ambito=ambito, nome=data["nome"],
            comune=pick(comune_of, "comune"), equipe=pick(equipe_of, "equipe"),
            implementazione=pick(implementazione_of, "implementazione"),
            data_segnalazione=data.get("data_segnalazione"), motivo_segnalazione=data["motivo_segnalazione"],
            riunificazione=data["riunificazione"],
            people=[person_data(p) for p in data["persone"]],
            creation_token=data.get("creation_token"),
        )
        return ApiResponse(FamilyDetailSerializer(family).data, status=status.HTTP_201_CREATED)

    def existing_data(self, existing: Family) -> dict:
        return FamilyDetailSerializer(existing).data


class FamilyDetail(APIView):
    @extend_schema(responses=FamilyDetailSerializer)
    def get(self, request, pk: int):
        family = family_selectors.get_family_for(request.user, pk)
        log_view(user=request.user, obj=family, reason=_("API"))
        family = family_selectors.family_record(family)
        context = {"can_see_notes": can_see_case_notes(request.user, family),
                   "can_see_sensitive": can_see_sensitive(request.user, family)}
        return ApiResponse(FamilyDetailSerializer(family, context=context).data)


class FamilyTransition(APIView):
    @extend_schema(request=TransitionSerializer, responses=FamilyDetailSerializer)
    def post(self, request, pk: int):
        """Move the family along its path (case manager or RT), with the same rules as the UI."""
        family = family_selectors.get_family_for_transition(request.user, pk)
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        family = family_services.family_transition(family=family, by=request.user, **payload.validated_data)
        return ApiResponse(FamilyDetailSerializer(family).data)
