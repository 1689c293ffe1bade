# Shared by the benchmarks in this folder (bench.sh, bench_cluster.sh, lines_cold_bench.sh), which
# source it: a free port, starting one portal-server on a SQLite file and waiting for it, logging
# in like a person (password, then the code from the outbox), one wrk run reduced to
# "requests/s|p50|p99|errors" and the median of several such runs.
#
# Set before use: server_bin (the portal-server binary). Optional: bench_launch, an array put in
# front of the server's command (e.g. bench_launch=(taskset -c 0)); bench_wrk_launch, the same for
# wrk; duration (default 5s) and WRK_THREADS (default 1) for wrk.

bench_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_start_server DIR PORT [flags...]: starts portal-server on DIR/portal.db with its outbox and
# key in DIR, its output in DIR/server.log, and sets server_pid. Returns once it listens (seeding
# a million demo lines may take minutes: up to ten), or prints the log and fails.
bench_start_server() {
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir"
  : >"$dir/server.log"
  "${bench_launch[@]}" "$server_bin" --listen "127.0.0.1:$port" --db "$dir/portal.db" --mail "outbox:$dir/outbox" \
    --secret-key-file "$dir/secret.key" "$@" >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 6000); do
    grep -q "listening on" "$dir/server.log" && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: the server did not start:" >&2
  cat "$dir/server.log" >&2
  return 1
}

# bench_stop_server: SIGTERM to server_pid and wait for it; nothing if none runs.
bench_stop_server() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}

# bench_login BASE OUTBOX [SELFCARE_ID]: logs in (default demo-large) and prints the session
# cookie (name=value) to send with each request.
bench_login() {
  local base=$1 outbox=$2 id=${3:-demo-large} challenge mail code
  local json=(-H 'Content-Type: application/json' -H 'X-Portal-CSRF: 1')
  challenge=$(curl -sf "${json[@]}" -d "{\"selfcare_id\":\"$id\",\"password\":\"Demo-2026-portal\"}" \
    "$base/api/v1/auth/login" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["challenge"])')
  mail=$(ls -t "$outbox"/*.eml | head -1)
  code=$(sed '1,/^\r$/d' "$mail" | tr -d '\r' | base64 -d | grep -o 'login code: [0-9]*' | grep -o '[0-9]*$')
  curl -sf -D - -o /dev/null "${json[@]}" -d "{\"challenge\":\"$challenge\",\"code\":\"$code\"}" \
    "$base/api/v1/auth/verify" | grep -i '^set-cookie:' | grep -v portal_device |
    sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//'
}

# bench_run_wrk URL CONNECTIONS [wrk flags...] -> "requests/s|p50|p99|errors"
bench_run_wrk() {
  local url=$1 conns=$2
  shift 2
  local out rps p50 p99 errors
  out=$("${bench_wrk_launch[@]}" wrk -t"${WRK_THREADS:-1}" -c"$conns" -d"${duration:-5s}" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  echo "$rps|$p50|$p99|${errors:-none}"
}

# bench_median: of the "requests/s|..." lines on stdin, the median line by requests per second.
bench_median() { sort -t'|' -k1,1 -g | awk '{ runs[NR] = $0 } END { print runs[int((NR + 1) / 2)] }'; }
