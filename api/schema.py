"""The OpenAPI document's own rules (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): every operation declares the errors
it may answer, in the two shapes api/exceptions.py gives them, and a time of day is a plain "HH:MM[:SS]"."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

DETAIL = inline_serializer("Errore", {"detail": serializers.CharField(help_text="Il messaggio, in italiano.")})
VALIDATION = inline_serializer("ErroriDiValidazione", {
    "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                    help_text="I messaggi per campo (non_field_errors: quelli di nessun campo)."),
})

# Every operation: 400 (invalid input, query or path), 401 (no or wrong token), 403 (a role that may not),
# 404 (not found or outside the caller's scope), 405, 406 (an Accept header the API cannot answer).
COMMON_ERRORS = {"400": VALIDATION, "401": DETAIL, "403": DETAIL, "404": DETAIL, "405": DETAIL, "406": DETAIL}
# Writes also: 409 (someone saved in between), 415 (a body that is not JSON or a form).
WRITE_ERRORS = {"409": VALIDATION, "415": DETAIL}


class TramaAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = dict(COMMON_ERRORS)
        if self.method in {"POST", "PUT", "PATCH", "DELETE"}:
            errors |= WRITE_ERRORS
            if "201" in responses and "200" not in responses and hasattr(self.view, "existing_data"):
                # A repeated creation_token answers 200 with what the first request created.
                responses["200"] = responses["201"]
        for code, serializer in errors.items():
            responses.setdefault(code, self._get_response_for_code(serializer, code, direction=direction))
        return responses


MAX_ID = 2**63 - 1  # the largest key of a 64-bit column (SQLite's INTEGER, PostgreSQL's bigint)


class IdField(serializers.IntegerField):
    """The id of a record: a positive integer that fits the database's keys, so that a huge number is a 400 with
    DRF's Italian message rather than an overflow in the query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class VersionField(serializers.IntegerField):
    """The version of a record read before an edit (common.models.Versioned)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


@extend_schema_field({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "example": "09:30"})
class TimeOfDayField(serializers.TimeField):
    """A local time of day: "09:30" in answers, "09:30" or "09:30:00" in requests (not RFC 3339's full-time, which
    requires an offset and fails for these local times)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)
