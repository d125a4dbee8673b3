"""REST API v1, one module per resource, each with its serializers and views.

Every object is reached through the same scoped selectors as the UI: outside one's scope the answer is 404, a
forbidden action on a visible family is 403, invalid input is 400 with Italian messages. The views let the
services' exceptions through; api.exceptions turns them into responses.
"""
