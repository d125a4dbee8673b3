"""Instructions per request of the bench's pages, counted by callgrind: a comparison the machine cannot blur.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trama_bench python bench/instructions.py [page ...]

Each page runs in its own process under `valgrind --tool=callgrind --instr-atstart=no`: Django is set up,
the page is asked for WARMUP times as its operator (the first ambito of a `seed_demo --region` database,
as `make bench` uses), then instrumentation is switched on with `callgrind_control -i on` for REQUESTS
requests and off again. The total divided by REQUESTS is the page's cost in instructions, the same to
about 0.2 % from run to run whatever else the machine is doing. Printed as a table and, with
BENCH_OUTPUT, written as JSON; ratios are to the bare view with a session (middleware, session, user).

To compare two versions of the code, seed a database for each (`seed_demo --families N --seed 1 --region`
gives the same data when the generator is unchanged) and run this script from each checkout.
Environment: DATABASE_URL, BENCH_REQUESTS (10), BENCH_WARMUP (3), BENCH_OUTPUT.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS") or 10)
WARMUP = int(os.environ.get("BENCH_WARMUP") or 3)

# page: (operator of the first ambito, URL with {family} and {comune})
PAGES = {
    "bare_session": ("cm01", "/bench/bare/"),
    "dashboard": ("cm01", "/"),
    "families": ("rt", "/famiglie/?q=ri&stato=chiusa&comune={comune}"),
    "family": ("cm01", "/famiglie/{family}/"),
    "plan": ("cm01", "/famiglie/{family}/progetto/"),
    "budget": ("rt", "/interventi/budget/"),
    "calendar": ("ed01", "/interventi/calendario/"),
    "api": ("rt", "/api/v1/families/?stato=chiusa"),
}
CHILD_ENV = {"DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "TRAMA_REQUIRE_2FA": "0",
             "ALLOWED_HOSTS": "testserver,127.0.0.1", "LOG_LEVEL": "ERROR", "SECRET_KEY": "bench-instructions",
             "PYTHONWARNINGS": "ignore", "PYTHONHASHSEED": "0"}


def callgrind(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   stdout=subprocess.DEVNULL)


def child(page: str) -> None:
    """Runs inside valgrind: ask for the page, counting only the measured requests."""
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 - the child sets the environment up before Django loads

    django.setup()
    # Models load after setup().
    from django.test import Client  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from families.models import Family, Stato  # noqa: PLC0415
    from organisation.models import Ambito, Ente  # noqa: PLC0415

    ambito = Ambito.objects.filter(codice__startswith="LOM").order_by("codice").first()
    if ambito is None:
        sys.exit("No LOM ambiti in the database: seed it with seed_demo --region.")
    code = ambito.codice.lower()
    role, template = PAGES[page]
    family = (Family.objects.filter(ambito=ambito, equipe__case_manager__username=f"{code}-cm01",
                                    stato=Stato.IN_CORSO).order_by("codice").first())
    comune = Ente.objects.filter(ambito=ambito, tipo=Ente.Tipo.COMUNE).order_by("pk").first()
    url = template.format(family=family.pk if family else 0, comune=comune.pk if comune else 0)
    client = Client()
    client.force_login(User.objects.get(username=f"{code}-{role}"))
    for _ in range(WARMUP):
        status = client.get(url).status_code
        if status != 200:
            sys.exit(f"{page}: {url} answered {status}")
    callgrind(on=True)
    for _ in range(REQUESTS):
        client.get(url)
    callgrind(on=False)


def measure(page: str, static_root: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        run = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                              sys.executable, __file__, "--child", page],
                             cwd=ROOT, env={**os.environ, **CHILD_ENV, "STATIC_ROOT": static_root}, check=False,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode:
            sys.exit(f"{page}: the measured process failed:\n{run.stderr[-2000:]}")
        text = out.read_text(errors="replace")
    # "summary" counts from the start (0 with --instr-atstart=no); "totals" what was instrumented.
    match = re.search(r"^totals:\s+(\d+)", text, re.M)
    if not match:
        sys.exit(f"{page}: no instruction total in callgrind's output")
    return int(match.group(1)) // REQUESTS


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    pages = sys.argv[1:] or list(PAGES)
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        sys.exit(f"Unknown pages: {', '.join(unknown)}; known: {', '.join(PAGES)}")
    # With DEBUG off the pages name hashed static files: collect them once, as a production server would.
    static_root = os.environ.get("STATIC_ROOT") or str(Path(tempfile.gettempdir()) / "trama-bench-static")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env={**os.environ, **CHILD_ENV, "STATIC_ROOT": static_root}, check=True)
    counts = {}
    for page in pages:
        counts[page] = measure(page, static_root)
        base = counts.get("bare_session")
        ratio = f"{counts[page] / base:6.2f}" if base else "     -"
        print(f"{page:14} {counts[page] / 1e6:9.2f} M instructions/request  ×{ratio} bare_session", flush=True)
    if os.environ.get("BENCH_OUTPUT"):
        Path(os.environ["BENCH_OUTPUT"]).write_text(json.dumps(
            {"requests": REQUESTS, "warmup": WARMUP, "instructions_per_request": counts}, indent=2) + "\n")


if __name__ == "__main__":
    main()
