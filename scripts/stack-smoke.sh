#!/usr/bin/env bash
# Smoke test of a deployed stack by name: reads its outputs and its admin key (from the stack's
# own secret, output AdminKeySecretArn) with the AWS CLI, then runs scripts/smoke.sh against it.
#
#   scripts/stack-smoke.sh groupgate-dev        # AWS credentials and region from the environment
#
# With the edge (Edge=true) the smoke test goes through EdgeUrl, which adds X-Origin-Verify itself;
# without it, through ApiUrl, with the origin secret read from output OriginSecretArn.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 STACK_NAME" >&2
  exit 2
fi
STACK=$1
cd "$(dirname "$0")/.."

output() {
  aws cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}

# A secret's value: the string itself, or the one field of a JSON object (or its "key" field).
secret() {
  aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text | python3 -c '
import json, sys
raw = sys.stdin.read().rstrip("\n")
try:
    value = json.loads(raw)
except ValueError:
    value = raw
if isinstance(value, dict):
    value = value.get("key", next(iter(value.values())) if len(value) == 1 else None)
if not isinstance(value, str) or not value:
    sys.exit("the secret holds no single string value")
print(value)'
}

mask() {
  # GitHub Actions hides the value from every later log line.
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::add-mask::$1"
  fi
}

ADMIN_ARN=$(output AdminKeySecretArn)
if [ -z "$ADMIN_ARN" ] || [ "$ADMIN_ARN" = None ]; then
  echo "stack-smoke: stack $STACK has no output AdminKeySecretArn" >&2
  exit 1
fi
ADMIN_KEY=$(secret "$ADMIN_ARN")
mask "$ADMIN_KEY"

BASE=$(output EdgeUrl)
if [ -n "$BASE" ] && [ "$BASE" != None ]; then
  exec scripts/smoke.sh "$BASE" "$ADMIN_KEY"
fi
BASE=$(output ApiUrl)
ORIGIN_ARN=$(output OriginSecretArn)
if [ -z "$ORIGIN_ARN" ] || [ "$ORIGIN_ARN" = None ]; then
  echo "stack-smoke: stack $STACK has no edge and no output OriginSecretArn" >&2
  exit 1
fi
ORIGIN_SECRET=$(secret "$ORIGIN_ARN")
mask "$ORIGIN_SECRET"
exec scripts/smoke.sh "$BASE" "$ADMIN_KEY" "$ORIGIN_SECRET"
