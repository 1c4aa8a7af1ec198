package com.groupgate.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.aws.AwsClients;
import com.groupgate.config.Wiring;
import com.groupgate.scan.ScanHandler;
import com.groupgate.telemetry.Log;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One cold start, in a fresh JVM whose class path is the deployable jar. {@code scan <token>
 * [warm]} builds the ScanHandler from the environment (as Lambda does), handles one scan as the function URL
 * delivers it behind CloudFront, then {@code warm} more scans of the same code one after
 * another, as a busy container serves them; {@code baseline} builds a DynamoDB client with the
 * same SDK, HTTP client and credentials provider and makes one UpdateItem.
 *
 * <p>Reports milliseconds from JVM start to the first answer and, for {@code scan}, each warm
 * scan's wall time, the part of it spent waiting for the emulator (from the SDK handing a
 * request to the HTTP client to the response coming back, all attempts), and the handler
 * thread's CPU time. The wait is the local emulator's, not DynamoDB's: what a scan costs in
 * Lambda is its own time plus DynamoDB's latency there.
 */
public final class ColdStartProbe {
    /** The value the probe sends as X-Origin-Verify, set by the bench (not a Lambda variable). */
    public static final String ORIGIN_VERIFY_VARIABLE = "GROUPGATE_COLDSTART_ORIGIN_VERIFY";
    /** The share of warm scans left out of the statistics while C1 compiles the hot path: the first half. */
    static final double WARM_UP_SHARE = 0.5;

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        if ("scan".equals(mode)) {
            scan(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 0);
        } else {
            baseline();
        }
    }

    private static void scan(String token, int warm) {
        AwsWait wait = new AwsWait();
        // Without warm scans, exactly as Lambda builds it; with them, the same wiring
        // (what the no-argument constructor reads) plus the interceptor that times the waits.
        ScanHandler handler;
        if (warm == 0) {
            handler = new ScanHandler();
        } else {
            Wiring lambda = Wiring.fromEnvironment();
            handler = new ScanHandler(lambda.withAws(lambda.aws().withInterceptors(List.of(wait))));
        }
        long built = System.currentTimeMillis();
        APIGatewayV2HTTPResponse first = handler.handleRequest(event(token), null);
        long answered = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> wallUs = new ArrayList<>();
        List<Long> waitUs = new ArrayList<>();
        List<Long> cpuUs = new ArrayList<>();
        int notOk = 0;
        APIGatewayV2HTTPResponse last = first;
        for (int i = 0; i < warm; i++) {
            wait.reset();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = handler.handleRequest(event(token), null);
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            if (last.getStatusCode() != 200) {
                notOk++;
            }
            if (i >= warm * WARM_UP_SHARE) {
                wallUs.add(wall / 1000);
                waitUs.add(wait.nanos() / 1000);
                cpuUs.add(cpu / 1000);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", "scan");
        out.put("status", Integer.toString(first.getStatusCode()));
        out.put("elapsedMs", answered - jvmStart);
        out.put("initMs", built - jvmStart);
        out.put("firstInvokeMs", answered - built);
        out.put("warmScans", warm);
        out.put("warmNot200", notOk);
        out.put("measuredScans", wallUs.size());
        out.put("wallUs", stats(wallUs));
        out.put("awsWaitUs", stats(waitUs));
        out.put("cpuUs", stats(cpuUs));
        List<Long> own = new ArrayList<>();
        for (int i = 0; i < wallUs.size(); i++) {
            own.add(wallUs.get(i) - waitUs.get(i));
        }
        out.put("ownUs", stats(own));
        out.put("responseBodyBytes", bodyBytes(last));
        out.put("responseHeaderBytes", headerBytes(last));
        out.put("contentType", last.getHeaders() == null ? "" : String.valueOf(last.getHeaders().get("content-type")));
        out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Log.info("coldstart", out);
    }

    private static void baseline() {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(AwsClients.fromEnvironment().credentials())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL"))).build();
        dynamo.updateItem(u -> u.tableName(System.getenv("GROUPGATE_MAIN_TABLE"))
                .key(Map.of("pk", AttributeValue.fromS("COLDSTART"), "sk", AttributeValue.fromS("BASELINE")))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        long elapsed = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Log.info("coldstart", Map.of("mode", "baseline", "status", "200", "elapsedMs", elapsed));
    }

    /**
     * A phone's scan as the scan function's URL delivers it behind CloudFront: payload v2,
     * route key {@code $default}, the distribution's X-Origin-Verify and viewer headers, a
     * WeChat browser, no Accept (so the landing page, as a camera app opens it).
     */
    static APIGatewayV2HTTPEvent event(String token) {
        String path = "/S/" + token;
        String userAgent = "Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
                + "MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/5G Language/zh_CN ABI/arm64";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "a1b2c3d4e5f60718293a4b5c6d7e8f90.lambda-url.us-east-1.on.aws");
        headers.put("user-agent", userAgent);
        // What CloudFront sends: the origin secret's value (the function reads it from Secrets Manager).
        if (System.getenv(ORIGIN_VERIFY_VARIABLE) != null) {
            headers.put("x-origin-verify", System.getenv(ORIGIN_VERIFY_VARIABLE));
        }
        headers.put("cloudfront-viewer-country", "CN");
        headers.put("cloudfront-viewer-country-region", "GD");
        headers.put("cloudfront-viewer-city", "Shenzhen");
        headers.put("cloudfront-viewer-address", "203.0.113.7:52144");
        headers.put("x-forwarded-for", "203.0.113.7");
        headers.put("x-forwarded-proto", "https");
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(path)
                .withRawQueryString("").withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("$default")
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("192.0.2.10").withUserAgent(userAgent).build())
                        .build())
                .build();
    }

    /** p50, p90, p99 and mean of {@code values}. */
    static Map<String, Long> stats(List<Long> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("p50", sorted.get(sorted.size() / 2));
        out.put("p90", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.9))));
        out.put("p99", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99))));
        out.put("mean", sum / sorted.size());
        return out;
    }

    private static int bodyBytes(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return 0;
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body).length
                : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The response's headers as HTTP/1.1 writes them ({@code name: value\r\n}), without the status line. */
    private static int headerBytes(APIGatewayV2HTTPResponse response) {
        int n = 0;
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
                n += h.getKey().length() + 2 + h.getValue().getBytes(StandardCharsets.UTF_8).length + 2;
            }
        }
        return n;
    }

    /** Time spent between handing a request to the HTTP client and its response, over all attempts. */
    private static final class AwsWait implements ExecutionInterceptor {
        private final AtomicLong total = new AtomicLong();
        private final ThreadLocal<Long> started = new ThreadLocal<>();

        void reset() {
            total.set(0);
        }

        long nanos() {
            return total.get();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            started.set(System.nanoTime());
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            Long t0 = started.get();
            if (t0 != null) {
                total.addAndGet(System.nanoTime() - t0);
                started.remove();
            }
        }
    }
}
