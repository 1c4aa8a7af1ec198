package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The local API over real HTTP, as a tenant's client or a scanner's phone calls it; answers as JSON with {@code _status}. */
final class LocalApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;

    LocalApi(URI base) {
        this.base = base;
    }

    JsonNode call(String method, String path, String body, String key) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("authorization", "Bearer " + key);
        }
        if (body != null) {
            r.header("content-type", "application/json"); // JSON routes answer 415 to any other body
        }
        // As a client of the deployed edge sends it: Lambda's function URL wants a signed POST's payload hash.
        r.header("x-amz-content-sha256", Sha256.hex(body == null ? "" : body));
        try {
            HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode json = response.body().isBlank() ? MAPPER.createObjectNode()
                    : (ObjectNode) MAPPER.readTree(response.body());
            json.put("_status", response.statusCode());
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code call}, which must answer {@code status}. */
    JsonNode expect(int status, String method, String path, String body, String key) {
        JsonNode r = call(method, path, body, key);
        assertEquals(status, r.path("_status").asInt(), method + " " + path + ": " + r);
        return r;
    }

    /** A new tenant's full API key. */
    String tenant(String adminKey, String name) {
        return expect(201, "POST", "/v1/tenants", "{\"name\":\"" + name + "\"}", adminKey).path("apiKey").asText();
    }

    /** The path part of a code's scan URL: {@code /S/<token>}. */
    static String scanPath(JsonNode code) {
        String url = code.path("scanUrl").asText();
        return url.substring(url.indexOf("/S/"));
    }

    /** A scan and a join through it as {@code memberRef}: the join's answer. */
    JsonNode scanAndJoin(JsonNode code, String memberRef) {
        JsonNode scan = expect(200, "GET", scanPath(code), null, null);
        return call("POST", scanPath(code) + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText()
                + "\",\"memberRef\":\"" + memberRef + "\"}", null);
    }
}
