#!/usr/bin/env bash
# Cold-cache benchmark of GET /api/v1/lines (not part of `make test`): the first request after a
# server restart, when the lines must come from the database, restart after restart:
#   v2        PLN2 as stored at import (one query, one unseal, sent as it is)
#   v1        PLN1 + gzip (the stored payload decoded, then encoded and compressed)
#   v2 rows   PLN2 with the stored payload deleted first: every row read and every password
#             unsealed, then encoded (the path before the stored payload; the old path)
# plus each request once cached, and the server's memory (RSS) with the payload only and once
# decoded. After the cold v2 /lines, a cold GET /contract: its summary is counted from the stored
# payload's date columns (no store of every row); then a filtered /lines decodes every row, the
# work a cold /contract did before, timed by the same server log for the baseline.
# Prints medians and the ratios to the old path.
# Usage: nice tests/server/lines_cold_bench.sh [build-dir]     env: LINES=1000000 ROUNDS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/native}
server_bin=${PORTAL_SERVER_BIN:-$build/src/server/portal-server}
LINES=${LINES:-1000000}
rounds=${ROUNDS:-3}
[ -x "$server_bin" ] || { echo "bench: build portal-server first ($server_bin)"; exit 1; }

work=$(mktemp -d)
# shellcheck source=bench_lib.sh
. "$root/tests/server/bench_lib.sh"
lines=$LINES
port=$(bench_free_port)
base=http://127.0.0.1:$port
# (Re)starts the server on the same database and port; the demo seeding is skipped once done.
start_server() {
  # shellcheck disable=SC2086  # SERVER_FLAGS is a list of flags
  bench_start_server "$work" "$port" --demo-large-lines "$lines" ${SERVER_FLAGS-}
}
stop_server() { bench_stop_server; }
log_in() { cookie=$(bench_login "$base" "$work/outbox"); }
trap 'stop_server; rm -rf "$work"' EXIT

echo "bench: seeding $lines lines for demo-large ..." >&2
start_server
log_in

v1=(-H 'Accept: application/vnd.portal050.lines' -H 'Accept-Encoding: gzip')
v2=(-H 'Accept: application/vnd.portal050.lines; version=2')
fetch() {  # prints seconds and bytes of one GET with the given headers
  curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' -H "Cookie: $cookie" "$@"
}
rss_mb() { awk '/^VmRSS/ {printf "%.0f\n", $2 / 1024}' "/proc/$server_pid/status"; }
drop_payload() {
  /usr/bin/python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM line_payloads"); c.commit()' "$work/portal.db"
}
fetch "${v2[@]}" "$base/api/v1/lines" >/dev/null  # the seeding's own load; every restart below starts cold
for round in $(seq 1 "$rounds"); do
  for form in v2 v1 rows; do
    stop_server
    [ "$form" = rows ] && drop_payload
    start_server
    rss_idle=$(rss_mb)
    if [ "$form" = v1 ]; then headers=("${v1[@]}"); else headers=("${v2[@]}"); fi
    fetch "${headers[@]}" "$base/api/v1/lines" >>"$work/cold_$form"
    echo "$(rss_mb) $rss_idle" >>"$work/rss_$form"
    fetch "${headers[@]}" "$base/api/v1/lines" >>"$work/warm_$form"
    grep -o 'loaded ([0-9]* lines[^)]*) in [0-9]* ms' "$work/server.log" | tail -1 | grep -o '[0-9]* ms$' >>"$work/load_$form" || true
    grep -o 'loaded ([0-9]* lines[^)]*) in [0-9]* ms (CPU [0-9]* ms' "$work/server.log" | tail -1 |
      grep -o '[0-9]* ms$' >>"$work/cpu_$form" || true
    if [ "$form" = v2 ]; then
      fetch "$base/api/v1/contract" >>"$work/contract_cold"
      echo "$(rss_mb)" >>"$work/rss_counted"
      grep -o 'counted ([0-9]* lines) from the payload in [0-9]* ms (CPU [0-9]* ms' "$work/server.log" | tail -1 |
        grep -o '[0-9]* ms' | tr -d ' ms' | paste -sd' ' >>"$work/contract_load"
      fetch "${v2[@]}" "$base/api/v1/lines?status=active" >/dev/null  # needs every row: decodes
      echo "$(rss_mb)" >>"$work/rss_decoded"
      grep -o 'decoded ([0-9]* lines) in [0-9]* ms (CPU [0-9]* ms' "$work/server.log" | tail -1 |
        grep -o '[0-9]* ms' | tr -d ' ms' | paste -sd' ' >>"$work/decode_load"
    fi
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
forms = ("v2", "v1", "rows")
print(f"\nGET /api/v1/lines, {lines:,} lines, medians of {len(col('cold_v2', 0))} server restarts each\n")
print("| measure | v2: PLN2 as stored | v1: PLN1 + gzip | old path: v2 from the rows | v2 / old path |")
print("|---|--:|--:|--:|--:|")
rows = [("first request after a restart (cold cache)", [med(col(f"cold_{f}", 0)) for f in forms], "s"),
        ("  of which the load from the database (server log)",
         [med([float(l.split()[0]) for l in open(f"{work}/load_{f}") if l.strip()]) / 1000 for f in forms], "s"),
        ("  CPU time of that load (the loading thread's, fair under load)",
         [med([float(l.split()[0]) for l in open(f"{work}/cpu_{f}") if l.strip()]) / 1000 for f in forms], "s"),
        ("the same request once cached", [med(col(f"warm_{f}", 0)) for f in forms], "s"),
        ("bytes on the wire", [med(col(f"cold_{f}", 1)) for f in forms], "B"),
        ("server memory after the cold request (RSS)", [med(col(f"rss_{f}", 0)) for f in forms], "MB"),
        ("  the same before it (idle server)", [med(col(f"rss_{f}", 1)) for f in forms], "MB")]
fmt = {"s": lambda v: f"{v:.3f} s", "B": lambda v: f"{v / 1e6:.2f} MB", "MB": lambda v: f"{v:.0f} MiB"}
for name, (a, b, c), unit in rows:
    print(f"| {name} | {fmt[unit](a)} | {fmt[unit](b)} | {fmt[unit](c)} | {a / c:.3f}× |")
print(f"| bytes per line | {med(col('cold_v2', 1)) / lines:.1f} | {med(col('cold_v1', 1)) / lines:.1f} | {med(col('cold_rows', 1)) / lines:.1f} | |")
print(f"\nafter the cold v2 /lines, a cold GET /contract (summary counted from the payload): {med(col('contract_cold', 0)):.3f} s; "
      f"server memory then {med(col('rss_counted', 0)):.0f} MiB")
print("\n| cold /contract's summary | counted from the payload's dates (now) | every row decoded (before) | now / before |")
print("|---|--:|--:|--:|")
for i, name in ((0, "wall time (server log)"), (1, "CPU time (server log)")):
    now, before = med(col('contract_load', i)), med(col('decode_load', i))
    print(f"| {name} | {now / 1000:.3f} s | {before / 1000:.3f} s | {now / before:.2f}× |")
now, before = med(col('rss_counted', 0)), med(col('rss_decoded', 0))
print(f"| server memory after it (RSS) | {now:.0f} MiB | {before:.0f} MiB | {now / before:.2f}× |")
print(f"cold v2: {med(col('cold_v2', 0)):.3f} s, target ≤ 0.5 s at 1,000,000 lines; "
      f"old path / v2 = {med(col('cold_rows', 0)) / med(col('cold_v2', 0)):.1f}×")
PY
