# Sourced by the server benchmarks (not run alone): starts portal-server on a free loopback port
# with a temporary database seeded with demo-large, and logs in like a person would (password,
# then the code from the outbox). Needs $server_bin and $work set by the caller.
#   start_server [prefix command...]   starts it (again) on the same database, waits for it
#   stop_server                        stops it, if running
#   log_in                             sets $cookie for demo-large
# env: LINES (demo-large's lines, default 100000), SERVER_FLAGS (extra flags).
lines=${LINES:-100000}
server_pid=
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
base=http://127.0.0.1:$port

start_server() {
  : >"$work/server.log"
  "$@" "$server_bin" --listen "127.0.0.1:$port" --db "$work/portal.db" --mail "outbox:$work/outbox" \
    --secret-key-file "$work/secret.key" --demo-large-lines "$lines" ${SERVER_FLAGS-} >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 6000); do grep -q "listening on" "$work/server.log" && return 0; sleep 0.1; done
  cat "$work/server.log"; exit 1
}

stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}

log_in() {
  local json=(-H 'Content-Type: application/json' -H 'X-Portal-CSRF: 1') challenge mail code
  challenge=$(curl -sf "${json[@]}" -d '{"selfcare_id":"demo-large","password":"Demo-2026-portal"}' "$base/api/v1/auth/login" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["challenge"])')
  mail=$(ls -t "$work"/outbox/*.eml | head -1)
  code=$(sed '1,/^\r$/d' "$mail" | tr -d '\r' | base64 -d | grep -o 'login code: [0-9]*' | grep -o '[0-9]*$')
  cookie=$(curl -sf -D - -o /dev/null "${json[@]}" -d "{\"challenge\":\"$challenge\",\"code\":\"$code\"}" \
    "$base/api/v1/auth/verify" | grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | paste -sd ';' | sed 's/;/; /g')
}
