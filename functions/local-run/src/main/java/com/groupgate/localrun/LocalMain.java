package com.groupgate.localrun;

import com.groupgate.localaws.LocalAws;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code make run}: GroupGate at http://127.0.0.1:3000 ({@code GROUPGATE_PORT} overrides)
 * on the local emulator ({@code AWS_ENDPOINT_URL} when set). Ctrl-C stops the server,
 * the stream poller and the emulator. {@code GROUPGATE_EDGE=false} stands for a stack without
 * the edge; {@code GROUPGATE_REQUIRE_CONTENT_SHA256=false} lets POSTs to the scan function's URL
 * through without their body's hash.
 */
public final class LocalMain {
    private static final int DEFAULT_PORT = 3000;

    private LocalMain() {
    }

    public static void main(String[] args) {
        PrintStream banner = System.out;
        int port = port(System.getenv("GROUPGATE_PORT"));
        LocalAws aws = LocalAws.get();
        // make run alone lets webhooks be plain http to 127.0.0.1 (scripts/webhook_receiver.py).
        LocalGroupGate.Builder builder = LocalGroupGate.builder().localAws(aws).allowLoopbackWebhooks(true);
        flag("GROUPGATE_EDGE").ifPresent(builder::edge);
        flag("GROUPGATE_REQUIRE_CONTENT_SHA256").ifPresent(builder::requireContentSha256);
        LocalGroupGate local = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "groupgate-local-stop"));
        URI url;
        try {
            url = local.start(port);
        } catch (RuntimeException e) {
            System.err.println("GroupGate could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        banner.println();
        banner.println("GroupGate is running locally");
        banner.println("  API        " + url + "   (try: curl " + url + "/health)");
        banner.println("  Console    " + local.consoleUrl().map(u -> u + "   (sign in with a tenant's API key; make demo prints one)")
                .orElse(local.edge() ? "not built: make console" : "only with the edge (GROUPGATE_EDGE=true)"));
        banner.println("  Admin key  " + local.adminKey() + "   (Authorization: Bearer <admin key>)");
        banner.println("  Edge       " + (local.requiresOriginVerify()
                ? "required, as deployed: every route but /health needs X-Origin-Verify: " + local.originSecret()
                : "not required (GROUPGATE_REQUIRE_ORIGIN_VERIFY=true requires it); X-Origin-Verify: "
                        + local.originSecret() + " makes viewer geo headers trusted"));
        banner.println("  Emulator   " + aws.kind() + " at " + aws.endpoint());
        operatorEnv(aws).ifPresent(file -> banner.println("  Operator   " + file + "  (source it to look into the"
                + " emulator's tables and bucket with boto3 from .venv, as the operator; local only)"));
        Path runDir = Path.of(System.getProperty("groupgate.root", "."), ".run");
        try {
            LambdaEnvironmentFiles.write(local, runDir);
            banner.println("  Functions  " + runDir.resolve(LambdaEnvironmentFiles.LAMBDA_ENV).normalize()
                    + "  (make invoke FUNCTION=ScanFunction EVENT=events/scan-json.json runs one handler under its role;"
                    + " make env-json writes env.json for sam local invoke --env-vars)");
        } catch (java.io.IOException e) {
            banner.println("  Functions  could not write " + runDir + ": " + e.getMessage());
        }
        banner.println("  IAM        " + (aws.enforcesIam()
                ? "enforced: each function runs as its own role (template.yaml), credentials from Lambda's"
                        + " container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), no access keys"
                : "not enforced by this emulator"));
        banner.println("  Routes     " + (local.edge()
                ? "as the edge routes them: /S/*, /s/*, /R/*, /r/* to ScanFunction's URL, /i/* (code images) and /console*"
                        + " (the console) from their buckets, the rest to the HTTP API"
                        + (local.requiresContentSha256()
                                ? "; a POST there needs x-amz-content-sha256 (GROUPGATE_REQUIRE_CONTENT_SHA256=false: not)"
                                : "; x-amz-content-sha256 not required")
                : "the HTTP API's routes (GROUPGATE_EDGE=false)"));
        banner.println("  Stream     MainTable -> AggregateFunction, WebhookDispatchFunction");
        banner.println("  Webhooks   delivery queue -> WebhookSendFunction; http://127.0.0.1 receivers allowed here"
                + " (python3 scripts/webhook_receiver.py)");
        banner.println("  Batches    batch queue -> BatchWorkerFunction (POST /v1/batches, text/csv)");
        banner.println("  Ctrl-C stops everything.");
        banner.println();
    }

    /**
     * Writes the emulator's endpoint and operator credentials to {@code .run/operator.env}
     * (owner-only), so that a person can look at or change what is stored — edit an audit
     * entry and watch the verifier fail, say. The emulator's own made-up keys, never AWS's.
     */
    private static java.util.Optional<java.nio.file.Path> operatorEnv(LocalAws aws) {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("groupgate.root", "."), ".run",
                "operator.env");
        var creds = aws.operatorCredentials().resolveCredentials();
        String text = "export AWS_ENDPOINT_URL=" + aws.endpoint() + "\nexport AWS_REGION=" + LocalAws.REGION
                + "\nexport AWS_DEFAULT_REGION=" + LocalAws.REGION + "\n"
                + "export AWS_ACCESS_KEY_ID=" + creds.accessKeyId() + "\nexport AWS_SECRET_ACCESS_KEY="
                + creds.secretAccessKey() + "\n";
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
            java.nio.file.Files.setPosixFilePermissions(file,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return java.util.Optional.of(file.normalize());
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    /** A true/false environment variable, when set. */
    private static java.util.Optional<Boolean> flag(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return java.util.Optional.empty();
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + ": true or false, was " + v);
        }
        return java.util.Optional.of(Boolean.parseBoolean(v));
    }

    private static int port(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GROUPGATE_PORT: not a port number: " + configured, e);
        }
    }
}
