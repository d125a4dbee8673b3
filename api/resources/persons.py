"""A family's members: /families/<pk>/persons/."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from audit.services import log_view
from families import selectors as family_selectors
from families import services as family_services
from families.models import Person
from families.policies import can_change_family, can_see_sensitive


class PersonSerializer(serializers.ModelSerializer):
    note_sanitarie = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "cognome", "nome", "sesso", "data_nascita", "codice_fiscale", "cittadinanza", "lingue",
                  "mediazione_culturale", "ruolo", "target", "partecipa_equipe", "note_sanitarie"]

    def get_note_sanitarie(self, person) -> str | None:
        # Health notes only where families.sensitivity allows (the caller says so in the context).
        return person.note_sanitarie if self.context.get("can_see_sensitive", False) else None


class PersonInputSerializer(serializers.Serializer):
    cognome = serializers.CharField(max_length=100)
    nome = serializers.CharField(max_length=100)
    sesso = serializers.ChoiceField(choices=Person.Sesso.choices)
    ruolo = serializers.ChoiceField(choices=Person.Ruolo.choices)
    data_nascita = serializers.DateField(required=False, allow_null=True)
    codice_fiscale = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    cittadinanza = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    lingue = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    mediazione_culturale = serializers.BooleanField(required=False, default=False)
    target = serializers.BooleanField(required=False, default=False)
    partecipa_equipe = serializers.BooleanField(required=False, default=False)


def person_data(validated: dict) -> family_services.PersonData:
    return family_services.PersonData(**validated)


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
        if not can_change_family(request.user, family):
            raise PermissionDenied(_("Non puoi modificare questa famiglia: chiedi al case manager."))
        payload = PersonInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        token = request.data.get("creation_token") or None
        person = family_services.person_add(family=family, by=request.user, data=person_data(data), creation_token=token)
        return ApiResponse(PersonSerializer(person).data, status=status.HTTP_201_CREATED)

    def existing_data(self, existing: Person) -> dict:
        return PersonSerializer(existing).data

    @staticmethod
    def error_field(key: str) -> str:
        # The service names a person's fields "0:codice_fiscale" (its index in a family's list): one here.
        return key.split(":", 1)[-1]
