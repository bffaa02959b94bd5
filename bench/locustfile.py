"""Locust users for `make bench`: respondents saving answer pages, or the bare baseline.

Run by bench/locust_runs.py (headless). BENCH_SCENARIO picks the behaviour:
- baseline: POST the same JSON body to the one-insert baseline view;
- saves: each user has its own started invitation and saves random answer pages back to back;
- paced: like saves, but each user pauses about BENCH_PACE seconds between saves (a realistic rush);
- fault: like saves, but a failed save is retried (as static/js/respond.js does) until acknowledged,
  and every acknowledged save is recorded so bench/fault.py can check it survived the restart.
Each process writes what it saw to BENCH_OUT (JSON) when it stops.
"""

import json
import os
import random
import sys
import time
from collections import Counter
from http.cookiejar import Cookie
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.pages import page_fields  # noqa: E402 (locust runs this file outside the project's path)

SCENARIO = os.environ.get("BENCH_SCENARIO", "saves")
TOKENS = json.loads(Path(os.environ["BENCH_TOKENS"]).read_text()) if os.environ.get("BENCH_TOKENS") else []
STEPS = (
    {int(k): v for k, v in json.loads(Path(os.environ["BENCH_STEPS"]).read_text()).items()}
    if os.environ.get("BENCH_STEPS")
    else {}
)
RETRY_PAUSE = 0.5
PACE = float(os.environ.get("BENCH_PACE", "1.0"))
MEASURED = {"save", "baseline"}

RECORD = {
    "latencies_ms": [],
    "statuses": Counter(),
    "first": None,
    "last": None,
    "acks": [],
    "attempts": [],
    "setup_failures": 0,
    "server_errors_with_trace": 0,
}


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    if name not in MEASURED:
        return
    now = time.time()
    RECORD["first"] = RECORD["first"] or now - response_time / 1000
    RECORD["last"] = now
    status = getattr(response, "status_code", 0) or 0
    RECORD["latencies_ms"].append(response_time)
    RECORD["statuses"][str(status)] += 1
    if status >= 500 and response is not None and "Traceback" in (response.text or ""):
        RECORD["server_errors_with_trace"] += 1


@events.quitting.add_listener
def _dump(environment, **kwargs):
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump(RECORD, out)


class Respondent(FastHttpUser):
    # saves/fault: a closed loop, the next save goes as soon as the last one is answered (maximum
    # throughput). paced: each respondent thinks 0.5 to 1.5 x PACE seconds between saves, like a
    # person answering; the spread keeps 50 users from firing in lockstep.
    wait_time = between(0.5 * PACE, 1.5 * PACE) if SCENARIO == "paced" else constant(0)

    def on_start(self):
        self.ready = False
        if SCENARIO == "baseline":
            self.ready = True
            return
        if not TOKENS:
            RECORD["setup_failures"] += 1
            return
        # bench/locust_runs.py opened the link and started the survey for this respondent beforehand, so
        # the measured window holds nothing but saves.
        session = TOKENS.pop()
        self.token, self.csrf, self.version, self.seq = session["token"], session["csrf"], session["version"], 0
        for name, value in session["cookies"].items():
            self.client.cookiejar.set_cookie(_cookie(name, value))
        self.ready = True

    @task
    def save(self):
        if not self.ready:
            gevent.sleep(1)
            return
        if SCENARIO == "baseline":
            self.client.post(
                "/bench/baseline/", json={"step": 1, "version": 0, "fields": {"c-x": "3"}}, name="baseline"
            )
            return
        step = random.choice(sorted(STEPS))
        self._save(step, page_fields(STEPS[step], random))

    def _post(self, payload):
        return self.client.post(
            "/r/save/",
            json=payload,
            headers={"X-CSRFToken": self.csrf, "Accept": "application/json"},
            name="save",
        )

    def _ack(self, step, fields, seq, version):
        self.version = version
        RECORD["acks"].append({"token": self.token, "step": step, "seq": seq, "version": version, "fields": fields})

    def _save(self, step, fields):
        self.seq += 1
        seq = self.seq
        payload = {"step": step, "version": self.version, "fields": fields}
        if SCENARIO == "fault":
            RECORD["attempts"].append({"token": self.token, "step": step, "seq": seq, "fields": fields})
        while True:
            response = self._post(payload)
            body = _json(response)
            if response.status_code == 200 and body.get("ok"):
                self._ack(step, fields, seq, body["version"])
                return
            if SCENARIO != "fault":
                return
            if response.status_code == 409 and body.get("conflict"):
                # An earlier try of this same save was committed, only its answer got lost.
                if all(body.get("fields", {}).get(k) == v for k, v in fields.items()):
                    self._ack(step, fields, seq, body["version"])
                    return
                payload["version"] = body["version"]
                continue
            gevent.sleep(RETRY_PAUSE)  # 503 or no connection: wait and send the same answers again


def _cookie(name, value):
    return Cookie(0, name, value, None, False, "127.0.0.1", True, False, "/", True, False, None, False, None, None, {})


def _json(response):
    try:
        return response.json() if response.text else {}
    except ValueError:
        return {}
