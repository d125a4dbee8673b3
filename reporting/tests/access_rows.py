from core.testing import PERSONAS

INDICATOR_READERS = {"rt", "amministrativo", "governance", "coach", "rt_altro"}

ROWS = {
    "indicators": ("get", lambda w: "/indicatori/", {p: 200 if p in INDICATOR_READERS else 403 for p in PERSONAS}),
    "research_export": ("get", lambda w: "/indicatori/esportazione-ricerca/",
                        {p: 200 if p in {"rt", "rt_altro"} else 403 for p in PERSONAS}),
}
