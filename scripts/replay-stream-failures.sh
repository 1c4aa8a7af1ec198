#!/usr/bin/env bash
# Replays stream batches that failed for good, from the stack's archive (docs/operations.md,
# "Replaying failed stream records").
#
#   scripts/replay-stream-failures.sh STACK [KEY_PREFIX] [--invoke] [--delete]
#
# Lists the archived batches under failures/KEY_PREFIX (all when empty) in STACK's
# StreamArchiveBucket. With --invoke, invokes each batch's consumer (its `live` alias) with
# the archived object, which is the event Lambda would have sent, and stops at the first
# that fails; with --delete too, removes each object once its replay succeeded. Poison
# records (failures/poison/...) are listed, never invoked: their content does not decode,
# so they need a fix first. Replaying twice is safe: the aggregate skips what its item
# watermarks show counted, and the dispatcher stores each event once by its derived id.
# Needs the AWS CLI v2 and jq, with credentials for the stack's account and region.
set -euo pipefail

usage() {
  echo "usage: $0 STACK [KEY_PREFIX] [--invoke] [--delete]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
stack=$1
shift
prefix=""
invoke=false
delete=false
for arg in "$@"; do
  case "$arg" in
    --invoke) invoke=true ;;
    --delete) delete=true ;;
    --*) usage ;;
    *) prefix=$arg ;;
  esac
done

bucket=$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs[?OutputKey=='StreamArchiveBucketName'].OutputValue" --output text)
if [[ -z "$bucket" || "$bucket" == "None" ]]; then
  echo "$stack has no StreamArchiveBucketName output" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

keys=$(aws s3api list-objects-v2 --bucket "$bucket" --prefix "failures/$prefix" \
  --query 'Contents[].Key' --output text)
if [[ -z "$keys" || "$keys" == "None" ]]; then
  echo "nothing archived under s3://$bucket/failures/$prefix"
  exit 0
fi

replayed=0
for key in $keys; do
  # failures/<consumer>/<shardId>/<first>-<last>.json
  consumer=$(cut -d/ -f2 <<<"$key")
  aws s3api get-object --bucket "$bucket" --key "$key" "$work/batch.json" >/dev/null
  records=$(jq '.Records | length' "$work/batch.json")
  lost=$(jq -r '.lost // empty' "$work/batch.json")
  echo "$key: $records records for $consumer${lost:+ (records lost: $lost)}"
  if [[ "$consumer" == "poison" || "$invoke" != true || "$records" -eq 0 ]]; then
    continue
  fi
  aws lambda invoke --function-name "$consumer:live" --cli-binary-format raw-in-base64-out \
    --payload "fileb://$work/batch.json" "$work/answer.json" >"$work/status.json"
  if jq -e '.FunctionError' "$work/status.json" >/dev/null; then
    echo "replay of $key failed:" >&2
    cat "$work/answer.json" >&2
    exit 1
  fi
  # A stream consumer reports records it could not take in batchItemFailures.
  if jq -e '(.batchItemFailures // []) | length > 0' "$work/answer.json" >/dev/null; then
    echo "replay of $key left records unprocessed: $(cat "$work/answer.json")" >&2
    exit 1
  fi
  replayed=$((replayed + 1))
  if [[ "$delete" == true ]]; then
    aws s3api delete-object --bucket "$bucket" --key "$key" >/dev/null
  fi
done
echo "replayed $replayed batches"
