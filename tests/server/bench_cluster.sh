#!/usr/bin/env bash
# Cluster benchmark (not part of `make test`): wrk through nginx against one and against two
# portal servers on PostgreSQL (deploy/cluster.sh), beside the single server on SQLite measured in
# the same run (the baseline): GET /api/v1/contract and GET /api/v1/lines of demo-large. Then the
# cost of the per-request session check: GET /api/v1/client-config (no session) against
# GET /api/v1/auth/session (the session check alone) on one server of each backend, one connection;
# and GET /api/v1/contract on PostgreSQL with the check per request against the NOTIFY cache.
# Usage: nice tests/server/bench_cluster.sh [build-dir]
#   env: DURATION=5s ROUNDS=3 LINES=100000 CONTRACT_CONNECTIONS=32 LINES_CONNECTIONS=4
#        SESSION_ONLY=1 measures the session check alone
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/native}
server_bin=${PORTAL_SERVER_BIN:-$build/src/server/portal-server}
duration=${DURATION:-5s}
rounds=${ROUNDS:-3}
lines=${LINES:-100000}
contract_conns=${CONTRACT_CONNECTIONS:-32}
lines_conns=${LINES_CONNECTIONS:-4}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench: $tool is missing"; exit 1; }
done
[ -x "$server_bin" ] || { echo "bench: build portal-server first ($server_bin)"; exit 1; }

work=$(mktemp -d /tmp/portal-bench-cluster-XXXXXX)
chmod 755 "$work"
. "$root/tests/server/bench_lib.sh"
server_pid=; sqlite_pid=; check_pid=; cached_pid=; cluster_pid=; nginx1_pid=
cleanup() {
  [ -n "$nginx1_pid" ] && kill -QUIT "$nginx1_pid" 2>/dev/null || true
  for pid in "$server_pid" "$sqlite_pid" "$check_pid" "$cached_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: starting the cluster and the SQLite server, each seeding demo-large with $lines lines ..."
mkdir -p "$work/cluster" "$work/www"
PORTAL_SERVER_BIN=$server_bin "$root/deploy/cluster.sh" --servers 2 --port 0 --dir "$work/cluster" --web "$work/www" \
  -- --demo-large-lines "$lines" >"$work/cluster.log" 2>&1 &
cluster_pid=$!
sqlite_port=$(bench_free_port)
bench_start_server "$work/sqlite" "$sqlite_port" --demo-large-lines "$lines"
sqlite_pid=$server_pid
for _ in $(seq 1 6000); do
  grep -q '^ready:' "$work/cluster.log" && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$work/cluster.log"; exit 1; }
  sleep 0.2
done
grep -q '^ready:' "$work/cluster.log" || { echo "bench: the cluster did not start"; cat "$work/cluster.log"; exit 1; }
cluster_base=$(sed -n 's|^ready: \(http://[^ ]*\)/$|\1|p' "$work/cluster.log")
mapfile -t server_ports < <(sed -n 's|^server [0-9]*: 127\.0\.0\.1:\([0-9]*\) pid .*|\1|p' "$work/cluster.log")
mapfile -t server_pids < <(sed -n 's|^server [0-9]*: .* pid \([0-9]*\)$|\1|p' "$work/cluster.log")

# nginx in front of the first server only: the same configuration with one upstream line.
nginx1_port=$(bench_free_port)
mkdir -p "$work/nginx1"
sed -e "/server 127\.0\.0\.1:${server_ports[1]} /d" -e "s|listen 127\.0\.0\.1:[0-9]*;|listen 127.0.0.1:$nginx1_port;|" \
  -e "s|$work/cluster/nginx|$work/nginx1|g" "$work/cluster/nginx/nginx.conf" >"$work/nginx1/nginx.conf"
nginx -p "$work/nginx1" -c "$work/nginx1/nginx.conf" -e "$work/nginx1/error.log" -g 'daemon off;' &
nginx1_pid=$!
sleep 0.5

sqlite_base=http://127.0.0.1:$sqlite_port
sqlite_cookie=$(bench_login "$sqlite_base" "$work/sqlite/outbox")
cluster_cookie=$(bench_login "$cluster_base" "$work/cluster/outbox")
nginx1_base=http://127.0.0.1:$nginx1_port
# Each server decodes the 100,000 lines once into its cache: warm all of them before measuring.
for base in "$sqlite_base" "$nginx1_base" "$cluster_base" "$cluster_base" "$cluster_base"; do
  cookie=$([ "$base" = "$sqlite_base" ] && echo "$sqlite_cookie" || echo "$cluster_cookie")
  curl -sf -o /dev/null -H "Cookie: $cookie" "$base/api/v1/lines"
done

report() {
  IFS='|' read -r rps p50 p99 errors <<<"$2"
  printf '%-52s %10s %10s %10s  %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}
ratio() { awk -v a="${1%%|*}" -v b="${2%%|*}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The targets run in turn ROUNDS times, and each keeps its median run (by requests per second),
# so a burst of other work on the shared machine does not decide a ratio.
compare() {  # compare PATH CONNECTIONS
  local path=$1 conns=$2 a= b= c=
  for _ in $(seq 1 "$rounds"); do
    a+="$(bench_run_wrk "$sqlite_base$path" "$conns" -H "Cookie: $sqlite_cookie")"$'\n'
    b+="$(bench_run_wrk "$nginx1_base$path" "$conns" -H "Cookie: $cluster_cookie")"$'\n'
    c+="$(bench_run_wrk "$cluster_base$path" "$conns" -H "Cookie: $cluster_cookie")"$'\n'
  done
  local ma mb mc
  ma=$(bench_median <<<"${a%$'\n'}"); mb=$(bench_median <<<"${b%$'\n'}"); mc=$(bench_median <<<"${c%$'\n'}")
  report "SQLite, one server (baseline) $path -c$conns" "$ma"
  report "PostgreSQL, nginx + 1 server $path -c$conns" "$mb"
  report "PostgreSQL, nginx + 2 servers $path -c$conns" "$mc"
  printf '%-52s 1 server %s x baseline, 2 servers %s x baseline, 2/1 servers %s\n' "  ratios (req/s)" \
    "$(ratio "$mb" "$ma")" "$(ratio "$mc" "$ma")" "$(ratio "$mc" "$mb")"
}
rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

if [ -z "${SESSION_ONLY:-}" ]; then
  printf '\n%-52s %10s %10s %10s  %s\n' "target (median of $rounds runs of $duration)" "req/s" "p50" "p99" "errors"
  compare /api/v1/contract "$contract_conns"
  compare /api/v1/lines "$lines_conns"
fi

# Session check: the same server, a route without a session and one that is only the check.
printf '\nper-request session check, one connection, one server (median of %s runs):\n' "$rounds"
session_cost() {  # session_cost LABEL BASE COOKIE
  local none= with=
  for _ in $(seq 1 "$rounds"); do
    none+="$(bench_run_wrk "$2/api/v1/client-config" 1)"$'\n'
    with+="$(bench_run_wrk "$2/api/v1/auth/session" 1 -H "Cookie: $3")"$'\n'
  done
  local mn mw
  mn=$(bench_median <<<"${none%$'\n'}"); mw=$(bench_median <<<"${with%$'\n'}")
  report "$1 GET /api/v1/client-config (no session)" "$mn"
  report "$1 GET /api/v1/auth/session (session check)" "$mw"
  awk -v a="${mn%%|*}" -v b="${mw%%|*}" -v l="$1" \
    'BEGIN { printf "  %s: the session check costs %.0f us per request (%.0f vs %.0f us)\n", l, 1e6 / b - 1e6 / a, 1e6 / b, 1e6 / a }'
}
session_cost "SQLite (session cache)" "$sqlite_base" "$sqlite_cookie"
session_cost "PostgreSQL (row read per request)" "http://127.0.0.1:${server_ports[0]}" "$cluster_cookie"

# The check per request (the default on PostgreSQL) against the in-process cache kept true by
# LISTEN/NOTIFY, on /contract: two more servers on the cluster's database, one with
# --session-listen 1, wrk in turn.
pg_url=$(sed -n 's|^postgres: ||p' "$work/cluster.log")
for variant in check cached; do
  mkdir -p "$work/$variant"
  cp "$work/cluster/secret.key" "$work/$variant/secret.key"
done
check_port=$(bench_free_port)
cached_port=$(bench_free_port)
bench_db=$pg_url bench_start_server "$work/check" "$check_port"
check_pid=$server_pid
bench_db=$pg_url bench_start_server "$work/cached" "$cached_port" --session-listen 1
cached_pid=$server_pid
server_pid=
check_runs=; cached_runs=
for _ in $(seq 1 "$rounds"); do
  check_runs+="$(bench_run_wrk "http://127.0.0.1:$check_port/api/v1/contract" "$contract_conns" -H "Cookie: $cluster_cookie")"$'\n'
  cached_runs+="$(bench_run_wrk "http://127.0.0.1:$cached_port/api/v1/contract" "$contract_conns" -H "Cookie: $cluster_cookie")"$'\n'
done
check_median=$(bench_median <<<"${check_runs%$'\n'}")
cached_median=$(bench_median <<<"${cached_runs%$'\n'}")
printf '\nsession check on PostgreSQL, GET /api/v1/contract -c%s, one server each (median of %s runs):\n' "$contract_conns" "$rounds"
report "check per request (default)" "$check_median"
report "NOTIFY session cache (--session-listen 1)" "$cached_median"
printf '  per-request check / cache (req/s): %s; the check costs %s %% of the cached throughput\n' \
  "$(ratio "$check_median" "$cached_median")" \
  "$(awk -v a="${check_median%%|*}" -v b="${cached_median%%|*}" 'BEGIN { printf "%.0f", (b > 0 ? 100 * (1 - a / b) : 0) }')"
kill "$check_pid" "$cached_pid" 2>/dev/null || true

printf '\nmemory (RSS): SQLite server %s MiB; PostgreSQL servers %s MiB and %s MiB\n' \
  "$(rss_mb "$sqlite_pid")" "$(rss_mb "${server_pids[0]}")" "$(rss_mb "${server_pids[1]}")"
printf 'machine: %s cores, load average %s (shared with other work while measured)\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
