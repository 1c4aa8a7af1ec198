package com.groupgate.webhooks;

import com.groupgate.webhook.AttemptVerdict;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST of a delivery to its endpoint: the JDK's HTTP client, redirects never followed
 * (a 3xx is a failed attempt: following it could lead anywhere, the checks included), the
 * whole exchange bounded by the timeout, the answer's body not read. Only the status and
 * {@code Retry-After} come back.
 */
final class WebhookPoster {
    /** The spec's bound on one attempt, from connecting to the end of the answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final String USER_AGENT = "GroupGate-Webhooks/1";

    private final HttpClient http;
    private final Duration timeout;

    WebhookPoster(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The signed request's answer, or {@link AttemptVerdict#noAnswer()} when none came in time. */
    AttemptVerdict post(java.net.URI url, String eventId, long timestamp, String signature, String body, Instant now) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return AttemptVerdict.of(response.statusCode(), response.headers().firstValue("retry-after").orElse(null),
                    now);
        } catch (TimeoutException | ExecutionException e) {
            answer.cancel(true);
            return AttemptVerdict.noAnswer();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return AttemptVerdict.noAnswer();
        }
    }
}
