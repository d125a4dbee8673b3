"""What a service raises besides `ValidationError` and `PermissionDenied`; `common.views.run_service` and the
API's exception handler turn each into the answer a user expects."""

from typing import Any


class DuplicateSubmission(Exception):  # noqa: N818 - it is a signal, not a failure
    """The same form was submitted again; `existing` is what the first submission created."""

    def __init__(self, existing: Any) -> None:
        super().__init__(str(existing))
        self.existing = existing


class StaleEdit(Exception):  # noqa: N818
    """Someone else saved the record after the user opened it; `current` is the record as it is now."""

    def __init__(self, current: Any) -> None:
        super().__init__(str(current))
        self.current = current
