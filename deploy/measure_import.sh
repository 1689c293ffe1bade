#!/usr/bin/env bash
# Import figures for docs/scaling.md: a fresh PostgreSQL 15 (fsync on, as in production) in a
# temporary directory, one customer of LINES lines and CALLS calls imported with --import (COPY in
# one transaction), the time and the database size; then a second import killed with -9 while its
# COPY runs, and a check that the first import's rows are all still there.
#   deploy/measure_import.sh [LINES] [CALLS]      (default 100000 1000000)
#   KILL_TEST=0 skips the second import (and its second file) when time or disk is short.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-100000}
CALLS=${2:-1000000}
SERVER=${PORTAL_SERVER_BIN:-build/native/src/server/portal-server}
PG=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/portal-import-XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
user=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { as_pg "$PG/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
as_pg "$PG/initdb" -D "$work/data" -A trust -U "$user" -E UTF8 --locale C >/dev/null
as_pg "$PG/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
psql() { as_pg "$PG/psql" -h 127.0.0.1 -p "$port" -U "$user" -d portal -qAtc "$1"; }
as_pg "$PG/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE portal"
url="postgresql://$user@127.0.0.1:$port/portal"
key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
python3 deploy/gen_import.py "$LINES" "$CALLS" "$work/a.json" 1
[ "${KILL_TEST:-1}" = 0 ] || python3 deploy/gen_import.py "$LINES" "$CALLS" "$work/b.json" 2
echo "import file: $(du -m "$work/a.json" | cut -f1) MB, $LINES lines, $CALLS calls"
PORTAL_SECRET_KEY=$key "$SERVER" --db "$url" --demo 0 --migrate >/dev/null
start=$(date +%s.%N)
PORTAL_SECRET_KEY=$key /usr/bin/time -f '%M' -o "$work/rss" "$SERVER" --db "$url" --import "$work/a.json"
end=$(date +%s.%N)
echo "import: $(python3 -c "print(f'{$end - $start:.1f}')") s, peak memory of the importer $(($(cat "$work/rss") / 1024)) MB"
echo "database size: $(psql "SELECT pg_size_pretty(pg_database_size('portal'))")"
echo "table sizes (with indexes): $(psql "SELECT string_agg(t || ' ' || pg_size_pretty(s), ', ') FROM (SELECT 'lines' t, pg_total_relation_size('lines') s UNION ALL SELECT 'calls (all partitions)', sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'calls'::regclass UNION ALL SELECT 'usage', pg_total_relation_size('usage')) x")"
echo "calls partitions: $(psql "SELECT count(*) FROM pg_inherits WHERE inhparent = 'calls'::regclass")"
[ "${KILL_TEST:-1}" = 0 ] && exit 0
before=$(psql "SELECT (SELECT count(*) FROM lines)||'/'||(SELECT count(*) FROM calls)||'/'||(SELECT sum(charge_yen) FROM calls)||'/'||(SELECT md5(string_agg(service_password::text, ',' ORDER BY no)) FROM lines)")
PORTAL_SECRET_KEY=$key "$SERVER" --db "$url" --import "$work/b.json" & pid=$!
# The second file is checked whole (one streaming pass) before its COPY starts.
for _ in $(seq 1 6000); do
  kill -0 "$pid" 2>/dev/null || { echo "the second import ended before its COPY was seen: no kill test at this size"; exit 0; }
  [ "$(psql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY calls%' AND state = 'active'")" = 1 ] && break
  sleep 0.2
done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
sleep 1
after=$(psql "SELECT (SELECT count(*) FROM lines)||'/'||(SELECT count(*) FROM calls)||'/'||(SELECT sum(charge_yen) FROM calls)||'/'||(SELECT md5(string_agg(service_password::text, ',' ORDER BY no)) FROM lines)")
echo "kill -9 during the second import's COPY: before $before, after $after"
[ "$before" = "$after" ] && echo "old data whole: yes" || { echo "old data whole: NO"; exit 1; }
