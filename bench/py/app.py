"""The py-healthcheck 1.10.1 side of bench/run.sh: Flask under gunicorn, one workload per start.

WORKLOAD picks the checks; RUNS_FILE collects one byte per check run across gunicorn's workers.
py-healthcheck has no deadlines: a check that never answers holds its worker until gunicorn's
timeout kills it.
"""
import json
import os
import time

from flask import Flask, Response
from healthcheck import EnvironmentDump, HealthCheck

WORKLOAD = os.environ["WORKLOAD"]
RUNS_FILE = os.environ["RUNS_FILE"]


def counted():
    with open(RUNS_FILE, "ab") as runs:
        runs.write(b"x")
    return os.path.getsize(RUNS_FILE) - 1


def ping():
    counted()
    return True, "pong"


def slow(seconds):
    def check():
        counted()
        time.sleep(seconds)
        return True, f"answered in {seconds * 1000:.0f} ms"
    return check


def hangs():
    counted()
    time.sleep(3600)
    return True, "never"


def flapping():
    state = counted() % 4
    if state == 0:
        return True, "up"
    if state == 1:
        return False, "down"
    if state == 2:
        raise RuntimeError("flapped into an exception")
    time.sleep(3600)
    return True, "never"


app = Flask(__name__)
no_cache = WORKLOAD in ("fanout", "hang", "soak")
health = HealthCheck(success_ttl=0 if no_cache else 27, failed_ttl=0 if no_cache else 9)
if WORKLOAD in ("cached", "environment"):
    health.add_check(ping)
elif WORKLOAD == "fanout":
    for index in range(20):
        check = slow(0.1)
        check.__name__ = f"dependency_{index:02}"
        health.add_check(check)
elif WORKLOAD == "stampede":
    health.add_check(slow(0.3))
elif WORKLOAD == "hang":
    health.add_check(hangs)
elif WORKLOAD == "soak":
    health.add_check(flapping)
envdump = EnvironmentDump()

STATIC_BODY = None


@app.route("/healthcheck")
def healthcheck():
    return health.run()


@app.route("/environment")
def environment():
    return envdump.run()


@app.route("/static")
def static_route():
    # The ceiling: the same body as a cached report, rendered once.
    global STATIC_BODY
    if STATIC_BODY is None:
        STATIC_BODY = health.run()[0]
    return Response(STATIC_BODY, content_type="application/json")


@app.route("/stats")
def stats():
    return Response(json.dumps({"runs": os.path.getsize(RUNS_FILE)}), content_type="application/json")
