#!/usr/bin/env bash
# Starts the whole cluster on loopback and keeps it up until Ctrl-C (or SIGTERM): PostgreSQL 15 in
# a temporary data directory (as the `postgres` user when run as root: PostgreSQL refuses root),
# N portal servers on that one database with one shared secret key, and nginx in front of them
# (deploy/nginx.conf.in). Everything stops and the directory is removed on exit.
#
#   deploy/cluster.sh [--servers N] [--port PORT] [--web DIR] [--dir DIR] [--import FILE]
#                     [--db URL] [--seeded] [-- extra portal-server flags]
#
#   --servers N   portal servers (default 2)
#   --port PORT   nginx's port on 127.0.0.1 (default 8080; 0 = any free port)
#   --web DIR     the built client nginx serves (default build/wasm/web)
#   --dir DIR     where the data, logs and outbox go (default a new /tmp/portal-cluster-XXXXXX)
#   --import FILE customers to import before the servers start (JSON or CSV, see docs/server.md)
#   --db URL      use this PostgreSQL database (postgresql://...) instead of starting a new
#                 PostgreSQL; the script then neither starts nor stops PostgreSQL
#   --seeded      the database already holds its customers (no server seeds demo data on its
#                 first start): start the servers side by side instead of one after another
#
# Once everything answers it prints one `server N: 127.0.0.1:PORT pid PID` line per server, a
# `postgres: URL` line and then `ready: http://127.0.0.1:PORT/`; scripts wait for that last line.
# PORTAL_SERVER_BIN picks the binary (default build/native/src/server/portal-server).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
servers=2
port=8080
web="$root/build/wasm/web"
dir=""
import=""
db=""
seeded=0
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --web) web=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --import) import=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --seeded) seeded=1; shift ;;
    --) shift; break ;;
    *) echo "deploy/cluster.sh: unknown option $1 (see the top of this file)" >&2; exit 2 ;;
  esac
done
case "$servers" in '' | *[!0-9]* | 0) echo "deploy/cluster.sh: --servers needs a number from 1" >&2; exit 2 ;; esac
server_bin=${PORTAL_SERVER_BIN:-$root/build/native/src/server/portal-server}
pg_bin=${PORTAL_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$server_bin" ] || { echo "deploy/cluster.sh: no portal-server at $server_bin (build it first)" >&2; exit 1; }
[ -n "$db" ] || [ -x "$pg_bin/initdb" ] || { echo "deploy/cluster.sh: no PostgreSQL 15 in $pg_bin (apt-get install postgresql-15)" >&2; exit 1; }
[ -d "$web" ] || echo "deploy/cluster.sh: warning: $web does not exist; only /api/ will answer" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
owns_dir=0
if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/portal-cluster-XXXXXX); owns_dir=1; fi
mkdir -p "$dir/pg" "$dir/nginx" "$dir/outbox"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir/pg"
  chmod o+x "$dir"  # postgres must reach its own directory inside
  as_pg() { runuser -u postgres -- "$@"; }
  pg_user=postgres
else
  as_pg() { "$@"; }
  pg_user=$(id -un)
fi

pids=()
nginx_pid=""
own_pg=""
stop_all() {  # stop_all STATUS: the script's exit status (a failed start stays a failure)
  local status=$1
  trap - EXIT INT TERM
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$own_pg" ] && as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  [ "$owns_dir" = 1 ] && rm -rf "$dir"
  exit "$status"
}
trap 'stop_all $?' EXIT
trap 'stop_all 0' INT TERM

# PostgreSQL with fsync on, as in production; sockets only in the cluster's own directory.
if [ -z "$db" ]; then
  own_pg=1
  pg_port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$dir/pg/data" -A trust -U "$pg_user" -E UTF8 --locale C >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 \
    -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE portal"
  db="postgresql://$pg_user@127.0.0.1:$pg_port/portal"
fi

# One key for every server: a session or a sealed password made by one is read by the others.
[ -f "$dir/secret.key" ] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/secret.key")
[ "$port" = 0 ] && port=$(free_port)
common=(--db "$db" --secret-key-file "$dir/secret.key")
"$server_bin" "${common[@]}" --migrate >/dev/null
[ -n "$import" ] && "$server_bin" "${common[@]}" --import "$import"

# Behind nginx every request comes from nginx's address: the per-address limit is nginx's
# limit_req, so the servers' own one is lifted. They accept POSTs from the origin users see.
upstreams=""
start_server() {  # start_server N [flags]: runs portal server N in the background
  local n=$1
  shift
  # Made here, not only by the background job's redirection: wait_server may read it before the
  # job has run that far.
  : >"$dir/server-$n.log"
  "$server_bin" "${common[@]}" --listen 127.0.0.1:0 --mail "outbox:$dir/outbox" --ip-limit 1000000 \
    --public-origin "http://127.0.0.1:$port" "$@" >"$dir/server-$n.log" 2>&1 &
  pids[n]=$!
}
wait_server() {  # wait_server N: waits until server N listens, then adds it to nginx's list
  local i=$1 log="$dir/server-$1.log" server_port=""
  # A first start on an empty database seeds the demo customers (100,000 lines by default):
  # allow ten minutes.
  for _ in $(seq 1 12000); do
    server_port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$server_port" ] && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "deploy/cluster.sh: server $i exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  [ -n "$server_port" ] || { echo "deploy/cluster.sh: server $i did not start (see $log)" >&2; exit 1; }
  echo "server $i: 127.0.0.1:$server_port pid ${pids[$i]}"
  upstreams+="    server 127.0.0.1:$server_port max_fails=2 fail_timeout=5s;"$'\n'
}
# Only one server may seed an empty database: then the others start once it listens.
for i in $(seq 1 "$servers"); do
  start_server "$i" "$@"
  [ "$seeded" = 1 ] || wait_server "$i"
done
if [ "$seeded" = 1 ]; then for i in $(seq 1 "$servers"); do wait_server "$i"; done; fi

conf="$dir/nginx/nginx.conf"
sed -e "s|@RUN_DIR@|$dir/nginx|g" -e "s|@LISTEN@|127.0.0.1:$port|g" -e "s|@WEB_ROOT@|$web|g" \
  -e "s|@AUTH_RATE@|${PORTAL_AUTH_RATE:-60}|g" -e "s|@AUTH_BURST@|${PORTAL_AUTH_BURST:-20}|g" \
  "$root/deploy/nginx.conf.in" | awk -v servers="$upstreams" '/@SERVERS@/ { printf "%s", servers; next } { print }' >"$conf"
nginx -p "$dir/nginx" -c "$conf" -e "$dir/nginx/error.log" -g "daemon off;" &
nginx_pid=$!
pids+=("$nginx_pid")
for _ in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/client-config" && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "deploy/cluster.sh: nginx exited (see $dir/nginx/error.log)" >&2; exit 1; }
  sleep 0.05
done
echo "postgres: $db"
echo "ready: http://127.0.0.1:$port/"
# One server may die (nginx sends its requests to the others); the cluster ends with the last.
wait || true
