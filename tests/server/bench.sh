#!/usr/bin/env bash
# Load benchmark of the API server (not part of `make test`): wrk on loopback against
# GET /api/v1/contract and GET /api/v1/lines of demo-large (100,000 lines) with a session cookie,
# next to nginx serving a static file of the same size in the same run. The server (and nginx)
# run on CPU 0 and wrk on CPU 1, so they do not compete for a core.
# Usage: tests/server/bench.sh [build-dir]
#   env: DURATION=5s ROUNDS=3 CONNECTIONS="32 256 1000" LINES=100000 WRK_THREADS=1
#   (the issue's figures: DURATION=10s WRK_THREADS=2). SERVER_FLAGS replaces the server's extra
#   flags, by default --max-connections-per-address 4096: wrk's 1,000 connections all come from
#   one address, which the default cap (512) would answer 503 beyond.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/native}
server_bin=${PORTAL_SERVER_BIN:-$build/src/server/portal-server}
duration=${DURATION:-5s}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-32 256 1000}
lines=${LINES:-100000}
for tool in wrk nginx taskset curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench: $tool is missing"; exit 1; }
done
[ -x "$server_bin" ] || { echo "bench: build portal-server first ($server_bin)"; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as an unprivileged user and must read the files
. "$root/tests/server/bench_lib.sh"
bench_launch=(taskset -c 0)
bench_wrk_launch=(taskset -c 1)
server_pid=; nginx_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(bench_free_port)
nginx_port=$(bench_free_port)
base=http://127.0.0.1:$port

echo "bench: seeding demo data ($lines lines for demo-large) ..."
# shellcheck disable=SC2086  # SERVER_FLAGS is a list of flags
bench_start_server "$work" "$port" --demo-large-lines "$lines" ${SERVER_FLAGS---max-connections-per-address 4096}
cookie=$(bench_login "$base" "$work/outbox")

# Bodies to mirror in nginx, byte for byte the same size.
mkdir -p "$work/www"
curl -sf -H "Cookie: $cookie" "$base/api/v1/contract" -o "$work/www/contract.json"
curl -sf -H "Cookie: $cookie" "$base/api/v1/lines" -o "$work/www/lines.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    default_type application/json;
    add_header Cache-Control no-store;
  }
}
CONF
mkdir -p "$work/tmp"
taskset -c 0 /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_pid=$!
sleep 0.5

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status"; }

# The machine may be shared: run portal and nginx alternately ROUNDS times and keep each one's
# median run (by requests per second), so a burst of other work does not decide the ratio.
pair() {  # pair PORTAL_URL NGINX_URL CONNECTIONS -> two lines: portal median, nginx median
  local portal_url=$1 nginx_url=$2 conns=$3 portal_runs= nginx_runs=
  for _ in $(seq 1 "$rounds"); do
    portal_runs+="$(bench_run_wrk "$portal_url" "$conns" -H "Cookie: $cookie")"$'\n'
    nginx_runs+="$(bench_run_wrk "$nginx_url" "$conns")"$'\n'
  done
  bench_median <<<"${portal_runs%$'\n'}"
  bench_median <<<"${nginx_runs%$'\n'}"
}
report() {
  IFS='|' read -r rps p50 p99 errors <<<"$3"
  printf '%-34s %10s %10s %10s %10s  %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errors"
}
contract_bytes=$(stat -c %s "$work/www/contract.json")
lines_bytes=$(stat -c %s "$work/www/lines.json")
ratio() { awk -v a="${1%%|*}" -v b="${2%%|*}" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }'; }
rss_start=$(rss_kb)
printf '\n%-34s %10s %10s %10s %10s  %s\n' "target (median of $rounds runs)" "bytes" "req/s" "p50" "p99" "errors"
ratios=
for conns in $connections; do
  { read -r portal_contract; read -r nginx_contract; } < <(pair "$base/api/v1/contract" \
    "http://127.0.0.1:$nginx_port/contract.json" "$conns")
  report "portal GET /api/v1/contract -c$conns" "$contract_bytes" "$portal_contract"
  report "nginx static (same size) -c$conns" "$contract_bytes" "$nginx_contract"
  ratios+="/contract -c$conns $(ratio "$portal_contract" "$nginx_contract"); "
  printf '%-34s RSS %d MiB\n' "  server memory after -c$conns" $(($(rss_kb) / 1024))
done
{ read -r portal_lines; read -r nginx_lines; } < <(pair "$base/api/v1/lines" "http://127.0.0.1:$nginx_port/lines.json" 4)
report "portal GET /api/v1/lines -c4" "$lines_bytes" "$portal_lines"
report "nginx static (same size) -c4" "$lines_bytes" "$nginx_lines"
ratios+="/lines -c4 $(ratio "$portal_lines" "$nginx_lines")"
filtered=$(bench_run_wrk "$base/api/v1/lines?status=active&sort=phone:desc" 4 -H "Cookie: $cookie")
report "portal GET /api/v1/lines?status=active&sort=phone:desc -c4 (1 run)" "-" "$filtered"
rss_end=$(rss_kb)
printf '\nportal / nginx requests per second: %s\n' "$ratios"
printf 'server memory (RSS): %d MiB after seeding/warm-up, %d MiB at the end; peak %d MiB\n' \
  $((rss_start / 1024)) $((rss_end / 1024)) $(($(hwm_kb) / 1024))
printf 'cores: server and nginx on CPU 0, wrk on CPU 1; %s per run\n' "$duration"
