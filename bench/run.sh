#!/usr/bin/env bash
# Benchmarks healthcheck side by side with py-healthcheck 1.10.1 (Flask under gunicorn) and
# axum-health 0.2.1 (axum), on 127.0.0.1, with wrk. Prints a Markdown table; writes it to
# target/bench/results.md. `bench/run.sh --quick` is a smoke run of under a minute once built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/bench
mkdir -p "$OUT"

if [[ "${1:-}" == "--quick" ]]; then
  MODE=quick DURATION=1 FANOUT_SAMPLES=1 HANG_REQUESTS=1000 SOAK=4
else
  MODE=full DURATION=10 FANOUT_SAMPLES=10 HANG_REQUESTS=10000 SOAK=60
fi

say() { echo "== $*" >&2; }

# --- tools and builds ---------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
say "building release binaries"
cargo build --release --quiet -p healthcheck-bench-server
(cd bench/axum-health-demo && cargo build --release --quiet)
if [[ ! -x bench/.venv/bin/gunicorn ]]; then
  say "creating the py-healthcheck virtualenv"
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet flask gunicorn py-healthcheck==1.10.1
fi
# A deliberate panic with RUST_BACKTRACE set makes a Rust server symbolize a backtrace, which
# loads debug info and adds ~35 MiB of resident memory: servers run without it.
unset RUST_BACKTRACE
HC_BIN=$ROOT/target/release/healthcheck-bench-server
AXUM_BIN=$ROOT/bench/axum-health-demo/target/release/axum-health-demo

# --- servers -------------------------------------------------------------------------------
# Each server runs in a process group of its own (setsid), and is stopped by killing the whole
# group: gunicorn's master respawns a worker killed alone, so a worker could outlive it.
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

PORT=18400
# start IMPL WORKLOAD: starts a server on a fresh port; sets PID, BASE and HEALTH (its path).
start() {
  local impl=$1 workload=$2
  PORT=$((PORT + 1))
  BASE=http://127.0.0.1:$PORT
  case $impl in
    healthcheck)
      setsid "$HC_BIN" "$workload" "$PORT" >"$OUT/server.log" 2>&1 &
      HEALTH=/healthcheck ;;
    py-healthcheck)
      : >"$OUT/runs"
      WORKLOAD=$workload RUNS_FILE=$OUT/runs setsid bench/.venv/bin/gunicorn -w 4 --timeout 30 \
        -b "127.0.0.1:$PORT" --chdir bench/py app:app >"$OUT/server.log" 2>&1 &
      HEALTH=/healthcheck ;;
    axum-health)
      setsid "$AXUM_BIN" "$workload" "$PORT" >"$OUT/server.log" 2>&1 &
      HEALTH=/health ;;
  esac
  PID=$!
  STARTED+=("$PID")
  for _ in $(seq 100); do
    curl -s -m 1 -o /dev/null "$BASE/stats" && return 0
    sleep 0.1
  done
  echo "$impl $workload did not start" >&2
  cat "$OUT/server.log" >&2
  exit 1
}

stop() {
  kill -KILL -- "-$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  # The port must be free before the next server takes the next one.
  while curl -s -m 1 -o /dev/null "$BASE/stats"; do sleep 0.1; done
}

# Threads and resident memory (kB) of the server's process group.
tree_sum() {
  local column=$1
  ps -e -o pgid=,nlwp=,rss= | awk -v group="$PID" -v col="$column" '$1 == group { sum += $col } END { print sum + 0 }'
}
threads() { tree_sum 2; }
rss_kb() { tree_sum 3; }
stat() {
  curl -s -m 2 "$BASE/stats" | python3 -c "
import json, sys
try:
    print(json.load(sys.stdin).get('$1', 'n/a'))
except ValueError:
    print('no answer')"
}

# wrk URL SECONDS CONNECTIONS [0 [body-prefix]]: prints the RESULT fields.
wrk_result() {
  local url=$1 seconds=$2 connections=$3 limit=${4:-0} prefix=${5:-}
  local threads=2
  [[ $connections -lt 2 ]] && threads=1
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency -s bench/count.lua \
    "$url" -- "$limit" "$prefix" 2>/dev/null | grep '^RESULT' | sed 's/^RESULT //'
}
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 else 'n/a')"; }

TABLE=$OUT/results.md
{
  echo "Mode: $MODE ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'))"
  echo
} >"$TABLE"
row() { echo "| $* |" >>"$TABLE"; }

# --- 1. cached /healthcheck vs a static route in the same server ----------------------------
say "1. cached health check vs static route"
{ echo; echo "### 1. Cached health check, one passing check (${DURATION} s, 64 connections)"; echo
  echo "| library | health req/s | static req/s | health / static |"; echo "|---|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck axum-health; do
  start "$impl" cached
  health=$(wrk_result "$BASE$HEALTH" "$DURATION" 64)
  static=$(wrk_result "$BASE/static" "$DURATION" 64)
  row "$impl | $(field "$health" rps) | $(field "$static" rps) | $(ratio "$(field "$health" rps)" "$(field "$static" rps)")"
  stop
done

# --- 2. 20 checks of 100 ms, no cache -------------------------------------------------------
say "2. twenty 100 ms checks"
{ echo; echo "### 2. Twenty checks of 100 ms each, no cache ($FANOUT_SAMPLES requests, one at a time)"; echo
  echo "| library | mean latency (ms) | latency / slowest check |"; echo "|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck axum-health; do
  start "$impl" fanout
  mean=$(for _ in $(seq "$FANOUT_SAMPLES"); do
           field "$(python3 bench/stampede.py "$BASE$HEALTH" 1 | sed 's/^RESULT //')" p50_ms
         done | awk '{ sum += $1 } END { printf "%.1f", sum / NR }')
  row "$impl | $mean | $(ratio "$mean" 100)"
  stop
done

# --- 3. stampede: 500 concurrent requests on a cold cache -----------------------------------
say "3. stampede"
{ echo; echo "### 3. Stampede: 500 requests at once on a cold cache, one 300 ms check"; echo
  echo "| library | check runs | answers (status:count) | seconds |"; echo "|---|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck axum-health; do
  start "$impl" stampede
  result=$(python3 bench/stampede.py "$BASE$HEALTH" 500 | sed 's/^RESULT //')
  row "$impl | $(stat runs) | $(field "$result" statuses) | $(field "$result" seconds)"
  stop
done

# --- 4. a check that never answers ----------------------------------------------------------
say "4. a check that never answers"
{ echo; echo "### 4. A check that never answers (healthcheck's deadline: 100 ms)"; echo
  echo "100 requests at once, answers counted after 2 s; then, for healthcheck, about $HANG_REQUESTS"
  echo "requests over 100 connections with wrk. Threads and tasks are read before and after."
  echo "py-healthcheck and axum-health have no deadline: their requests wait as long as the check."
  echo
  echo "| library | answered in 2 s (of 100) | p50 / p99 (ms) | wrk: requests, p50 / p99 (ms) | threads before → after | tasks before → after |"
  echo "|---|---|---|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck axum-health; do
  start "$impl" hang
  threads_before=$(threads); tasks_before=$(stat tasks)
  burst=$(python3 bench/stampede.py "$BASE$HEALTH" 100 2 | sed 's/^RESULT //')
  sustained="n/a"
  if [[ $impl == healthcheck ]]; then
    # wrk runs for a duration, not a count: 100 connections at the 100 ms deadline answer
    # about 1,000 requests a second.
    result=$(wrk_result "$BASE$HEALTH" $((HANG_REQUESTS / 1000 + 1)) 100)
    sustained="$(field "$result" requests), $(field "$result" p50_ms) / $(field "$result" p99_ms)"
  fi
  row "$impl | $(field "$burst" answered) | $(field "$burst" p50_ms) / $(field "$burst" p99_ms) | $sustained | $threads_before → $(threads) | $tasks_before → $(stat tasks)"
  stop
done

# --- 5. /environment ------------------------------------------------------------------------
# Throughput at 16 connections; latency also at 4, below saturation (on 2 cores, wrk and the
# server share the CPU: at 16 connections p99 measures the queue, for a static route as well).
say "5. environment dump"
{ echo; echo "### 5. Environment dump (${DURATION} s each: 16 connections, then 4)"; echo
  echo "| library | req/s (16) | p50 / p99 ms (16) | p50 / p99 ms (4) | static route p50 / p99 ms (4) |"
  echo "|---|---|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck; do
  start "$impl" environment
  result=$(wrk_result "$BASE/environment" "$DURATION" 16)
  light=$(wrk_result "$BASE/environment" "$DURATION" 4)
  static=$(wrk_result "$BASE/static" "$DURATION" 4)
  row "$impl | $(field "$result" rps) | $(field "$result" p50_ms) / $(field "$result" p99_ms) | $(field "$light" p50_ms) / $(field "$light" p99_ms) | $(field "$static" p50_ms) / $(field "$static" p99_ms)"
  stop
done
row "axum-health | no environment endpoint | | | "

# --- 6. soak with flapping checks -----------------------------------------------------------
say "6. soak, ${SOAK} s"
{ echo; echo "### 6. Soak: ${SOAK} s of a check flapping between pass, fail, panic/exception and never answering (16 connections)"; echo
  echo "| library | answers (status:count) | malformed bodies | socket errors | timed out (5 s) | RSS start → end (MiB) |"
  echo "|---|---|---|---|---|---|"; } >>"$TABLE"
for impl in healthcheck py-healthcheck axum-health; do
  start "$impl" soak
  rss_start=$(rss_kb)
  prefix='{"hostname"'
  [[ $impl == axum-health ]] && prefix='{"status"'
  result=$(wrk_result "$BASE$HEALTH" "$SOAK" 16 0 "$prefix")
  row "$impl | $(field "$result" statuses) | $(field "$result" malformed) | $(field "$result" socket_errors) | $(field "$result" timeouts) | $(python3 -c "print(f'{$rss_start/1024:.1f} → {$(rss_kb)/1024:.1f}')")"
  stop
done

# --- 7. scaling with the number of checks ---------------------------------------------------
say "7. scaling: 1, 10, 100, 1000 checks"
{ echo; echo "### 7. Scaling with the number of checks: healthcheck alone (${DURATION} s each, 64 connections)"; echo
  echo "Cached: \`/healthcheck\` while the results are fresh. Static: a route in the same server"
  echo "answering the same bytes. Cold: every request runs every check (\`no_cache()\`)."
  echo
  echo "| checks | body (bytes) | cached req/s | p50 / p99 (ms) | static req/s | cached / static | cold req/s | cold p50 / p99 (ms) |"
  echo "|---|---|---|---|---|---|---|---|"; } >>"$TABLE"
for count in 1 10 100 1000; do
  start healthcheck "scale-$count"
  curl -s -o /dev/null "$BASE$HEALTH"
  bytes=$(curl -s "$BASE$HEALTH" | wc -c)
  cached=$(wrk_result "$BASE$HEALTH" "$DURATION" 64)
  static=$(wrk_result "$BASE/static" "$DURATION" 64)
  cold=$(wrk_result "$BASE/cold" "$DURATION" 64)
  row "$count | $bytes | $(field "$cached" rps) | $(field "$cached" p50_ms) / $(field "$cached" p99_ms) | $(field "$static" rps) | $(ratio "$(field "$cached" rps)" "$(field "$static" rps)") | $(field "$cold" rps) | $(field "$cold" p50_ms) / $(field "$cold" p99_ms)"
  stop
done

# --- 8. background results and metrics ------------------------------------------------------
say "8. background results beside the cached path; a scrape of 1,000 checks' metrics"
{ echo; echo "### 8. Background results beside the cached path: healthcheck alone, one passing check (${DURATION} s, 64 connections)"; echo
  echo "Cached: run on request, cached 27 s. Background: run every second by its schedule, requests"
  echo "read the latest result. Static: a route in the same server answering the same bytes."
  echo
  echo "| served from | req/s | p50 / p99 (ms) | static req/s | health / static | check runs during wrk |"
  echo "|---|---|---|---|---|---|"; } >>"$TABLE"
for workload in cached background; do
  start healthcheck "$workload"
  curl -s -o /dev/null "$BASE$HEALTH"
  runs_before=$(stat runs)
  health=$(wrk_result "$BASE$HEALTH" "$DURATION" 64)
  runs=$(( $(stat runs) - runs_before ))
  static=$(wrk_result "$BASE/static" "$DURATION" 64)
  row "$workload | $(field "$health" rps) | $(field "$health" p50_ms) / $(field "$health" p99_ms) | $(field "$static" rps) | $(ratio "$(field "$health" rps)" "$(field "$static" rps)") | $runs"
  stop
done
{ echo; echo "A scrape of \`/metrics\` with 1,000 background checks (${DURATION} s each: 1 connection, then 8)"; echo
  echo "| checks | body (bytes) | scrapes/s (1) | p50 / p99 ms (1) | scrapes/s (8) | p50 / p99 ms (8) |"
  echo "|---|---|---|---|---|---|"; } >>"$TABLE"
start healthcheck metrics-1000
for _ in $(seq 100); do [[ $(stat runs) -ge 1000 ]] && break; sleep 0.1; done
bytes=$(curl -s "$BASE/metrics" | wc -c)
one=$(wrk_result "$BASE/metrics" "$DURATION" 1)
eight=$(wrk_result "$BASE/metrics" "$DURATION" 8)
row "1000 | $bytes | $(field "$one" rps) | $(field "$one" p50_ms) / $(field "$one" p99_ms) | $(field "$eight" rps) | $(field "$eight" p50_ms) / $(field "$eight" p99_ms)"
stop

cat "$TABLE"
