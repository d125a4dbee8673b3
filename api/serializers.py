"""Serializers of the REST API v1: what the UI shows, in JSON, under the same access rules."""

from rest_framework import serializers

from assessments.models import Answer, Response
from families.models import Family, PathEvent, Person


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
    comune = serializers.IntegerField(help_text="id dell'ente di tipo comune")
    equipe = serializers.IntegerField(required=False, allow_null=True)
    implementazione = serializers.IntegerField(required=False, allow_null=True)
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
    person = serializers.IntegerField(required=False, allow_null=True)
    date = serializers.DateField(required=False, allow_null=True)
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    submit = serializers.BooleanField(required=False, default=False)
