#!/usr/bin/env bash
# Sums every module's Surefire reports into one closing line: "N passed, N failed, N skipped".
set -euo pipefail
shopt -s nullglob
tests=0; failures=0; errors=0; skipped=0
for f in functions/*/target/surefire-reports/TEST-*.xml bench/target/surefire-reports/TEST-*.xml \
         bench/robustness/target/surefire-reports/TEST-*.xml; do
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  get() { printf '%s' "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  tests=$((tests + $(get tests))); failures=$((failures + $(get failures)))
  errors=$((errors + $(get errors))); skipped=$((skipped + $(get skipped)))
done
failed=$((failures + errors))
passed=$((tests - failed - skipped))
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$tests" -gt 0 ] && [ "$failed" -eq 0 ]
