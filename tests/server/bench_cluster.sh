#!/usr/bin/env bash
# Cluster benchmark (not part of `make test`): wrk through nginx against one and against two
# portal servers on PostgreSQL (deploy/cluster.sh), beside the single server on SQLite measured in
# the same run (the baseline): GET /api/v1/contract and GET /api/v1/lines of demo-large. Then the
# cost of the per-request session check: GET /api/v1/client-config (no session) against
# GET /api/v1/auth/session (the session check alone) on one server of each backend, one connection.
# Usage: nice tests/server/bench_cluster.sh [build-dir]
#   env: DURATION=5s ROUNDS=3 LINES=100000 CONTRACT_CONNECTIONS=32 LINES_CONNECTIONS=4
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
sqlite_pid=; cluster_pid=; nginx1_pid=
cleanup() {
  [ -n "$nginx1_pid" ] && kill -QUIT "$nginx1_pid" 2>/dev/null || true
  [ -n "$sqlite_pid" ] && kill "$sqlite_pid" 2>/dev/null || true
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "bench: starting the SQLite server and the cluster, each seeding demo-large with $lines lines ..."
sqlite_port=$(free_port)
"$server_bin" --listen "127.0.0.1:$sqlite_port" --db "$work/portal.db" --mail "outbox:$work/outbox" \
  --secret-key-file "$work/secret.key" --demo-large-lines "$lines" >"$work/sqlite.log" 2>&1 &
sqlite_pid=$!
mkdir -p "$work/cluster" "$work/www"
PORTAL_SERVER_BIN=$server_bin "$root/deploy/cluster.sh" --servers 2 --port 0 --dir "$work/cluster" --web "$work/www" \
  -- --demo-large-lines "$lines" >"$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 6000); do
  grep -q "listening on" "$work/sqlite.log" && grep -q '^ready:' "$work/cluster.log" && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$work/cluster.log"; exit 1; }
  sleep 0.2
done
grep -q '^ready:' "$work/cluster.log" || { echo "bench: the cluster did not start"; cat "$work/cluster.log"; exit 1; }
cluster_base=$(sed -n 's|^ready: \(http://[^ ]*\)/$|\1|p' "$work/cluster.log")
mapfile -t server_ports < <(sed -n 's|^server [0-9]*: 127\.0\.0\.1:\([0-9]*\) pid .*|\1|p' "$work/cluster.log")
mapfile -t server_pids < <(sed -n 's|^server [0-9]*: .* pid \([0-9]*\)$|\1|p' "$work/cluster.log")

# nginx in front of the first server only: the same configuration with one upstream line.
nginx1_port=$(free_port)
mkdir -p "$work/nginx1"
sed -e "/server 127\.0\.0\.1:${server_ports[1]} /d" -e "s|listen 127\.0\.0\.1:[0-9]*;|listen 127.0.0.1:$nginx1_port;|" \
  -e "s|$work/cluster/nginx|$work/nginx1|g" "$work/cluster/nginx/nginx.conf" >"$work/nginx1/nginx.conf"
nginx -p "$work/nginx1" -c "$work/nginx1/nginx.conf" -e "$work/nginx1/error.log" -g 'daemon off;' &
nginx1_pid=$!
sleep 0.5

# Logs in like a person: password, then the code from the outbox. Prints the cookie.
login() {
  local base=$1 outbox=$2 json=(-H 'Content-Type: application/json' -H 'X-Portal-CSRF: 1') challenge mail code
  challenge=$(curl -sf "${json[@]}" -d '{"selfcare_id":"demo-large","password":"Demo-2026-portal"}' "$base/api/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["challenge"])')
  mail=$(ls -t "$outbox"/*.eml | head -1)
  code=$(sed '1,/^\r$/d' "$mail" | tr -d '\r' | base64 -d | grep -o 'login code: [0-9]*' | grep -o '[0-9]*$')
  curl -sf -D - -o /dev/null "${json[@]}" -d "{\"challenge\":\"$challenge\",\"code\":\"$code\"}" \
    "$base/api/v1/auth/verify" | grep -i '^set-cookie:' | grep -v portal_device | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//'
}
sqlite_base=http://127.0.0.1:$sqlite_port
sqlite_cookie=$(login "$sqlite_base" "$work/outbox")
cluster_cookie=$(login "$cluster_base" "$work/cluster/outbox")
nginx1_base=http://127.0.0.1:$nginx1_port
# Each server decodes the 100,000 lines once into its cache: warm all of them before measuring.
for base in "$sqlite_base" "$nginx1_base" "$cluster_base" "$cluster_base" "$cluster_base"; do
  cookie=$([ "$base" = "$sqlite_base" ] && echo "$sqlite_cookie" || echo "$cluster_cookie")
  curl -sf -o /dev/null -H "Cookie: $cookie" "$base/api/v1/lines"
done

# wrk output -> "requests/s|p50|p99|errors"
run_wrk() {
  local url=$1 conns=$2; shift 2
  local out rps p50 p99 errors
  out=$(wrk -t1 -c"$conns" -d"$duration" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  echo "$rps|$p50|$p99|${errors:-none}"
}
median_of() { sort -t'|' -k1,1 -g | awk '{ runs[NR] = $0 } END { print runs[int((NR + 1) / 2)] }'; }
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
    a+="$(run_wrk "$sqlite_base$path" "$conns" -H "Cookie: $sqlite_cookie")"$'\n'
    b+="$(run_wrk "$nginx1_base$path" "$conns" -H "Cookie: $cluster_cookie")"$'\n'
    c+="$(run_wrk "$cluster_base$path" "$conns" -H "Cookie: $cluster_cookie")"$'\n'
  done
  local ma mb mc
  ma=$(median_of <<<"${a%$'\n'}"); mb=$(median_of <<<"${b%$'\n'}"); mc=$(median_of <<<"${c%$'\n'}")
  report "SQLite, one server (baseline) $path -c$conns" "$ma"
  report "PostgreSQL, nginx + 1 server $path -c$conns" "$mb"
  report "PostgreSQL, nginx + 2 servers $path -c$conns" "$mc"
  printf '%-52s 1 server %s x baseline, 2 servers %s x baseline, 2/1 servers %s\n' "  ratios (req/s)" \
    "$(ratio "$mb" "$ma")" "$(ratio "$mc" "$ma")" "$(ratio "$mc" "$mb")"
}
rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

printf '\n%-52s %10s %10s %10s  %s\n' "target (median of $rounds runs of $duration)" "req/s" "p50" "p99" "errors"
compare /api/v1/contract "$contract_conns"
compare /api/v1/lines "$lines_conns"

# Session check: the same server, a route without a session and one that is only the check.
printf '\nper-request session check, one connection, one server (median of %s runs):\n' "$rounds"
session_cost() {  # session_cost LABEL BASE COOKIE
  local none= with=
  for _ in $(seq 1 "$rounds"); do
    none+="$(run_wrk "$2/api/v1/client-config" 1)"$'\n'
    with+="$(run_wrk "$2/api/v1/auth/session" 1 -H "Cookie: $3")"$'\n'
  done
  local mn mw
  mn=$(median_of <<<"${none%$'\n'}"); mw=$(median_of <<<"${with%$'\n'}")
  report "$1 GET /api/v1/client-config (no session)" "$mn"
  report "$1 GET /api/v1/auth/session (session check)" "$mw"
  awk -v a="${mn%%|*}" -v b="${mw%%|*}" -v l="$1" \
    'BEGIN { printf "  %s: the session check costs %.0f us per request (%.0f vs %.0f us)\n", l, 1e6 / b - 1e6 / a, 1e6 / b, 1e6 / a }'
}
session_cost "SQLite (session cache)" "$sqlite_base" "$sqlite_cookie"
session_cost "PostgreSQL (row read per request)" "http://127.0.0.1:${server_ports[0]}" "$cluster_cookie"

printf '\nmemory (RSS): SQLite server %s MiB; PostgreSQL servers %s MiB and %s MiB\n' \
  "$(rss_mb "$sqlite_pid")" "$(rss_mb "${server_pids[0]}")" "$(rss_mb "${server_pids[1]}")"
printf 'machine: %s cores, load average %s (shared with other work while measured)\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
