package com.groupgate.config;

import java.util.Map;

/**
 * A function's settings, read from its environment as template.yaml declares it. Values
 * a function does not use may be null (scan has no bucket; aggregate has no admin key).
 *
 * @param streamFailureQueueUrl the aggregate's on-failure queue, where it also sends the
 *                              poison records it steps over
 */
public record Config(
        String mainTable,
        String analyticsTable,
        String imagesBucket,
        String keyId,
        String scanBaseUrl,
        String adminKeySha256,
        String originSecret,
        String streamFailureQueueUrl) {

    public static Config fromEnvironment(Map<String, String> env) {
        return new Config(
                env.get("GROUPGATE_MAIN_TABLE"),
                env.get("GROUPGATE_ANALYTICS_TABLE"),
                env.get("GROUPGATE_IMAGES_BUCKET"),
                env.get("GROUPGATE_KEY_ID"),
                env.get("GROUPGATE_SCAN_BASE_URL"),
                env.get("GROUPGATE_ADMIN_KEY_SHA256"),
                env.get("GROUPGATE_ORIGIN_SECRET"),
                env.get("GROUPGATE_STREAM_FAILURE_QUEUE_URL"));
    }

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }
}
