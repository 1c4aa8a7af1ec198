#!/usr/bin/env bash
# Publishes the built console (console/dist, from `make console`) to a deployed stack: into the
# bucket its ConsoleBucketName output names, under console/, where the edge serves /console*.
# The content-hashed assets go first, cached for a year (their names change with their content;
# old ones stay for pages still open); index.html last, no-cache, so no viewer gets an index whose
# assets are not there yet. make run's edge puts the files the same way (functions/local,
# ConsoleFiles). Usage: scripts/console-publish.sh STACK (AWS credentials and region from the
# environment, as for sam deploy).
set -euo pipefail
stack=${1:?usage: scripts/console-publish.sh STACK}
dist=${CONSOLE_DIST:-console/dist}
test -f "$dist/index.html" || { echo "console-publish: no $dist/index.html; run make console first" >&2; exit 1; }
bucket=$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs[?OutputKey=='ConsoleBucketName'].OutputValue" --output text)
if [ -z "$bucket" ] || [ "$bucket" = None ]; then
  echo "console-publish: stack $stack has no ConsoleBucketName output (deployed with Edge=false?)" >&2
  exit 1
fi
immutable='public, max-age=31536000, immutable'
aws s3 sync "$dist/assets" "s3://$bucket/console/assets" --only-show-errors --cache-control "$immutable" \
  --exclude '*' --include '*.js' --content-type 'text/javascript; charset=utf-8'
aws s3 sync "$dist/assets" "s3://$bucket/console/assets" --only-show-errors --cache-control "$immutable" \
  --exclude '*' --include '*.css' --content-type 'text/css; charset=utf-8'
aws s3 sync "$dist/assets" "s3://$bucket/console/assets" --only-show-errors --cache-control "$immutable" \
  --exclude '*.js' --exclude '*.css'
aws s3 cp "$dist/index.html" "s3://$bucket/console/index.html" --only-show-errors --cache-control no-cache \
  --content-type 'text/html; charset=utf-8'
url=$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs[?OutputKey=='ConsoleUrl'].OutputValue" --output text)
echo "console-publish: $dist -> s3://$bucket/console/ ($url)"
