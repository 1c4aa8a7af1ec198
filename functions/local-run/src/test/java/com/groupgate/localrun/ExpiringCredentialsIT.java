package com.groupgate.localrun;

import static com.groupgate.entry.QrPictures.WECHAT;
import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.localaws.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Functions' role credentials expire, as Lambda's do (here after {@link #LIFETIME_SECONDS}
 * seconds): the functions keep working across the expiry, since credentials are fetched again
 * before they run out, while a URL presigned with the old ones stops working when they do,
 * whatever its own X-Amz-Expires says. Code images, served by the edge, are not affected.
 */
class ExpiringCredentialsIT {
    private static final int LIFETIME_SECONDS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;

    @BeforeAll
    static void start() {
        aws = LocalAws.ownMoto(Map.of("GROUPGATE_LAMBDA_CREDENTIALS_SECONDS", String.valueOf(LIFETIME_SECONDS)));
        local = RecordedStack.builder().localAws(aws).adminKey("test-admin-key").originSecret("test-origin-secret")
                .build();
        base = local.start(0);
        api = new LocalApi(base);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A joiner's revealed entry picture: a GET presigned by the scan function, valid ten minutes. */
    private static String revealedPicture(JsonNode code, String member) {
        JsonNode joined = api.scanAndJoin(code, member);
        assertEquals(200, joined.path("_status").asInt(), joined.toString());
        String url = joined.path("entry").path("imageUrl").asText();
        assertTrue(url.contains("X-Amz-Expires=600") && url.contains("X-Amz-Security-Token="), url);
        return url;
    }

    @Test
    void functionsKeepWorkingAcrossAnExpiryWhileAUrlSignedWithTheOldCredentialsStops() throws Exception {
        String key = api.tenant("test-admin-key", "Expiring");
        String group = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Pictured\",\"preset\":\"wechat\"}", key)
                .path("groupId").asText();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups/" + group
                        + "/entry-image")).PUT(HttpRequest.BodyPublishers.ofByteArray(encode(qr(WECHAT, 300), "png")))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + group + "/codes", "{}", key);
        String old = revealedPicture(code, "first");
        assertEquals(200, get(old).statusCode());

        // Bounded wait for the signer's credentials to run out (they live LIFETIME_SECONDS).
        long deadline = System.nanoTime() + Duration.ofSeconds(LIFETIME_SECONDS * 4L).toNanos();
        HttpResponse<String> refused = get(old);
        while (refused.statusCode() == 200 && System.nanoTime() < deadline) {
            // Meanwhile every function goes on working: each call is signed with current credentials.
            api.expect(200, "GET", "/v1/codes/" + code.path("codeId").asText(), null, key);
            refused = get(old);
        }
        assertEquals(400, refused.statusCode(), "the URL still works although its credentials expired");
        assertTrue(refused.body().contains("<Code>ExpiredToken</Code>"), refused.body());
        assertTrue(refused.body().contains("The provided token has expired."), refused.body());

        // After the expiry: the API writes and reads, the scan function joins and presigns anew.
        JsonNode another = api.expect(201, "POST", "/v1/groups/" + group + "/codes", "{}", key);
        api.expect(200, "GET", "/v1/codes/" + another.path("codeId").asText(), null, key);
        String fresh = revealedPicture(another, "second");
        assertEquals(200, get(fresh).statusCode());
        // A code's image is the edge's, not presigned: it outlives every function credential.
        HttpResponse<String> image = get(code.path("imageUrl").asText());
        assertEquals(200, image.statusCode());
        assertNotNull(image.headers().firstValue("cache-control").orElse(null));
    }
}
