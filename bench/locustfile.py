"""One page at a time, hammered by N simulated users without pause (driven by bench/run.py).

BENCH_PLAN (JSON file) gives, per simulated user, the session cookie and the URL to ask for; user i
takes the i-th entry (modulo), so that concurrent users are different operators.
"""

import itertools
import json
import os

from locust import HttpUser, constant, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
NAME = PLAN["name"]
_entries = itertools.cycle(PLAN["entries"])


class PageUser(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        entry = next(_entries)
        self.url = entry["url"]
        if entry.get("session"):
            self.client.cookies.set("sessionid", entry["session"])

    @task
    def page(self):
        with self.client.get(self.url, name=NAME, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
