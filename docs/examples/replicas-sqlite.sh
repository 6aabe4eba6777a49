#!/usr/bin/env bash
# Two API replicas and two workers on one SQLite event log (README "N API replicas and M workers").
#
#   bash docs/examples/replicas-sqlite.sh          # from the repository root, after `npm install`
#   bash docs/examples/replicas-sqlite.sh --keep   # leave them running until Ctrl-C
#
# Every process has a DATA_DIR of its own (read models, idempotency records, development audit
# key) and all four share EVENTS_DB, the log. The API replicas run with RUN_PROCESSES=false: the
# workers number the receipts, and each replica reads what the other received. It submits one
# application through each replica and reads it back, numbered, through the other.
# SKIP_BUILD=1 skips `npm run build`; REPLICAS_DIR=<dir> keeps the files there (default: a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "${SKIP_BUILD:-}" = 1 ] || npm run build --silent

ROOT=${REPLICAS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/impplus-replicas.XXXXXX")}
mkdir -p "$ROOT/shared"
EVENTS_DB="$ROOT/shared/events.db"
new_key() { node -p "require('node:crypto').randomBytes(24).toString('base64url')"; }
INTAKE_KEY=$(new_key)
ADMIN_KEY=$(new_key)
# The same keys for every replica: development keys would be generated per DATA_DIR.
API_KEYS="[{\"key\":\"$INTAKE_KEY\",\"principal\":\"intake-portal\",\"roles\":[\"intake\"]},{\"key\":\"$ADMIN_KEY\",\"principal\":\"operator\",\"roles\":[\"admin\"]}]"
# Two free loopback ports, held open together so that they differ.
read -r PORT_A PORT_B < <(node -e "
  const net = require('node:net');
  const open = () => new Promise((ok) => { const s = net.createServer().listen(0, '127.0.0.1', () => ok(s)); });
  Promise.all([open(), open()]).then((servers) => {
    console.log(servers.map((s) => s.address().port).join(' '));
    servers.forEach((s) => s.close());
  });")

PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped. Files and logs: $ROOT"
}
trap stop EXIT

# start <name> <ready line> <VAR=value…> <entry point>: runs it in the background, logs to $ROOT/<name>.log.
start() {
  local name=$1 ready=$2
  shift 2
  env EVENTS_DB="$EVENTS_DB" API_KEYS="$API_KEYS" DATA_DIR="$ROOT/$name" "$@" >"$ROOT/$name.log" 2>&1 &
  PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q "$ready" "$ROOT/$name.log" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$ROOT/$name.log"; echo "$name exited before it was ready" >&2; exit 1; }
    sleep 0.1
  done
  cat "$ROOT/$name.log"
  echo "$name was not ready within 60 s" >&2
  exit 1
}

start api-a 'IMP+ Case Ledger API on' PORT="$PORT_A" RUN_PROCESSES=false node dist/apps/case-api/src/main.js
start api-b 'IMP+ Case Ledger API on' PORT="$PORT_B" RUN_PROCESSES=false node dist/apps/case-api/src/main.js
start worker-1 'IMP+ Case Ledger worker' node dist/apps/case-worker/src/main.js
start worker-2 'IMP+ Case Ledger worker' node dist/apps/case-worker/src/main.js
A="http://127.0.0.1:$PORT_A"
B="http://127.0.0.1:$PORT_B"
echo "Replica A: $A   Replica B: $B   Event log: $EVENTS_DB"

json() { node -p "const v = JSON.parse(require('node:fs').readFileSync(0, 'utf8')); $1"; }

# submit <replica> <tag>: the README's example body with a passport and CSQ of its own; prints the id.
submit() {
  node -e "
    const body = require('./docs/examples/submit-application.json');
    body.applicant.passport.number = 'P$2';
    body.csq.number = 'CSQ-$2';
    process.stdout.write(JSON.stringify(body));" |
    curl -sS -X POST "$1/v1/applications" -H "Authorization: Bearer $INTAKE_KEY" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: replicas-example-$2" --data-binary @- |
    json 'v.id'
}

# numbered <replica> <id>: waits until the replica shows the application's intake number (at most 20 s).
numbered() {
  for _ in $(seq 1 200); do
    local number
    number=$(curl -sS "$1/v1/applications/$2" -H "Authorization: Bearer $INTAKE_KEY" |
      json "v.intake ? v.intake.year + ' no. ' + v.intake.number : ''")
    [ -n "$number" ] && { echo "$number"; return 0; }
    sleep 0.1
  done
  echo "$2 was not numbered on $1 within 20 s" >&2
  exit 1
}

ID_B=$(submit "$B" "B$RANDOM")
echo "Submitted $ID_B through B; read through A: intake $(numbered "$A" "$ID_B")"
ID_A=$(submit "$A" "A$RANDOM")
echo "Submitted $ID_A through A; read through B: intake $(numbered "$B" "$ID_A")"
for replica in "$A" "$B"; do
  echo "$replica/health: $(curl -sS "$replica/health")"
done

if [ "${1:-}" = --keep ]; then
  echo "Running; intake key: $INTAKE_KEY, admin key: $ADMIN_KEY. Ctrl-C stops all four."
  wait
fi
