package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One test's view of GroupGate: the real codes API and scan handler on the emulated AWS,
 * sharing a clock the test moves. The scan handler's clients count their calls.
 */
final class ScanWorld {
    static final String SOURCE_IP = "198.51.100.7";

    final MutableClock clock;
    final HttpCalls api;
    final RequestCounter calls = new RequestCounter();
    final ConflictInjector conflicts = new ConflictInjector();
    private final Wiring scanWiring;
    private HttpCalls scan;

    ScanWorld(Instant start) {
        this(start, Map.of());
    }

    /** @param scanEnvironment variables replaced in the scan function's environment (shorter SDK timeouts, say) */
    ScanWorld(Instant start, Map<String, String> scanEnvironment) {
        this.clock = new MutableClock(start);
        TestDeployment aws = TestDeployment.get();
        this.api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", clock)));
        Wiring w = aws.wiring("ScanFunction", clock, scanEnvironment);
        this.scanWiring = new Wiring(w.config(), w.aws().withInterceptors(List.of(calls, conflicts)), clock);
    }

    /** Another scan function container of this world: its own key ring, caches and clients. */
    HttpCalls newScanContainer() {
        return new HttpCalls(new ScanHandler(scanWiring));
    }

    ScanWorld() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A tenant: its id and API key. */
    record Tenant(String tenantId, String apiKey) {
    }

    Tenant tenant(String name, String timezone) {
        String body = timezone == null ? "{\"name\":\"" + name + "\"}"
                : "{\"name\":\"" + name + "\",\"timezone\":\"" + timezone + "\"}";
        var r = api.post("/v1/tenants", body, bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, r.status(), r.body());
        return new Tenant(r.text("tenantId"), r.text("apiKey"));
    }

    JsonNode group(Tenant t, String json) {
        var r = api.post("/v1/groups", json, bearer(t.apiKey()));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    JsonNode code(Tenant t, String groupId, String json) {
        var r = api.post("/v1/groups/" + groupId + "/codes", json, bearer(t.apiKey()));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    /** A code of a new open group (capacity 3000) with {@code codeJson}. */
    JsonNode openCode(Tenant t, String codeJson) {
        String groupId = group(t, "{\"name\":\"Open group\",\"capacity\":3000}").path("groupId").asText();
        return code(t, groupId, codeJson);
    }

    /** The scan route path of a code: {@code /S/<token>}. */
    static String path(JsonNode code) {
        String url = code.path("scanUrl").asText();
        assertEquals(0, url.indexOf(TestDeployment.SCAN_BASE), url);
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    static String token(JsonNode code) {
        return path(code).substring(3);
    }

    /** The scan handler, built after the first code exists so its first key read finds a key. */
    synchronized HttpCalls scans() {
        if (scan == null) {
            scan = new HttpCalls(new ScanHandler(scanWiring));
        }
        return scan;
    }

    HttpCalls.Response scanJson(String path) {
        return scans().call("GET", path, Map.of(), null, Map.of("accept", "application/json"), SOURCE_IP);
    }

    HttpCalls.Response scan(String path, Map<String, String> headers, String sourceIp) {
        return scans().call("GET", path, Map.of(), null, headers, sourceIp);
    }

    HttpCalls.Response join(String path, String body) {
        return join(path, body, SOURCE_IP);
    }

    /** A join from {@code sourceIp}: passcode budgets are kept per client address. */
    HttpCalls.Response join(String path, String body, String sourceIp) {
        return scans().call("POST", path + "/join", Map.of(), body, Map.of(), sourceIp);
    }

    /** A join ticket from one accepted JSON scan. */
    String ticket(String path) {
        var r = scanJson(path);
        assertEquals(200, r.status(), r.body());
        return r.text("joinTicket");
    }

    static String joinBody(String ticket, String memberRef, String passcode) {
        Map<String, String> body = new HashMap<>();
        body.put("joinTicket", ticket);
        if (memberRef != null) {
            body.put("memberRef", memberRef);
        }
        if (passcode != null) {
            body.put("passcode", passcode);
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code task(0..n-1)} on {@code threads} threads, released together by a latch,
     * and returns the results in index order.
     */
    static <T> List<T> concurrently(int n, int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(index);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>(n);
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Status code → how many responses had it. */
    static Map<Integer, Long> histogram(List<HttpCalls.Response> responses) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        responses.forEach(r -> out.merge(r.status(), 1L, Long::sum));
        return out;
    }
}
