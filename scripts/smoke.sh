#!/usr/bin/env bash
# Smoke test of a GroupGate deployment, or of `make run`:
#
#   scripts/smoke.sh BASE_URL ADMIN_KEY [ORIGIN_SECRET]
#
# Walks one tenant through the product: health -> tenant -> group -> code -> scan (JSON) ->
# join (with x-amz-content-sha256, as CloudFront needs it) -> stats (polled: the stream
# aggregates them a moment later) -> tenant deletion (admin DELETE, 202). Stops at the first
# surprise with a message naming the step and the answer, and exits non-zero. BASE_URL is the
# edge (the stack's EdgeUrl), or the HTTP API's URL for a stack without the edge. ORIGIN_SECRET,
# when given, is sent as X-Origin-Verify (for calling the HTTP API directly, as CloudFront does).
# The admin key, the tenant's API key and the origin secret are never printed.
#
# Environment: SMOKE_STATS_TIMEOUT (seconds to wait for the stats, default 120).
# Needs bash, curl and python3 (for JSON; jq is not assumed).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ] || [ -z "$1" ] || [ -z "$2" ]; then
  echo "usage: $0 BASE_URL ADMIN_KEY [ORIGIN_SECRET]" >&2
  exit 2
fi
BASE=${1%/}
ADMIN_KEY=$2
ORIGIN_SECRET=${3:-}
STATS_TIMEOUT=${SMOKE_STATS_TIMEOUT:-120}
RUN=smoke-$(date -u +%Y%m%dT%H%M%SZ)-$$

WORK=$(mktemp -d)
TENANT_ID=""
DELETED=""
cleanup() {
  # A run that stopped half-way still removes its tenant (best effort) so smoke runs leave nothing.
  if [ -n "$TENANT_ID" ] && [ -z "$DELETED" ]; then
    call DELETE "/v1/admin/tenants/$TENANT_ID" "$ADMIN_KEY" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "smoke FAILED: $*" >&2
  exit 1
}

step() {
  echo "smoke: $*"
}

# call METHOD PATH [BEARER] [JSON_BODY] [EXTRA_HEADER...]: prints the status; the body is in $WORK/body.
call() {
  local method=$1 path=$2 bearer=${3:-} body=${4:-}
  shift $(($# < 4 ? $# : 4))
  local args=(-sS -o "$WORK/body" -w '%{http_code}' --max-time 30 -X "$method")
  [ -n "$ORIGIN_SECRET" ] && args+=(-H "X-Origin-Verify: $ORIGIN_SECRET")
  [ -n "$bearer" ] && args+=(-H "Authorization: Bearer $bearer")
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  for header in "$@"; do
    args+=(-H "$header")
  done
  curl "${args[@]}" "$BASE$path" || true
}

# expect STEP WANTED_STATUS GOT_STATUS: fails with the step, the status and the answer's start.
expect() {
  local what=$1 want=$2 got=$3
  if [ "$got" != "$want" ]; then
    fail "$what: expected HTTP $want, got $got: $(head -c 400 "$WORK/body" 2>/dev/null)"
  fi
}

# field EXPR: reads the last answer as JSON and prints EXPR of it (python, `d` is the document).
field() {
  python3 - "$1" "$WORK/body" <<'EOF'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    v = eval(expr, {"__builtins__": {}}, {"d": d})
except Exception as e:
    sys.stderr.write(f"cannot read {expr} from the answer: {e}\n")
    sys.exit(1)
print(v if not isinstance(v, (dict, list)) else json.dumps(v))
EOF
}

sha256() {
  printf %s "$1" | python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'
}

step "health at $BASE"
expect "GET /health" 200 "$(call GET /health)"
[ "$(field 'd["status"]')" = ok ] || fail "GET /health: status is not ok: $(cat "$WORK/body")"

step "tenant"
status=$(call POST /v1/tenants "$ADMIN_KEY" "{\"name\":\"Smoke $RUN\",\"timezone\":\"UTC\"}")
[ "$status" = 401 ] && fail "POST /v1/tenants: 401, the admin key is not this deployment's"
[ "$status" = 403 ] && fail "POST /v1/tenants: 403 $(head -c 300 "$WORK/body") (through the edge? else pass ORIGIN_SECRET)"
expect "POST /v1/tenants" 201 "$status"
TENANT_ID=$(field 'd["tenantId"]')
KEY=$(field 'd["apiKey"]')

step "group"
expect "POST /v1/groups" 201 "$(call POST /v1/groups "$KEY" "{\"name\":\"Smoke group $RUN\",\"capacity\":10}")"
GROUP_ID=$(field 'd["groupId"]')

step "code"
expect "POST /v1/groups/$GROUP_ID/codes" 201 \
  "$(call POST "/v1/groups/$GROUP_ID/codes" "$KEY" '{"channel":"smoke","dailyScanLimit":100}')"
CODE_ID=$(field 'd["codeId"]')
SCAN_URL=$(field 'd["scanUrl"]')
# Scan through BASE_URL, whatever host ScanBaseUrl names (a stack deployed before its ScanBaseUrl
# was set still answers its own scans); say so when they differ.
SCAN_PATH=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).path)' "$SCAN_URL")
case "$SCAN_PATH" in
  /S/*) ;;
  *) fail "the code's scanUrl $SCAN_URL does not end in /S/<token>" ;;
esac
if [ "$(printf %s "${SCAN_URL%"$SCAN_PATH"}" | tr '[:upper:]' '[:lower:]')" != "$(printf %s "$BASE" | tr '[:upper:]' '[:lower:]')" ]; then
  echo "smoke: note: scanUrl is ${SCAN_URL%"$SCAN_PATH"}..., not $BASE (ScanBaseUrl); scanning through $BASE"
fi

step "scan (JSON)"
expect "GET $SCAN_PATH" 200 "$(call GET "$SCAN_PATH" "" "" 'Accept: application/json')"
TICKET=$(field 'd["joinTicket"]')

step "join"
BODY="{\"joinTicket\":\"$TICKET\",\"memberRef\":\"smoke-member\"}"
status=$(call POST "$SCAN_PATH/join" "" "$BODY" "x-amz-content-sha256: $(sha256 "$BODY")" 'Accept: application/json')
expect "POST $SCAN_PATH/join" 200 "$status"
[ "$(field 'd["status"]')" = joined ] || fail "POST $SCAN_PATH/join: status is not joined: $(head -c 400 "$WORK/body")"

step "stats (waiting up to ${STATS_TIMEOUT}s for the scan and the join to be counted)"
# The tenant's days are UTC (it was created so): yesterday to tomorrow holds this run's scan.
read -r FROM TO < <(python3 -c 'import datetime as d
t = d.datetime.now(d.timezone.utc).date()
print(t - d.timedelta(days=1), t + d.timedelta(days=1))')
deadline=$((SECONDS + STATS_TIMEOUT))
while :; do
  expect "GET /v1/codes/$CODE_ID/stats" 200 "$(call GET "/v1/codes/$CODE_ID/stats?from=$FROM&to=$TO" "$KEY")"
  counted=$(field '"%s %s" % (d["totals"]["scans"], d["totals"]["joins"])')
  [ "$counted" = "1 1" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "GET /v1/codes/$CODE_ID/stats: after ${STATS_TIMEOUT}s it counts scans and joins '$counted', expected '1 1'"
  fi
  sleep 2
done

step "tenant deletion"
expect "DELETE /v1/admin/tenants/$TENANT_ID" 202 "$(call DELETE "/v1/admin/tenants/$TENANT_ID" "$ADMIN_KEY")"
DELETED=yes
[ "$(field 'd["status"]')" = deleting ] || fail "DELETE /v1/admin/tenants/$TENANT_ID: status is not deleting: $(head -c 400 "$WORK/body")"

echo "smoke: OK $BASE (tenant $TENANT_ID created, scanned, joined, counted and being deleted)"
