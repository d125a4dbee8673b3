from core.testing import PERSONAS

INDICATOR_READERS = {"rt", "amministrativo", "governance", "coach", "rt_altro"}

ROWS = {
    "indicators": ("get", lambda w: "/indicatori/", {p: 200 if p in INDICATOR_READERS else 403 for p in PERSONAS}),
    "research_export": ("get", lambda w: "/indicatori/esportazione-ricerca/",
                        {p: 200 if p in {"rt", "rt_altro"} else 403 for p in PERSONAS}),
}

# The semi-annual report: the RT and the amministrativo of the ambito (the default period, no query).
ROWS.update({
    "rendicontazione": ("get", lambda w: "/indicatori/rendicontazione/",
                        {p: 200 if p in {"rt", "amministrativo", "rt_altro"} else 403 for p in PERSONAS}),
    "rendicontazione_xlsx": ("get", lambda w: f"/indicatori/rendicontazione.xlsx?dal=2026-01-01&al=2026-06-30"
                             f"&ambito={w.ambito.pk}",
                             {p: 200 if p in {"rt", "amministrativo"} else 422 if p == "rt_altro" else 403
                              for p in PERSONAS}),
    "rendicontazione_pdf": ("get", lambda w: f"/indicatori/rendicontazione.pdf?dal=2026-01-01&al=2026-06-30"
                            f"&ambito={w.ambito.pk}",
                            {p: 200 if p in {"rt", "amministrativo"} else 422 if p == "rt_altro" else 403
                             for p in PERSONAS}),
})

ROWS.update({
    "sintesi_annuale": ("get", lambda w: "/indicatori/sintesi-annuale/",
                        {p: 200 if p in {"rt", "amministrativo", "rt_altro"} else 403 for p in PERSONAS}),
    "sintesi_annuale_pdf": ("get", lambda w: "/indicatori/sintesi-annuale.pdf",
                            {p: 200 if p in {"rt", "amministrativo", "rt_altro"} else 403 for p in PERSONAS}),
})

ROWS.update({
    "reporting_dashboard": ("get", lambda w: "/indicatori/cruscotto/",
                            {p: 200 if p in INDICATOR_READERS else 403 for p in PERSONAS}),
})

ROWS.update({
    "territorio": ("get", lambda w: "/indicatori/territorio/",
                   {p: 200 if p in INDICATOR_READERS else 403 for p in PERSONAS}),
})
