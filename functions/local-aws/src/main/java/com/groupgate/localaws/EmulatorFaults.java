package com.groupgate.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults the emulator puts between the SDK and itself (moto-server/faults.py): throttling,
 * server errors, timeouts, dropped connections and unprocessed batch keys, for the
 * requests a rule matches. Rules fire in the order added; each request meets at most one.
 */
public final class EmulatorFaults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI control;

    EmulatorFaults(URI endpoint) {
        this.control = endpoint.resolve("/_groupgate/faults");
    }

    /** What goes wrong. */
    public enum Kind {
        /** DynamoDB's ProvisionedThroughputExceededException (400). */
        THROUGHPUT_EXCEEDED("throughput_exceeded"),
        /** The service's throttling error (DynamoDB/KMS ThrottlingException, S3 503 SlowDown). */
        THROTTLING("throttling"),
        /** The service's 500 (DynamoDB InternalServerError, KMS KMSInternalException, S3 InternalError). */
        ERROR_500("error500"),
        /** The answer is held back {@code delayMs}; a client with a shorter timeout gives up. */
        TIMEOUT("timeout"),
        /** The connection is reset with no answer. */
        RESET("reset"),
        /** BatchGetItem/BatchWriteItem: only the first {@code keep} keys per table are done, the rest come back unprocessed. */
        UNPROCESSED("unprocessed");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    /**
     * One rule. {@code after}: the emulator performs the request first, so the fault hides
     * a change that happened (a lost answer), rather than preventing it.
     */
    public record Rule(String service, String operation, String principal, Kind kind, boolean after, int times,
                       int skip, long delayMs, int keep) {
        /** {@code kind} on the next call of {@code service:operation} by anyone. */
        public static Rule of(String service, String operation, Kind kind) {
            return new Rule(service, operation, "*", kind, false, 1, 0, 0, 1);
        }

        /** Only requests signed by this IAM role (its name). */
        public Rule by(String roleName) {
            return new Rule(service, operation, roleName, kind, after, times, skip, delayMs, keep);
        }

        /** The request is performed, then its answer is lost. */
        public Rule afterApplying() {
            return new Rule(service, operation, principal, kind, true, times, skip, delayMs, keep);
        }

        /** Fires on {@code n} matching requests; -1 until cleared. */
        public Rule times(int n) {
            return new Rule(service, operation, principal, kind, after, n, skip, delayMs, keep);
        }

        public Rule always() {
            return times(-1);
        }

        /** Lets the first {@code n} matching requests through. */
        public Rule skip(int n) {
            return new Rule(service, operation, principal, kind, after, times, n, delayMs, keep);
        }

        public Rule delayMs(long ms) {
            return new Rule(service, operation, principal, kind, after, times, skip, ms, keep);
        }

        public Rule keep(int n) {
            return new Rule(service, operation, principal, kind, after, times, skip, delayMs, n);
        }

        Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("operation", operation);
            m.put("principal", principal);
            m.put("fault", kind.wire);
            m.put("phase", after ? "after" : "before");
            m.put("times", times);
            m.put("skip", skip);
            m.put("delayMs", delayMs);
            m.put("keep", keep);
            return m;
        }
    }

    /** Arms {@code rule}; returns its id. */
    public String add(Rule rule) {
        JsonNode answer = send("POST", List.of(rule.wire()));
        return answer.path("ids").path(0).asText();
    }

    /** How many times the rule {@code id} has fired. */
    public int fired(String id) {
        for (JsonNode rule : send("GET", null).path("rules")) {
            if (id.equals(rule.path("id").asText())) {
                return rule.path("fired").asInt();
            }
        }
        throw new IllegalArgumentException("id: no rule " + id);
    }

    /** Removes every rule. */
    public void clear() {
        send("DELETE", null);
    }

    private JsonNode send(String method, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(control).method(method, publisher)
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("faults " + method + ": " + r.statusCode() + " " + r.body());
            }
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
