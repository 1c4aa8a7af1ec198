package com.groupgate.config;

import java.util.Map;

/**
 * A function's settings, read from its environment as template.yaml declares it. Values
 * a function does not use may be null (scan has no bucket; aggregate has no admin key).
 *
 * @param adminKeySecretArn     the Secrets Manager secret holding the operator's admin key (codes API, audit)
 * @param originSecretArn       the Secrets Manager secret CloudFront sends as {@code X-Origin-Verify}
 * @param requireOriginVerify   whether the HTTP functions refuse requests that did not come
 *                              through CloudFront ({@code X-Origin-Verify}); on as deployed,
 *                              off unless asked for in {@code make run} and the tests
 * @param streamFailureQueueUrl the aggregate's on-failure queue, where it also sends the
 *                              poison records it steps over
 * @param webhookQueueUrl       the queue of webhook deliveries (dispatcher and sender)
 * @param allowLoopbackWebhooks whether webhooks may be plain {@code http} to a loopback
 *                              address: set by the local runner only ({@code make run}),
 *                              never by template.yaml
 * @param auditTable            the tenants' audit logs (codes API and audit function)
 * @param auditKeyId            the KMS key that signs audit checkpoints (audit function only)
 * @param batchQueueUrl         the queue of uploaded batches (the codes API sends, the batch worker takes)
 */
public record Config(
        String mainTable,
        String analyticsTable,
        String imagesBucket,
        String keyId,
        String scanBaseUrl,
        String adminKeySecretArn,
        String originSecretArn,
        boolean requireOriginVerify,
        String streamFailureQueueUrl,
        String webhookQueueUrl,
        boolean allowLoopbackWebhooks,
        String auditTable,
        String auditKeyId,
        String batchQueueUrl) {

    public static final String ADMIN_KEY_SECRET_ARN = "GROUPGATE_ADMIN_KEY_SECRET_ARN";
    public static final String ORIGIN_SECRET_ARN = "GROUPGATE_ORIGIN_SECRET_ARN";
    /** {@code "true"} in template.yaml for the HTTP functions; absent means off. */
    public static final String REQUIRE_ORIGIN_VERIFY = "GROUPGATE_REQUIRE_ORIGIN_VERIFY";
    /** {@code "true"} only in the local runner's environment, so a receiver on 127.0.0.1 can be used. */
    public static final String ALLOW_LOOPBACK_WEBHOOKS = "GROUPGATE_WEBHOOKS_ALLOW_LOOPBACK_HTTP";

    public static Config fromEnvironment(Map<String, String> env) {
        return new Config(
                env.get("GROUPGATE_MAIN_TABLE"),
                env.get("GROUPGATE_ANALYTICS_TABLE"),
                env.get("GROUPGATE_IMAGES_BUCKET"),
                env.get("GROUPGATE_KEY_ID"),
                env.get("GROUPGATE_SCAN_BASE_URL"),
                env.get(ADMIN_KEY_SECRET_ARN),
                env.get(ORIGIN_SECRET_ARN),
                flag(env.get(REQUIRE_ORIGIN_VERIFY), REQUIRE_ORIGIN_VERIFY),
                env.get("GROUPGATE_STREAM_FAILURE_QUEUE_URL"),
                env.get("GROUPGATE_WEBHOOK_QUEUE_URL"),
                flag(env.get(ALLOW_LOOPBACK_WEBHOOKS), ALLOW_LOOPBACK_WEBHOOKS),
                env.get("GROUPGATE_AUDIT_TABLE"),
                env.get("GROUPGATE_AUDIT_KEY_ID"),
                env.get("GROUPGATE_BATCH_QUEUE_URL"));
    }

    /**
     * {@code true} or {@code false}; absent is false. Anything else stops the function at
     * start rather than be read as "off": a typo must not open the API.
     */
    public static boolean flag(String value, String name) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + ": must be true or false, was " + value);
        };
    }

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }
}
