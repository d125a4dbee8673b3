"""One page at a time, hammered by N simulated users without pause (driven by bench/run.py).

BENCH_PLAN (JSON file) gives, per simulated user, the session cookie and the URL to ask for; user i
takes the i-th entry (modulo), so that concurrent users are different operators. FastHttpUser
(geventhttpclient) keeps the load generator's own CPU use low: it shares the machine with the server.
"""

import itertools
import json
import os
from pathlib import Path

from locust import FastHttpUser, between, constant, task

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text(encoding="utf-8"))
NAME = PLAN["name"]
THINK = float(os.environ.get("BENCH_THINK", "0"))
_entries = itertools.cycle(PLAN["entries"])


class PageUser(FastHttpUser):
    # BENCH_THINK: seconds each simulated user waits between two pages on average, uniformly from half to
    # one and a half times it so that the users do not move in step (0: a closed loop, the default).
    wait_time = between(THINK / 2, THINK * 1.5) if THINK else constant(0)
    network_timeout = 300.0
    connection_timeout = 10.0

    def on_start(self):
        entry = next(_entries)
        self.url = entry["url"]
        self.headers = {"Cookie": f"sessionid={entry['session']}"} if entry.get("session") else {}

    @task
    def page(self):
        with self.client.get(self.url, name=NAME, headers=self.headers, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
