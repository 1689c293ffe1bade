#!/usr/bin/env bash
# Cold-cache benchmark of GET /api/v1/lines (not part of `make test`): the first request after a
# server restart, when the lines must come from the database, for the version 1 payload (PLN1,
# gzip) and version 2 (PLN2) in the same run, restart after restart, plus the same requests once
# cached as the baseline. Prints medians, bytes per line and the ratios.
# Usage: nice tests/server/lines_cold_bench.sh [build-dir]     env: LINES=1000000 ROUNDS=5
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/native}
server_bin=${PORTAL_SERVER_BIN:-$build/src/server/portal-server}
lines=${LINES:-1000000}
rounds=${ROUNDS:-5}
[ -x "$server_bin" ] || { echo "bench: build portal-server first ($server_bin)"; exit 1; }

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
start_server() {
  : >"$work/server.log"
  "$server_bin" --listen "127.0.0.1:$port" --db "$work/portal.db" --mail "outbox:$work/outbox" \
    --secret-key-file "$work/secret.key" --demo-large-lines "$lines" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 6000); do grep -q "listening on" "$work/server.log" && return 0; sleep 0.1; done
  cat "$work/server.log"; exit 1
}

echo "bench: seeding $lines lines for demo-large ..." >&2
start_server
json=(-H 'Content-Type: application/json' -H 'X-Portal-CSRF: 1')
challenge=$(curl -sf "${json[@]}" -d '{"selfcare_id":"demo-large","password":"Demo-2026-portal"}' "$base/api/v1/auth/login" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["challenge"])')
mail=$(ls -t "$work"/outbox/*.eml | head -1)
code=$(sed '1,/^\r$/d' "$mail" | tr -d '\r' | base64 -d | grep -o 'login code: [0-9]*' | grep -o '[0-9]*$')
cookie=$(curl -sf -D - -o /dev/null "${json[@]}" -d "{\"challenge\":\"$challenge\",\"code\":\"$code\"}" \
  "$base/api/v1/auth/verify" | grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | paste -sd ';' | sed 's/;/; /g')

v1=(-H 'Accept: application/vnd.portal050.lines' -H 'Accept-Encoding: gzip')
v2=(-H 'Accept: application/vnd.portal050.lines; version=2')
fetch() {  # prints seconds and bytes of one GET /lines with the given headers
  curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' -H "Cookie: $cookie" "$@" "$base/api/v1/lines"
}
# The first load after seeding writes nothing new; from here on every restart starts cold.
fetch "${v2[@]}" >/dev/null
: >"$work/cold_v1"; : >"$work/cold_v2"; : >"$work/warm_v1"; : >"$work/warm_v2"
for round in $(seq 1 "$rounds"); do
  for form in v1 v2; do
    stop_server; start_server
    if [ "$form" = v1 ]; then headers=("${v1[@]}"); else headers=("${v2[@]}"); fi
    fetch "${headers[@]}" >>"$work/cold_$form"
    fetch "${headers[@]}" >>"$work/warm_$form"
    grep -o 'loaded ([0-9]* lines[^)]*) in [0-9]* ms' "$work/server.log" | tail -1 | grep -o '[0-9]* ms$' >>"$work/load_$form" || true
  done
  echo "bench: round $round of $rounds done" >&2
done
stop_server

/usr/bin/python3 - "$work" "$lines" <<'PY'
import statistics, sys
work, lines = sys.argv[1], int(sys.argv[2])
def col(name, i):
    return [float(l.split()[i]) for l in open(f"{work}/{name}") if l.strip()]
med = lambda xs: statistics.median(xs) if xs else float("nan")
loads = {f: [float(l.split()[0]) for l in open(f"{work}/load_{f}") if l.strip()] for f in ("v1", "v2")}
print(f"\nGET /api/v1/lines, {lines:,} lines, medians of {len(col('cold_v1', 0))} server restarts each\n")
print("| measure | PLN1 + gzip (v1) | PLN2 (v2) | v2 / v1 |")
print("|---|--:|--:|--:|")
rows = [("first request after a restart (cold cache)", med(col("cold_v1", 0)), med(col("cold_v2", 0)), "s"),
        ("  of which the load from the database (server log)", med(loads["v1"]) / 1000, med(loads["v2"]) / 1000, "s"),
        ("the same request once cached (baseline)", med(col("warm_v1", 0)), med(col("warm_v2", 0)), "s"),
        ("bytes on the wire", med(col("cold_v1", 1)), med(col("cold_v2", 1)), "B")]
for name, a, b, unit in rows:
    fmt = (lambda v: f"{v:.3f} s") if unit == "s" else (lambda v: f"{v / 1e6:.2f} MB")
    print(f"| {name} | {fmt(a)} | {fmt(b)} | {b / a:.2f}× |")
print(f"| bytes per line | {med(col('cold_v1', 1)) / lines:.1f} | {med(col('cold_v2', 1)) / lines:.1f} | |")
print(f"\ncold v2 / cached v2: {med(col('cold_v2', 0)) / med(col('warm_v2', 0)):.1f}×; target cold ≤ 0.5 s at 1,000,000 lines")
PY
