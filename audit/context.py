"""The reason for what is being done, attached to every audit entry written meanwhile."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_reason: ContextVar[str] = ContextVar("trama_audit_reason", default="")


def current_reason() -> str:
    return _reason.get()


@contextlib.contextmanager
def audit_reason(reason: str) -> Iterator[None]:
    token = _reason.set(reason[:500])
    try:
        yield
    finally:
        _reason.reset(token)
