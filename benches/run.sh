#!/usr/bin/env bash
# The national-scale benchmark, side by side in one run: builds the release binary, generates
# (or reuses) the national data set, starts the server and nginx on loopback ports, signs in,
# measures every page type and a write mix with wrk, and writes the table into BENCHMARKS.md.
#
#   benches/run.sh                      # the whole thing (about 5 minutes after the build)
#   DURATION=5s benches/run.sh          # shorter runs
#   BENCH_NOTE="after indexes" benches/run.sh
#   BENCH_ONLY="Post|Finding" benches/run.sh   # only some measurements (no BENCHMARKS.md)
#
# Needs: cargo, python3, curl; installs wrk and nginx with apt-get when missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/bench
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-39080}
NGINX_PORT=${NGINX_PORT:-39081}
# The generated data set stays as generated; each run works on a copy of it (a run posts
# thousands of updates, and a reused record would grow run by run).
GENERATED=$OUT/national.db
DB=$OUT/run.db
BIN=${BIN:-$ROOT/target/release/scrutineer}
EMAIL=bench.office@example.org
PANEL_EMAIL=bench.panel@example.org
PASSWORD='a long benchmark password 12345'
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
: >"$RESULTS"

log() { printf '\n== %s\n' "$*" >&2; }

install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    command -v curl >/dev/null || missing+=(curl)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

SERVER_PID=
NGINX_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    true
}
trap cleanup EXIT

install_tools

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    log "building the release binary"
    cargo build --release --quiet
fi

# The data set is reused while the generator and the schema are unchanged.
PLAN_KEY=$(cat src/db/synthetic/*.rs src/db/snapshot/*.rs migrations/*.sql | sha256sum | cut -c1-16)
GENERATED_SECONDS=reused
if [ ! -f "$GENERATED" ] || [ "$(cat "$OUT/national.key" 2>/dev/null)" != "$PLAN_KEY" ]; then
    log "generating the national data set into $GENERATED"
    rm -f "$GENERATED" "$GENERATED-wal" "$GENERATED-shm" "$OUT/national.key"
    started=$(date +%s.%N)
    "$BIN" --database "$GENERATED" seed --synthetic national
    GENERATED_SECONDS=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
    echo "$PLAN_KEY" >"$OUT/national.key"
    echo "$GENERATED_SECONDS" >"$OUT/national.seconds"
fi
rm -f "$DB" "$DB-wal" "$DB-shm"
for part in "" -wal; do
    if [ -f "$GENERATED$part" ]; then cp "$GENERATED$part" "$DB$part"; fi
done
# On disk before the server starts, so that writing the copy back does not share the disk
# with the writes being measured.
sync
# An office account for the signed-in pages and the writes, and the first administrator (so
# that starting the server writes nothing); both already there when the data set is reused.
"$BIN" --database "$DB" user add --email "$EMAIL" --role office --name "Benchmark office" \
    >/dev/null 2>&1 || true
"$BIN" --database "$DB" user add --email admin@localhost --role admin >/dev/null 2>&1 || true
"$BIN" --database "$DB" user add --email "$PANEL_EMAIL" --role panel --name "Benchmark panel" \
    >/dev/null 2>&1 || true
one_time() { "$BIN" --database "$DB" user reset-password "$1" | sed -n 's/.*One-time password: //p'; }
ONE_TIME=$(one_time "$EMAIL")
PANEL_ONE_TIME=$(one_time "$PANEL_EMAIL")
DB_MB=$(du -m "$DB" | cut -f1)

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the server on 127.0.0.1:$PORT (load average $LOAD_START)"
URL=http://127.0.0.1:$PORT
start_ns=$(date +%s%N)
RUST_LOG=warn BIND_ADDR=127.0.0.1:$PORT "$BIN" --database "$DB" --no-example-data serve \
    >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
first_ok() { # path -> milliseconds from spawn to the first 200
    while [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL$1")" != 200 ]; do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
        sleep 0.005
    done
    echo $((($(date +%s%N) - start_ns) / 1000000))
}
FIRST_HEALTHZ_MS=$(first_ok /healthz)
FIRST_HOME_MS=$(first_ok /)

# Sign in as $1 with the one-time password $2, changing it as a first sign-in must: sets
# SIGNED_COOKIE and SIGNED_TOKEN (the session's CSRF token).
sign_in() {
    local jar=$OUT/cookies-$1.txt
    log "signing in as $1"
    rm -f "$jar"
    curl -s -o /dev/null -c "$jar" -b "$jar" "$URL/sign-in"
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" \
        --data-urlencode "password=$2" "$URL/sign-in"
    csrf() { curl -s -b "$jar" "$URL$1" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }
    local token
    token=$(csrf /account/password)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$token" \
        --data-urlencode "current_password=$2" --data-urlencode "new_password=$PASSWORD" \
        --data-urlencode "confirm_password=$PASSWORD" "$URL/account/password"
    SIGNED_COOKIE=$(awk '$6 == "scrutineer_session" {print $6 "=" $7}' "$jar" | tail -1)
    SIGNED_TOKEN=$(csrf /account/password)
    [ -n "$SIGNED_COOKIE" ] && [ -n "$SIGNED_TOKEN" ] || { echo "sign-in failed for $1" >&2; exit 1; }
}
sign_in "$PANEL_EMAIL" "$PANEL_ONE_TIME"
PANEL_COOKIE=$SIGNED_COOKIE
sign_in "$EMAIL" "$ONE_TIME"
COOKIE=$SIGNED_COOKIE
TOKEN=$SIGNED_TOKEN
JAR=$OUT/cookies-$EMAIL.txt

# What to ask for: ids in the middle of the data set.
sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$DB" "$1"; }
INSPECTION=$(sql "select id from inspections order by id limit 1 offset (select count(*) / 2 from inspections)")
FINDING=$(sql "select id from findings order by id limit 1 offset (select count(*) / 2 from findings)")
ACTIONS=$(sql "select group_concat('/actions/' || id || '/updates', ' ') from (select id from action_items order by id limit 200 offset 15000)")
SEARCH_QUERY=${SEARCH_QUERY:-investigation}
# Two thousand different searches (two words of the index's vocabulary each, the same every
# run), so that each is searched first, not found among those already ranked.
SEARCHES=$(python3 - "$DB" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("create virtual table temp.vocab using fts5vocab(main, search_index, 'row')")
terms = [t for (t,) in db.execute("select term from temp.vocab where term glob '[a-z]*' order by term")]
pairs = sorted({tuple(sorted(random.Random(n).sample(terms, 2))) for n in range(2400)})
random.Random(22).shuffle(pairs)
print(" ".join(f"/search?q={a}+{b}" for a, b in pairs[:2000]))
PY
)
FINDINGS=$(sql "select group_concat('/findings/' || id, ' ') from (select id from findings order by id limit 200 offset 5000)")
PUBLIC_PAGES=$(sql "select group_concat('/progress/inspections/' || id, ' ') from (select id from inspections order by id limit 50 offset 100)")

log "copying the public pages' bytes for nginx on 127.0.0.1:$NGINX_PORT"
NGX=$OUT/nginx
rm -rf "$NGX"
mkdir -p "$NGX/www/progress/inspections" "$NGX/tmp"
curl -s "$URL/" -o "$NGX/www/index.html"
curl -s "$URL/progress/inspections/$INSPECTION" -o "$NGX/www/progress/inspections/$INSPECTION"
sed -e "s#@PORT@#$NGINX_PORT#g" -e "s#@ROOT@#$NGX#g" benches/nginx.conf >"$NGX/nginx.conf"
"$NGINX" -c "$NGX/nginx.conf" -p "$NGX" 2>>"$NGX/error.log" &
NGINX_PID=$!
until curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; do sleep 0.05; done

measure() { # name url [env for wrk.lua...]
    local name=$1 url=$2
    shift 2
    # BENCH_ONLY (a grep pattern) measures only the matching names, for a quick look.
    if [ -n "${BENCH_ONLY:-}" ] && ! grep -qE "$BENCH_ONLY" <<<"$name"; then return; fi
    log "$name: $url"
    local out
    out=$(env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s \
        -s benches/wrk.lua "$url" | sed -n 's/^RESULT //p')
    local rss
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
    python3 - "$name" "$url" "$out" "$rss" >>"$RESULTS" <<'PY'
import json, sys
name, url, out, rss = sys.argv[1:]
r = json.loads(out)
r.update(name=name, url=url, rss_kb=int(rss), rps=r["requests"] / (r["duration_us"] / 1e6))
print(json.dumps(r))
PY
    tail -1 "$RESULTS" >&2
}

AUTH=(BENCH_COOKIE="$COOKIE")
# Dated yesterday: after every synthetic report's publication (an update dated before its report
# asks to be confirmed) and never in the future, whatever the time zone.
read -r AS_AT_DAY AS_AT_MONTH AS_AT_YEAR < <(date -d yesterday '+%-d %-m %Y')
BODY="csrf_token=$TOKEN&as_at_day=$AS_AT_DAY&as_at_month=$AS_AT_MONTH&as_at_year=$AS_AT_YEAR&rag=amber&narrative=Benchmark+progress+narrative."
# The static comparisons alternate, ROUNDS times each, and the report keeps each one's best
# round: on a shared machine a neighbour's build can land on either side of a single pair.
for _ in $(seq "${ROUNDS:-2}"); do
    measure "nginx: public home bytes" "http://127.0.0.1:$NGINX_PORT/"
    measure "Public home" "$URL/"
    measure "nginx: public inspection bytes" "http://127.0.0.1:$NGINX_PORT/progress/inspections/$INSPECTION"
    measure "Public inspection page" "$URL/progress/inspections/$INSPECTION"
done
# The dashboards build their snapshot of the whole record once per change: time that first
# request alone, then measure the steady state.
cold() { curl -s -o /dev/null -b "$JAR" -w '%{time_total}' "$URL$1" | python3 -c "print(round(float(input()) * 1000))"; }
DASHBOARD_COLD_MS=$(cold /dashboard)
measure "Dashboard overview" "$URL/dashboard" "${AUTH[@]}"
measure "Finding page" "$URL/findings/$FINDING" "${AUTH[@]}"
measure "Search" "$URL/search?q=$SEARCH_QUERY" "${AUTH[@]}"
measure "Search, a new query each time" "$URL/search" "${AUTH[@]}" BENCH_PATHS="$SEARCHES"
measure "CSV export (one inspection)" "$URL/inspections/$INSPECTION/findings.csv" "${AUTH[@]}"
measure "Post a progress update" "$URL/" "${AUTH[@]}" BENCH_METHOD=POST BENCH_BODY="$BODY" \
    BENCH_PATHS="$ACTIONS"
DASHBOARD_AFTER_WRITES_MS=$(cold /dashboard)

# Mixed load (issue 22): everyone at once while the office posts updates at a fixed rate –
# panel readers on the dashboard, office users on finding pages, the public on inspection pages.
mixed() { # writes per second
    local rate=$1 dir=$OUT/mixed-$1 pids=()
    if [ -n "${BENCH_ONLY:-}" ] && ! grep -qE "$BENCH_ONLY" <<<"Mixed"; then return; fi
    log "mixed load at $rate writes/s for $DURATION"
    mkdir -p "$dir"
    local wrk1=(wrk -t1 -d"$DURATION" --timeout 10s -s benches/wrk.lua)
    env BENCH_COOKIE="$PANEL_COOKIE" "${wrk1[@]}" -c8 "$URL/dashboard" >"$dir/panel" & pids+=($!)
    env BENCH_COOKIE="$COOKIE" BENCH_PATHS="$FINDINGS" "${wrk1[@]}" -c4 "$URL/" >"$dir/office" & pids+=($!)
    env BENCH_PATHS="$PUBLIC_PAGES" "${wrk1[@]}" -c4 "$URL/" >"$dir/public" & pids+=($!)
    # shellcheck disable=SC2086 # one path per word
    python3 benches/writer.py "$URL" "$rate" "${DURATION%s}" "$COOKIE" "$BODY" $ACTIONS >"$dir/writer" & pids+=($!)
    wait "${pids[@]}"
    local rss
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
    for side in panel office public writer; do
        python3 - "$side" "$rate" "$(sed -n 's/^RESULT //p' "$dir/$side")" "$rss" >>"$RESULTS" <<'PY'
import json, sys
side, rate, out, rss = sys.argv[1:]
names = {"panel": "panel readers on the dashboard (8)", "office": "office on finding pages (4)",
         "public": "public on inspection pages (4)", "writer": "office posting updates"}
r = json.loads(out)
r.update(name=f"Mixed, {rate} writes/s: {names[side]}", mixed_rate=float(rate), side=side,
         rss_kb=int(rss), rps=r["requests"] / (r["duration_us"] / 1e6))
print(json.dumps(r))
PY
        tail -1 "$RESULTS" >&2
    done
}
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
mixed 1
mixed 10
MIXED_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")

if [ -n "${BENCH_ONLY:-}" ]; then
    echo "peak memory $((PEAK_KB / 1024)) MB, $((MIXED_PEAK_KB / 1024)) MB after the mixed load; BENCHMARKS.md left as it was (BENCH_ONLY)" >&2
    exit 0
fi
log "writing BENCHMARKS.md"
python3 benches/report.py "$RESULTS" BENCHMARKS.md <<EOF
{"first_healthz_ms": $FIRST_HEALTHZ_MS, "dashboard_cold_ms": ${DASHBOARD_COLD_MS:-0},
 "dashboard_after_writes_ms": ${DASHBOARD_AFTER_WRITES_MS:-0}, "first_home_ms": $FIRST_HOME_MS, "peak_kb": $PEAK_KB,
 "mixed_peak_kb": $MIXED_PEAK_KB,
 "db_mb": $DB_MB, "generated_seconds": "$(cat "$OUT/national.seconds" 2>/dev/null || echo "?")",
 "generated_now": "$GENERATED_SECONDS", "duration": "$DURATION", "connections": $CONNECTIONS,
 "threads": $THREADS, "rounds": ${ROUNDS:-2}, "note": "${BENCH_NOTE:-}", "commit": "$(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)",
 "load_start": "$LOAD_START", "load_end": "$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF
