"""The register import's rows of the role × URL matrix (families/tests/test_access_matrix.py)."""

from core.testing import PERSONAS, expect_for_role
from registri.models import Importazione

# Who imports: the RT (of either ambito: each their own) and the case managers, for their équipe.
IMPORTERS = {"rt", "casemanager", "casemanager2", "rt_altro"}


def _import(w) -> Importazione:
    """An import uploaded by the RT of the world's ambito: theirs only (its uploader's and the ambito's RT's)."""
    found = Importazione.objects.filter(ambito=w.ambito, utente=w.users["rt"]).first()
    if found is None:
        found = Importazione.objects.create(
            ambito=w.ambito, comune=w.comune, utente=w.users["rt"], token="matrice", nome_file="registro.csv",
            intestazioni=["Cognome", "Nome"], mappatura=["cognome", "nome"])
    return found


ONLY_RT = {p: 200 if p == "rt" else 404 for p in PERSONAS}

ROWS = {
    "import_list": ("get", lambda w: "/registri/", expect_for_role(IMPORTERS)),
    "import_template": ("get", lambda w: "/registri/modello.xlsx", expect_for_role(IMPORTERS)),
    "import_detail": ("get", lambda w: f"/registri/{_import(w).pk}/", ONLY_RT),
    "import_mapping": ("get", lambda w: f"/registri/{_import(w).pk}/colonne/", ONLY_RT),
    "import_confirm": ("post", lambda w: f"/registri/{_import(w).pk}/conferma/",
                       {p: 302 if p == "rt" else 404 for p in PERSONAS}),
}
