"""`make bench`: Trama under gunicorn on PostgreSQL with a region of data, driven by locust.

1. Creates the PostgreSQL database of DATABASE_URL (default trama_bench on 127.0.0.1) if missing,
   migrates it and seeds it with BENCH_FAMILIES families (`seed_demo --region`) unless it already
   holds exactly that many (BENCH_RESEED=1 forces a fresh seed).
2. Starts gunicorn on 127.0.0.1:BENCH_PORT with bench.settings (Trama + a bare view at /bench/bare/).
3. For each page and each level of BENCH_USERS (default 1,8,32) runs locust headless for
   BENCH_SECONDS seconds, each simulated user a different operator of a different ambito, without
   pauses; prints p50/p95/p99, requests per second and the ratio to the bare view, and writes all of
   it as JSON to bench/results/<date>-<host>.json.

Environment: DATABASE_URL, BENCH_FAMILIES (100000), BENCH_SEED (1), BENCH_USERS (1,8,32),
BENCH_SECONDS (15), BENCH_THINK (0: seconds between two pages of a simulated user), BENCH_WORKERS (4),
BENCH_PORT (8765), BENCH_PAGES (comma-separated subset of page keys), BENCH_RESEED,
BENCH_REPORT_AMBITO_URL (the semi-annual report of one ambito, "{ambito}" is replaced by the ambito's id),
BENCH_REGION_RUNS (3: how many times the region's report is prepared), BENCH_OUTPUT (the JSON's path).

The region's semi-annual report is a background job: it is measured apart, from the request (POST, as
the officer `regione` makes it) to the file ready, with a `db_worker` running beside gunicorn.
"""

import csv
import html
import json
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
import django
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/trama_bench"
TARGET_P95_MS = 150
REFERENCE = {"bare", "bare_session", "healthz"}  # not pages: no target


def env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


DATABASE_URL = env("DATABASE_URL", DEFAULT_DB)
FAMILIES = int(env("BENCH_FAMILIES", "100000"))
SEED = int(env("BENCH_SEED", "1"))
LEVELS = [int(x) for x in env("BENCH_USERS", "1,8,32").split(",")]
SECONDS = int(env("BENCH_SECONDS", "15"))
WORKERS = int(env("BENCH_WORKERS", "4"))
PORT = int(env("BENCH_PORT", "8765"))
HOST = f"http://127.0.0.1:{PORT}"

SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0",
    "TRAMA_REQUIRE_2FA": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost", "CONN_MAX_AGE": "60",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50), "LOG_LEVEL": "ERROR",
    "PYTHONWARNINGS": "ignore::UserWarning",
    # The gunicorn workers share the cached aggregates (settings.CACHE_DIR), as on a production server.
    "CACHE_DIR": os.environ.get("CACHE_DIR") or str(Path(tempfile.gettempdir()) / "trama-bench-cache"),
    # With DEBUG off the pages name hashed static files (WhiteNoise's manifest): collected before the server starts.
    "STATIC_ROOT": os.environ.get("STATIC_ROOT") or str(Path(tempfile.gettempdir()) / "trama-bench-static"),
}


def say(message: str) -> None:
    print(message, flush=True)


def manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env={**os.environ, **SERVER_ENV}, check=True)


def uptime() -> str:
    plain = {k: v for k, v in os.environ.items() if k != "TZ"}  # Django sets TZ to Europe/Rome
    return subprocess.run(["uptime"], capture_output=True, text=True, env=plain).stdout.strip()


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    return {"host": socket.gethostname(), "nproc": os.cpu_count(), "cpu": cpu, "memory": mem,
            "python": platform.python_version(), "uptime_at_start": uptime()}


# --- the database ------------------------------------------------------------------------------

def ensure_database() -> float | None:
    """Create, migrate and seed the bench database when needed; returns the seeding time, if seeded."""
    db = dj_database_url.parse(DATABASE_URL)
    if "postgresql" not in db["ENGINE"]:
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL=postgres://...")
    name = db["NAME"]
    admin = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                            password=db["PASSWORD"] or None, dbname="postgres", autocommit=True)

    def create() -> None:
        admin.execute(f'CREATE DATABASE "{name}"')

    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        say(f"Creo il database {name}.")
        create()
    manage("migrate", "--noinput", "-v0")
    have = count_families()
    if have == FAMILIES and not os.environ.get("BENCH_RESEED"):
        say(f"Il database {name} ha già {have} famiglie: lo riuso.")
        return None
    if have:
        if not name.startswith("trama_bench"):
            sys.exit(f"{name} holds other data ({have} families): refusing to drop it (name it trama_bench*).")
        why = "BENCH_RESEED" if have == FAMILIES else f"ne servono {FAMILIES}"
        say(f"Il database {name} ha {have} famiglie ({why}): lo ricreo.")
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        create()
        manage("migrate", "--noinput", "-v0")
    say(f"Semino {FAMILIES} famiglie (seed {SEED})...")
    started = time.monotonic()
    manage("seed_demo", "--families", str(FAMILIES), "--seed", str(SEED), "--region")
    return round(time.monotonic() - started, 1)


def count_families() -> int:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", "from families.models import Family; print(Family.objects.count())"],
        cwd=ROOT, env={**os.environ, **SERVER_ENV}, check=True, capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1])


# --- what to ask for ---------------------------------------------------------------------------

def build_plans(max_users: int) -> tuple[dict[str, dict], dict]:
    """Per page: its label and one entry (session cookie, URL) per simulated user."""
    os.environ.update(SERVER_ENV)
    sys.path.insert(0, str(ROOT))
    django.setup()
    # This script runs outside Django: the models and the project's modules load after setup().
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415
    from django.contrib.auth.hashers import make_password  # noqa: PLC0415
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from bench.region import region_officer  # noqa: PLC0415
    from families.models import Family, Stato  # noqa: PLC0415
    from organisation.models import Ambito, Ente  # noqa: PLC0415

    ambiti = list(Ambito.objects.filter(codice__startswith="LOM").order_by("codice")[:max_users])
    if not ambiti:
        sys.exit("No LOM ambiti in the database: seed it with seed_demo --region.")
    # On a database seeded before the officer existed; the bench logs in by session, not by password.
    region_officer(password_hash=make_password(None))
    users = {u.username: u for u in User.objects.filter(
        username__regex=r"^(lom[0-9]+-(rt|cm01|ed01)|admin|regione)$")}

    def session(username: str) -> str:
        user = users[username]
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    admin = session("admin") if "admin" in users else ""
    per_ambito = []
    for ambito in ambiti:
        code = ambito.codice.lower()
        family = (Family.objects.filter(ambito=ambito, equipe__case_manager__username=f"{code}-cm01",
                                        stato=Stato.IN_CORSO).order_by("codice").first())
        comune = Ente.objects.filter(ambito=ambito, tipo=Ente.Tipo.COMUNE).order_by("pk").first()
        per_ambito.append({"ambito": ambito.pk, "code": code, "family": family.pk if family else None,
                           "comune": comune.pk, "rt": session(f"{code}-rt"), "cm": session(f"{code}-cm01"),
                           "ed": session(f"{code}-ed01"), "admin": admin})

    # The semi-annual report of the operator's ambito, current semester (reporting.rendicontazione).
    report_ambito = os.environ.get("BENCH_REPORT_AMBITO_URL", "/indicatori/rendicontazione/?ambito={ambito}")
    pages = {
        "bare": ("Vista nuda (costante, senza sessione): riferimento", None, lambda a: "/bench/bare/"),
        "bare_session": ("Vista nuda con la sessione di un operatore", "cm", lambda a: "/bench/bare/"),
        "healthz": ("/healthz (SELECT 1)", None, lambda a: "/healthz"),
        "dashboard": ("Cruscotto (case manager)", "cm", lambda a: "/"),
        "families": ("Elenco famiglie: ricerca + filtri (RT, ~1.100 famiglie)", "rt",
                     lambda a: f"/famiglie/?q=ri&stato=chiusa&comune={a['comune']}"),
        "family": ("Scheda famiglia", "cm", lambda a: f"/famiglie/{a['family']}/"),
        "plan": ("Progetto Quadro", "cm", lambda a: f"/famiglie/{a['family']}/progetto/"),
        "budget": ("Budget /interventi/budget/ (RT)", "rt", lambda a: "/interventi/budget/"),
        "calendar": ("Calendario dell'operatore (settimana)", "ed", lambda a: "/interventi/calendario/"),
        "api": ("API /api/v1/families/ (RT)", "rt", lambda a: "/api/v1/families/?stato=chiusa"),
        "report_ambito": (
            "Relazione semestrale: un ambito" if report_ambito else
            "Indicatori dell'ambito (in attesa della relazione semestrale)", "rt",
            lambda a: (report_ambito or "/indicatori/").replace("{ambito}", str(a["ambito"]))),
    }
    wanted = [p.strip() for p in env("BENCH_PAGES", ",".join([*pages, "report_region"])).split(",")]
    plans = {}
    for key in [k for k in wanted if k != "report_region"]:
        label, role, url = pages[key]
        entries = [{"session": a[role] if role else "", "url": url(a)} for a in per_ambito
                   if key not in ("family", "plan") or a["family"]]
        plans[key] = {"name": label, "entries": entries}
    if "report_region" in wanted:
        plans["report_region"] = {"name": "Relazione semestrale: la regione (in background, dalla richiesta al file)",
                                  "region": True, "session": session("regione")}
    info = {"ambiti": Ambito.objects.count(), "families": Family.objects.count(),
            "operators_per_level": f"one per ambito, {len(per_ambito)} ambiti ({', '.join(a['code'] for a in per_ambito[:3])}...)",
            "missing": []}
    return plans, info


# --- the server and the load -------------------------------------------------------------------

def start_server() -> subprocess.Popen:
    command = [PY, "-m", "gunicorn", "trama.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers",
               str(WORKERS), "--timeout", "300", "--log-level", "warning", "--chdir", str(ROOT)]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **SERVER_ENV})
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{HOST}/bench/bare/", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def fetch(entry: dict) -> tuple[int, float]:
    request = urllib.request.Request(HOST + entry["url"])  # noqa: S310 - loopback
    if entry["session"]:
        request.add_header("Cookie", f"sessionid={entry['session']}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def measure_region_report(plan: dict, runs: int) -> dict:
    """Prepare the region's semi-annual report (XLSX) `runs` times, one after the other, as the officer asks for
    it on the page: seconds from the POST to the job done, as the background worker records it."""
    # The models exist once build_plans has set Django up (this script runs outside Django).
    from exports.models import ExportJob  # noqa: PLC0415

    worker = subprocess.Popen([PY, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.1"], cwd=ROOT,
                              env={**os.environ, **SERVER_ENV}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cookie = f"sessionid={plan['session']}"
    seconds = []
    try:
        for _ in range(runs):
            form = urllib.request.Request(f"{HOST}/indicatori/rendicontazione/?ambito=",  # noqa: S310 - loopback
                                          headers={"Cookie": cookie})
            with urllib.request.urlopen(form, timeout=60) as response:  # noqa: S310
                page = response.read().decode()
                csrf = next(c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []
                            if c.startswith("csrftoken="))
            token = html.unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
            start_ts = re.search(r'name="dal" value="([^"]+)"', page)
            end_ts = re.search(r'name="al" value="([^"]+)"', page)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "ambito": "", "formato": "xlsx",
                                           "dal": start_ts.group(1), "al": end_ts.group(1)}).encode()
            last = ExportJob.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            started = datetime.now(UTC)
            request = urllib.request.Request(f"{HOST}/indicatori/rendicontazione/", data=body,  # noqa: S310
                                             headers={"Cookie": f"{cookie}; {csrf}",
                                                      "Content-Type": "application/x-www-form-urlencoded"})
            opener = urllib.request.build_opener(NoRedirect)
            try:
                opener.open(request, timeout=60)
            except urllib.error.HTTPError as error:
                if error.code != 302:
                    raise
            for _tick in range(3000):
                job = ExportJob.objects.filter(pk__gt=last, kind="rendicontazione").order_by("pk").first()
                if job and not job.pending:
                    break
                time.sleep(0.1)
            if job is None or job.stato != ExportJob.Stato.PRONTA:
                return {"error": f"job {getattr(job, 'stato', 'missing')}: {getattr(job, 'errore', '')}", "runs": []}
            seconds.append(round((job.finished_at - started).total_seconds(), 2))
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    ordered = sorted(seconds)
    return {"users": 1, "requests": len(seconds), "failures": 0, "seconds": seconds,
            "p50_ms": ordered[len(ordered) // 2] * 1000, "p95_ms": ordered[-1] * 1000, "p99_ms": ordered[-1] * 1000,
            "rps": 0.0, "load_after": load()}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run_locust(plan: dict, users: int, workdir: Path) -> dict:
    plan_file = workdir / "plan.json"
    plan_file.write_text(json.dumps(plan))
    prefix = workdir / f"stats-{users}"
    command = [PY, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
               "-r", str(users), "-t", f"{SECONDS}s", "--host", HOST, "--csv", str(prefix), "--only-summary",
               "--reset-stats", "--stop-timeout", "30", "--loglevel", "ERROR", "--skip-log-setup"]
    subprocess.run(command, env={**os.environ, "BENCH_PLAN": str(plan_file)}, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows.get(plan["name"]) or rows.get("Aggregated")

    def num(column: str) -> float:
        value = row.get(column, "") if row else ""
        return float(value) if value not in ("", "N/A") else 0.0

    return {"users": users, "requests": int(num("Request Count")), "failures": int(num("Failure Count")),
            "p50_ms": num("50%"), "p95_ms": num("95%"), "p99_ms": num("99%"), "mean_ms": round(num("Average Response Time"), 1),
            "rps": round(num("Requests/s"), 2), "load_after": load()}


def main() -> None:
    started = datetime.now(UTC)
    info = {"machine": machine(), "started": started.isoformat(timespec="seconds")}
    say(f"Macchina: {info['machine']['nproc']} core, {info['machine']['cpu']}; {info['machine']['uptime_at_start']}")
    info["seed_seconds"] = ensure_database()
    plans, data = build_plans(max(LEVELS))
    info["data"] = data
    info["settings"] = {"levels": LEVELS, "seconds_per_run": SECONDS, "gunicorn_workers": WORKERS,
                        "think_seconds": float(env("BENCH_THINK", "0")),
                        "gunicorn": "sync workers", "families_requested": FAMILIES, "seed": SEED}
    info["git"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip()
    manage("collectstatic", "--noinput", "-v0")
    server = start_server()
    results: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for key, plan in plans.items():
                if plan.get("region"):
                    run = measure_region_report(plan, int(env("BENCH_REGION_RUNS", "3")))
                    if run.get("error"):
                        say(f"{key}: {run['error']}")
                        results[key] = {"key": key, "name": plan["name"], "error": run["error"], "runs": []}
                        continue
                    say(f"{plan['name'][:58]:58}: {', '.join(f'{s:.1f} s' for s in run['seconds'])}")
                    results[key] = {"key": key, "name": plan["name"], "runs": [run]}
                    continue
                # Warm up every worker on the page (imports, template caches), and check that it answers.
                statuses, times = [], []
                for entry in plan["entries"][: max(8, WORKERS * 2)]:
                    status, seconds = fetch(entry)
                    statuses.append(status)
                    times.append(seconds)
                if any(s != 200 for s in statuses):
                    say(f"{key}: HTTP {sorted(set(statuses))} — saltata")
                    results[key] = {"key": key, "name": plan["name"], "error": f"HTTP {sorted(set(statuses))}", "runs": []}
                    continue
                runs = []
                for users in LEVELS:
                    run = run_locust(plan, users, Path(tmp))
                    runs.append(run)
                    say(f"{plan['name'][:58]:58} {users:>3} utenti: p50 {run['p50_ms']:>6.0f} ms  p95 "
                        f"{run['p95_ms']:>6.0f} ms  p99 {run['p99_ms']:>6.0f} ms  {run['rps']:>7.1f} req/s "
                        f"({run['failures']} errori)  load {run['load_after'][0]}")
                results[key] = {"key": key, "name": plan["name"], "url_example": plan["entries"][0]["url"],
                                "warmup_ms": [round(t * 1000) for t in times], "runs": runs}
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = {run["users"]: run["rps"] for run in results.get("bare", {}).get("runs", [])}
    for page in results.values():
        for run in page["runs"]:
            run["ratio_to_bare"] = (round(run["rps"] / bare[run["users"]], 3)
                                    if bare.get(run["users"]) and "seconds" not in run else None)
    info["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    info["uptime_at_end"] = uptime()
    info["pages"] = results
    info["targets"] = {"p95_ms_at_8_users": TARGET_P95_MS}
    print_table(info)
    output = Path(env("BENCH_OUTPUT", str(ROOT / "bench" / "results" /
                                        f"{started:%Y-%m-%d}-{info['machine']['host']}.json")))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"Risultati: {output}")


def print_table(info: dict) -> None:
    m = info["machine"]
    say("")
    say(f"Trama bench — {info['data']['families']} famiglie, {info['data']['ambiti']} ambiti; "
        f"{m['nproc']} core {m['cpu']}; gunicorn {info['settings']['gunicorn_workers']} worker; "
        f"{info['settings']['seconds_per_run']} s per misura")
    header = f"{'pagina':58} {'utenti':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} {'×nuda':>6} {'err':>4}"
    say(header)
    say("-" * len(header))
    for page in info["pages"].values():
        if page.get("error"):
            say(f"{page['name'][:58]:58} {page['error']}")
            continue
        for run in page["runs"]:
            flag = (" !" if run["users"] == 8 and run["p95_ms"] > TARGET_P95_MS and page["key"] not in REFERENCE
                    and not page["key"].startswith("report") else "")
            ratio = f"{run['ratio_to_bare']:.3f}" if run.get("ratio_to_bare") is not None else "-"
            say(f"{page['name'][:58]:58} {run['users']:>6} {run['p50_ms']:>7.0f} {run['p95_ms']:>7.0f} "
                f"{run['p99_ms']:>7.0f} {run['rps']:>7.1f} {ratio:>6} {run['failures']:>4}{flag}")
    for missing in info["data"].get("missing", []):
        say(f"Non misurato: {missing}")
    say(f"Carico: all'inizio {m['uptime_at_start']}; alla fine {info['uptime_at_end']}")


def markdown(path: str) -> None:
    """`bench/run.py --markdown results.json`: the table of a run, for the documentation."""
    info = json.loads(Path(path).read_text(encoding="utf-8"))
    print("| pagina | utenti | p50 ms | p95 ms | p99 ms | req/s | × vista nuda |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for page in info["pages"].values():
        for run in page.get("runs", []):
            ratio = f"{run['ratio_to_bare']:.3f}" if run.get("ratio_to_bare") is not None else "–"
            print(f"| {page['name']} | {run['users']} | {run['p50_ms']:.0f} | {run['p95_ms']:.0f} | "
                  f"{run['p99_ms']:.0f} | {run['rps']:.1f} | {ratio} |")


def compare(before_path: str, after_path: str) -> None:
    """`bench/run.py --compare before.json after.json`: one row per page, "before → after", for the notes."""
    before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (before_path, after_path))

    def runs(info: dict, key: str) -> dict[int, dict]:
        return {run["users"]: run for run in info["pages"].get(key, {}).get("runs", [])}

    def cell(key: str, users: int, field: str, fmt: str) -> str:
        values = [runs(info, key).get(users, {}).get(field) for info in (before, after)]
        return " → ".join("–" if v is None else format(v, fmt) for v in values)

    print("| pagina | p50 ms, 1 utente | p95 ms, 8 utenti | req/s, 8 utenti | p95 ms, 32 utenti |")
    print("|---|---|---|---|---|")
    for key, page in after["pages"].items():
        print(f"| {page['name']} | {cell(key, 1, 'p50_ms', '.0f')} | {cell(key, 8, 'p95_ms', '.0f')} | "
              f"{cell(key, 8, 'rps', '.1f')} | {cell(key, 32, 'p95_ms', '.0f')} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--markdown"]:
        markdown(sys.argv[2])
    elif sys.argv[1:2] == ["--compare"]:
        compare(sys.argv[2], sys.argv[3])
    else:
        main()
