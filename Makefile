# GroupGate: `make run` serves the API locally on an emulated AWS; `make test` runs
# everything CI runs. Both install what they need (.venv with moto and cfn-lint; Maven
# dependencies) on first use.

SHELL := /bin/bash
MVN ?= mvn -B -ntp
PYTHON ?= python3
VENV := .venv
VENV_STAMP := $(VENV)/.installed
# The SAM CLI in its own virtualenv (its boto pins differ from moto's), from requirements-deploy.txt.
SAM_VENV := .venv-sam
SAM := SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam
# actionlint checks .github/workflows; built from its pinned Go module (the Go toolchain is
# all it needs), into .tools/ under a versioned name so a new pin installs anew.
ACTIONLINT_VERSION := 1.7.12
ACTIONLINT := .tools/actionlint-$(ACTIONLINT_VERSION)

.PHONY: venv sam-venv sam-build build test unit lint run invoke env-json bench robustness robustness-sweep coldstart demo freshness clean jar-sizes \
  console console-publish

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

# checkov pins boto3, networkx and packaging below what moto, cfn-lint and pytest need, so
# it gets a virtualenv of its own (requirements-checkov.txt).
CHECKOV_VENV := .venv-checkov
$(CHECKOV_VENV)/.installed: requirements-checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install -q -r requirements-checkov.txt
	touch $@

sam-venv: $(SAM_VENV)/.installed

$(SAM_VENV)/.installed: requirements-deploy.txt
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install -q -r requirements-deploy.txt
	touch $@

$(ACTIONLINT):
	mkdir -p .tools
	GOBIN=$(CURDIR)/.tools/go-bin go install github.com/rhysd/actionlint/cmd/actionlint@v$(ACTIONLINT_VERSION)
	mv .tools/go-bin/actionlint $@

# The console (console/): npm ci from the committed lock, then esbuild into console/dist/ (index.html and
# hashed assets). Stamps under console/target/ make both rerun only when their inputs change. The unit
# tests do not need it; make test (the browser tests), make run (the local edge serves it) and make demo do.
CONSOLE_INPUTS := console/build.mjs console/LICENSES.md $(shell find console/src i18n -type f 2>/dev/null)

console: console/target/.built

console/node_modules/.installed: console/package.json console/package-lock.json
	cd console && npm ci --no-audit --no-fund --loglevel=error
	touch $@

console/target/.built: console/node_modules/.installed $(CONSOLE_INPUTS)
	cd console && node build.mjs
	mkdir -p console/target && touch $@

# The built console into a deployed stack's console bucket (scripts/console-publish.sh says how).
console-publish: console
	@test -n "$(STACK)" || { echo "usage: make console-publish STACK=<stack name>" >&2; exit 2; }
	scripts/console-publish.sh $(STACK)

# cfn-lint; checkov (offline: --skip-download; each check not fixed is skipped in its
# resource's Metadata with the reason); actionlint on the deploy pipeline.
lint: venv $(CHECKOV_VENV)/.installed $(ACTIONLINT)
	$(VENV)/bin/cfn-lint template.yaml
	@echo "cfn-lint: template.yaml has no errors"
	$(CHECKOV_VENV)/bin/checkov -f template.yaml --framework cloudformation --quiet --compact --skip-download
	$(ACTIONLINT) -no-color
	@echo "actionlint: .github/workflows have no errors"

# What `sam build` does for a deployment (each function's Makefile target below, with
# samconfig.toml's [default.build] settings), with the pinned SAM CLI.
sam-build: sam-venv
	$(SAM) build

build:
	$(MVN) -q -DskipTests install

# cfn-lint; the console's unit tests (node --test, no npm); the emulator's own tests (pytest);
# unit tests and integration tests against the emulator (started by the tests themselves unless
# AWS_ENDPOINT_URL is set), ending with the check that every function's role grants exactly what
# the suite saw it use; then the count.
test: venv lint console
	cd console && node --test test/
	$(VENV)/bin/pytest -q moto-server/tests
	$(MVN) verify
	@scripts/test-summary.sh

# The unit tests alone (*Test: pure code, no emulator, no venv), in the reactor; `make test`
# runs them again with the integration tests (*IT). The unit profile narrows surefire's includes.
unit:
	$(MVN) -q -Punit test

# Compiles only what the local runner needs; the classpath comes from this checkout's reactor
# (each module's target/classes), not from ~/.m2, which other checkouts of the same version
# may be installing into at the same time.
# `exec` lets Ctrl-C and SIGTERM reach the JVM, whose shutdown hook stops the emulator too.
# test-compile, not compile: resolving the modules' dependencies includes the domain's test
# pictures (a test-jar), which the reactor finds in its test classes only once compiled.
run: venv console
	$(MVN) -q -pl functions/local-run -am test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
	  -Dmdep.outputFile=target/classpath.txt
	exec java -cp functions/local-run/target/classes:$$(cat functions/local-run/target/classpath.txt) \
	  -Dgroupgate.root=$(CURDIR) com.groupgate.localrun.LocalMain

# With `make run` up: one function's handler, invoked once with an event file, in its own JVM,
# under the function's role against make run's emulator (no Docker); prints the response.
# make run compiled the classes and wrote each function's environment to .run/lambda-env.json.
invoke:
	@test -n "$(FUNCTION)" -a -n "$(EVENT)" || { echo "usage: make invoke FUNCTION=ScanFunction EVENT=events/scan-json.json" >&2; exit 2; }
	@test -f .run/lambda-env.json -a -f functions/local-run/target/classpath.txt || { echo "make invoke: start make run first" >&2; exit 1; }
	@java -cp functions/local-run/target/classes:$$(cat functions/local-run/target/classpath.txt) \
	  -Dgroupgate.root=$(CURDIR) com.groupgate.localrun.LocalInvoke $(FUNCTION) $(EVENT)

# With `make run` up: env.json, each function's template variables resolved to the running
# stack's names, for `sam local invoke FUNCTION -e EVENT --env-vars env.json` where Docker runs.
env-json:
	@test -f .run/env.json || { echo "make env-json: start make run first (it writes .run/env.json)" >&2; exit 1; }
	install -m 600 .run/env.json env.json

bench: build robustness
	$(MVN) -q -Pbench -pl bench -am -DskipTests package
	java -jar bench/target/groupgate-bench.jar $(BENCH_ARGS)

# The media presets beside zxing's plain default at the same printed size, photographed under
# simulated damage and decoded by zxing and OpenCV (BENCHMARKS.md, "Print robustness").
# ROBUSTNESS_ARGS: [trials a row (40)] [seed (23)] [Markdown output file] [scan base URL (the template's
# default)]. About 2.5 min of CPU on two threads.
# The classpath comes from this checkout's reactor (target/classes), as for make run.
ROBUSTNESS_CP := bench/robustness/target/classes:$$(cat bench/robustness/target/classpath.txt)
robustness:
	$(MVN) -q -pl bench/robustness -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
	  -Dmdep.outputFile=target/classpath.txt
	java -cp $(ROBUSTNESS_CP) com.groupgate.bench.robustness.RobustnessBench $(ROBUSTNESS_ARGS)

# How the presets were chosen: every candidate level and quiet zone per medium against the default.
# ROBUSTNESS_ARGS: [trials a row (20)] [seed (29)] [media, comma-separated] [candidates such as M2,M3,M4].
robustness-sweep:
	$(MVN) -q -pl bench/robustness -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
	  -Dmdep.outputFile=target/classpath.txt
	java -cp $(ROBUSTNESS_CP) com.groupgate.bench.robustness.PresetSweep $(ROBUSTNESS_ARGS)

jar-sizes: build
	@ls -l functions/*/target/groupgate-*-lambda.jar | awk '{printf "%-45s %8.1f KiB\n", $$9, $$5/1024}'

# With `make run` up (at GROUPGATE_PORT, default 3000; GROUPGATE_URL wins if set): a demo
# tenant with a week of scans and joins (past days as demo facts through the emulator's
# operator keys, .run/operator.env; now through the public endpoints) and pending join
# requests; prints the console URL and the demo key (scripts/demo.py says what the data is).
demo: console
	$(PYTHON) scripts/demo.py

# With `make run` up (at GROUPGATE_PORT, default 3000; GROUPGATE_URL wins if set): scans with
# varied User-Agents and CloudFront headers, the delay until each shows in the stats API, and a
# check that every number read back is what was scanned.
freshness:
	$(PYTHON) scripts/stats_freshness.py

clean:
	$(MVN) -q clean

# SAM `BuildMethod: makefile` targets: each function's shaded jar, unpacked into ARTIFACTS_DIR.
# sam build runs one target per function; a jar is packaged once for all the functions it
# serves (rebuilt only when a pom or any file under functions/, outside target/, is newer).
JAR_INPUTS := pom.xml $(shell find functions -path '*/target' -prune -o -type f -print)

build-CodesApiFunction build-KeyRotationFunction build-TenantDeletionFunction build-QualificationFunction build-AuditFunction \
  build-AuditCheckpointFunction build-StreamArchiveFunction: functions/codes-api/target/groupgate-codes-api-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/codes-api/target/groupgate-codes-api-lambda.jar

build-ScanFunction: functions/scan/target/groupgate-scan-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/scan/target/groupgate-scan-lambda.jar

build-AggregateFunction: functions/aggregate/target/groupgate-aggregate-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/aggregate/target/groupgate-aggregate-lambda.jar

build-WebhookDispatchFunction build-WebhookSendFunction build-WebhookReminderFunction: \
  functions/webhooks/target/groupgate-webhooks-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/webhooks/target/groupgate-webhooks-lambda.jar

build-DesignsFunction: functions/designs/target/groupgate-designs-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/designs/target/groupgate-designs-lambda.jar
build-BatchWorkerFunction: functions/batches/target/groupgate-batches-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/batches/target/groupgate-batches-lambda.jar
build-ExportWorkerFunction: functions/exports/target/groupgate-exports-lambda.jar
	cd $(ARTIFACTS_DIR) && unzip -qo $(CURDIR)/functions/exports/target/groupgate-exports-lambda.jar

functions/codes-api/target/groupgate-codes-api-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/codes-api -am package

functions/scan/target/groupgate-scan-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/scan -am package

functions/aggregate/target/groupgate-aggregate-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/aggregate -am package

functions/webhooks/target/groupgate-webhooks-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/webhooks -am package

functions/designs/target/groupgate-designs-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/designs -am package
functions/batches/target/groupgate-batches-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/batches -am package
functions/exports/target/groupgate-exports-lambda.jar: $(JAR_INPUTS)
	$(MVN) -q -DskipTests -pl functions/exports -am package

# Cold start and warm scan time of the scan jar at each Lambda memory size, each JVM held to
# the CPU share Lambda gives that size (a cgroup CPU quota of memory/1769 of one CPU, when the
# machine lets us write one), beside a bare UpdateItem baseline; medians of COLDSTART_RUNS.
COLDSTART_MEMORY ?= 512 1024 1536
coldstart: venv
	$(MVN) -q -DskipTests package
	$(MVN) -q -pl bench/coldstart -am test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
	  -Dmdep.outputFile=target/classpath.txt
	java -cp bench/coldstart/target/classes:$$(cat bench/coldstart/target/classpath.txt) \
	  -Dgroupgate.root=$(CURDIR) com.groupgate.bench.coldstart.ColdStartBench $(COLDSTART_MEMORY)
