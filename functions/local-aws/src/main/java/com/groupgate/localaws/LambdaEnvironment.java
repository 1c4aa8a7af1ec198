package com.groupgate.localaws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a function gets in Lambda, for the local run and the tests: the
 * variables template.yaml gives it (Globals, then its own, as deployed), the ones Lambda
 * sets itself (region, function name, memory, version, log group and stream, handler,
 * initialization type), and — as for functions published with SnapStart — its role's
 * credentials only as a container-credentials URI and token, never as access keys.
 *
 * <p>Two variables are the local run's own, both documented in the README: {@code
 * AWS_ENDPOINT_URL} (the emulator) and the longer SDK timeouts a one-request-at-a-time
 * emulator needs ({@link #LOCAL_SDK_TIMEOUTS}).
 */
public final class LambdaEnvironment {
    /** Attempt and call timeouts (ms) against the emulator, where a burst queues behind one lock. */
    public static final Map<String, String> LOCAL_SDK_TIMEOUTS = Map.of(
            "GROUPGATE_SDK_ATTEMPT_TIMEOUT_MS", "120000",
            "GROUPGATE_SDK_CALL_TIMEOUT_MS", "300000");
    private static final int LAMBDA_DEFAULT_TIMEOUT = 3;
    private static final int LAMBDA_DEFAULT_MEMORY = 128;

    private LambdaEnvironment() {
    }

    /**
     * What {@code functionLogicalId} sees in {@code System.getenv()} when deployed, for the
     * resources of {@code resources} on {@code aws}, with {@code parameters} supplying
     * template parameters.
     */
    public static Map<String, String> of(LocalResources resources, LocalAws aws, String functionLogicalId,
                                         Map<String, String> parameters) {
        Map<String, Object> props = resources.template().deployed().properties(functionLogicalId);
        String name = functionName(resources, functionLogicalId);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb(resources, functionLogicalId)));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[1]" + functionLogicalId);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + props.getOrDefault("Runtime", "java21"));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart(props) ? "snap-start" : "on-demand");
        env.put("_HANDLER", String.valueOf(props.get("Handler")));
        env.put("LAMBDA_TASK_ROOT", "/var/task");
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("TZ", ":UTC");
        if (props.get("LoggingConfig") instanceof Map<?, ?> logging && logging.get("LogFormat") != null) {
            env.put("AWS_LAMBDA_LOG_FORMAT", String.valueOf(logging.get("LogFormat")));
        }
        FunctionRole role = resources.functionRole(functionLogicalId);
        aws.lambdaCredentials(role.name(), name).ifPresentOrElse(uri -> {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.toString());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", aws.lambdaCredentialsToken().orElseThrow());
        }, () -> {
            // An emulator without Lambda's credentials endpoint: its dummy keys.
            var keys = aws.operatorCredentials().resolveCredentials();
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        });
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.putAll(LOCAL_SDK_TIMEOUTS);
        env.putAll(resources.functionEnvironment(functionLogicalId, parameters));
        return env;
    }

    /** The function's name: CloudFormation's {@code <stack>-<LogicalId>} (without its random suffix). */
    public static String functionName(LocalResources resources, String functionLogicalId) {
        return resources.stackName() + "-" + functionLogicalId;
    }

    /** The function's timeout as deployed (Globals merged), Lambda's 3 s when neither sets one. */
    public static int timeoutSeconds(LocalResources resources, String functionLogicalId) {
        return setting(resources, functionLogicalId, "Timeout", LAMBDA_DEFAULT_TIMEOUT);
    }

    /** The function's memory as deployed, Lambda's 128 MB when neither sets it. */
    public static int memoryMb(LocalResources resources, String functionLogicalId) {
        return setting(resources, functionLogicalId, "MemorySize", LAMBDA_DEFAULT_MEMORY);
    }

    private static int setting(LocalResources resources, String functionLogicalId, String name, int fallback) {
        Object v = resources.template().deployed().properties(functionLogicalId).get(name);
        return v instanceof Number n ? n.intValue() : v == null ? fallback : Integer.parseInt(String.valueOf(v));
    }

    private static boolean snapStart(Map<String, Object> props) {
        return props.get("SnapStart") instanceof Map<?, ?> s && "PublishedVersions".equals(s.get("ApplyOn"));
    }
}
