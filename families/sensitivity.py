"""Field-level sensitivity: health (GDPR art. 9) and judicial (art. 10) information of a family.

One rule, used by every surface — pages, forms, API, exports, search: the information is seen by whoever may
change the family (its case manager, the RT, the tutor while the family is only reported) and by the
professionals of its équipe; never by a teacher (restricted view), the coach, volunteers, ETS coordinators,
governance members, the amministrativo or the family's own members in the portal (the rule:
`families.policies.can_see_sensitive`). Search never looks into these fields, and the audit log records that
they changed, never their content.
"""

SENSITIVE_PERSON_FIELDS = ("note_sanitarie",)
SENSITIVE_FAMILY_FIELDS = ("note_giudiziarie",)


def audit_mask(value: str) -> str:
    """What the audit log keeps of a sensitive field: that it was filled in, not what it says."""
    return "[riservato]" if value and value != "None" else ""
