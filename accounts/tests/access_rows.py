"""The account pages in the role × URL matrix (families/tests/test_access_matrix.py).

Every persona has an account: each page answers the same for all of them. Two-factor
authentication is off in the tests unless a test turns it on, and nobody has enrolled, so the
verification page sends everyone to the enrolment and new recovery codes are refused.
"""

from core.testing import PERSONAS


def everyone(status: int) -> dict[str, int]:
    return {p: status for p in PERSONAS}


ROWS = {
    "account": ("get", lambda w: "/account/", everyone(200)),
    "logout_everywhere": ("post", lambda w: "/account/esci-ovunque/", everyone(302)),
    "two_factor_verify": ("get", lambda w: "/account/verifica/", everyone(302)),
    "two_factor_setup": ("get", lambda w: "/account/verifica-in-due-passaggi/", everyone(200)),
    "two_factor_recovery_codes": ("post", lambda w: "/account/codici-di-recupero/", everyone(302)),
    "password_change": ("get", lambda w: "/account/password/", everyone(200)),
    "password_reset": ("get", lambda w: "/account/password-dimenticata/", everyone(200)),
    "password_reset_done": ("get", lambda w: "/account/password-dimenticata/inviata/", everyone(200)),
    "password_reset_confirm": ("get", lambda w: "/account/reimposta/MQ/scaduto-0000/", everyone(200)),
    "password_reset_complete": ("get", lambda w: "/account/reimposta/fatto/", everyone(200)),
}
