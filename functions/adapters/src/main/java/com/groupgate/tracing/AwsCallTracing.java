package com.groupgate.tracing;

import com.groupgate.telemetry.Log;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Each AWS call of a sampled invocation as a subsegment of the function's trace (name
 * {@code DynamoDB}, {@code KMS}, {@code S3}, {@code SQS}…, namespace {@code aws}, the
 * operation, the table, queue or bucket), sent to the X-Ray daemon Lambda runs beside the
 * function when active tracing is on. Lambda samples: a call whose invocation's header says
 * {@code Sampled=0}, or that has no header (init, a SnapStart snapshot), sends nothing.
 * One subsegment per call, from the first attempt to the answer, retries counted.
 */
public final class AwsCallTracing implements ExecutionInterceptor {
    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("GroupGateTracedCall");
    private static final Map<String, String> XRAY_NAMES = Map.of(
            "DynamoDb", "DynamoDB", "Kms", "KMS", "Sqs", "SQS", "S3", "S3");

    private final Supplier<String> header;
    private final DaemonSocket daemon;

    public AwsCallTracing(Supplier<String> header, DaemonSocket daemon) {
        this.header = header;
        this.daemon = daemon;
    }

    /**
     * Tracing for a function with this environment: on when {@code AWS_XRAY_DAEMON_ADDRESS}
     * names a daemon (Lambda sets it with active tracing), each call's header read from
     * {@link TraceHeader#PROPERTY}, else the environment's {@link TraceHeader#VARIABLE}.
     */
    public static Optional<AwsCallTracing> fromEnvironment(Map<String, String> env) {
        InetSocketAddress address = DaemonAddress.udp(env.get(DaemonAddress.VARIABLE));
        if (address == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsCallTracing(() -> {
            String invocation = System.getProperty(TraceHeader.PROPERTY);
            return invocation != null ? invocation : env.get(TraceHeader.VARIABLE);
        }, new DaemonSocket(address)));
    }

    /** Where the subsegments go. */
    public InetSocketAddress daemon() {
        return daemon.address();
    }

    private static final class Call {
        final TraceHeader trace;
        final long startMicros;
        int attempts;

        Call(TraceHeader trace, long startMicros) {
            this.trace = trace;
            this.startMicros = startMicros;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String value = header.get();
        // Most invocations are not sampled: they cost this one look.
        if (value == null || !value.contains("Sampled=1")) {
            return;
        }
        TraceHeader trace = TraceHeader.parse(value);
        if (trace != null && trace.sampled()) {
            attributes.putAttribute(CALL, new Call(trace, nowMicros()));
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call != null) {
            call.attempts++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null) {
            return;
        }
        SdkResponse response = context.response();
        String requestId = response instanceof AwsResponse aws ? aws.responseMetadata().requestId() : null;
        send(call, context.request(), attributes, context.httpResponse().statusCode(), requestId, null);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null) {
            return;
        }
        Throwable failure = context.exception();
        int status = context.httpResponse().map(SdkHttpResponse::statusCode).orElse(0);
        String requestId = null;
        if (failure instanceof AwsServiceException service) {
            status = service.statusCode();
            requestId = service.requestId();
        }
        send(call, context.request(), attributes, status, requestId, failure.getClass().getSimpleName());
    }

    /** Never fails the call it describes: a subsegment that cannot be built or sent is lost. */
    private void send(Call call, SdkRequest request, ExecutionAttributes attributes, int status,
                      String requestId, String errorType) {
        try {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            var region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            boolean knownId = requestId != null && !requestId.isBlank() && !"UNKNOWN".equals(requestId);
            AwsCallSegment segment = new AwsCallSegment(newId(), call.trace, XRAY_NAMES.getOrDefault(service, service),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), region == null ? "" : region.id(),
                    call.startMicros, nowMicros(), status, knownId ? requestId : null,
                    Math.max(0, call.attempts - 1), resources(request), errorType);
            daemon.send(segment.datagram());
        } catch (RuntimeException e) {
            Log.error("trace_not_sent", Map.of("reason", e.getClass().getSimpleName()));
        }
    }

    /** The table(s), queue or bucket a request names: what X-Ray's service map and filters show. */
    static Map<String, Object> resources(SdkRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfNamed(out, "table_name", request.getValueForField("TableName", String.class).orElse(null));
        putIfNamed(out, "queue_url", request.getValueForField("QueueUrl", String.class).orElse(null));
        putIfNamed(out, "bucket_name", request.getValueForField("Bucket", String.class).orElse(null));
        TreeSet<String> tables = new TreeSet<>();
        Map<?, ?> batch = request.getValueForField("RequestItems", Map.class).orElse(null);
        if (batch != null) {
            for (Object table : batch.keySet()) {
                tables.add(String.valueOf(table));
            }
        }
        if (request instanceof TransactWriteItemsRequest write) {
            for (TransactWriteItem item : write.transactItems()) {
                if (item.put() != null) {
                    tables.add(item.put().tableName());
                } else if (item.update() != null) {
                    tables.add(item.update().tableName());
                } else if (item.delete() != null) {
                    tables.add(item.delete().tableName());
                } else if (item.conditionCheck() != null) {
                    tables.add(item.conditionCheck().tableName());
                }
            }
        } else if (request instanceof TransactGetItemsRequest read) {
            for (TransactGetItem item : read.transactItems()) {
                if (item.get() != null) {
                    tables.add(item.get().tableName());
                }
            }
        }
        if (!tables.isEmpty()) {
            out.put("table_names", new ArrayList<>(tables));
        }
        return out;
    }

    private static void putIfNamed(Map<String, Object> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    /** A subsegment id: 64 random bits as 16 hex digits. */
    static String newId() {
        String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

}
