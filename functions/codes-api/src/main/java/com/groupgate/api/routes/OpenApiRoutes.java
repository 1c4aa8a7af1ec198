package com.groupgate.api.routes;

import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.http.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /openapi.yaml}: the API's OpenAPI description, for anyone who wants to read it
 * or generate a client — no key needed (the edge check still applies, as on every route but
 * {@code /health}). The document is the repository's own {@code openapi.yaml}, copied into
 * the jar by the build, so there is one source; it is read once per container.
 */
public final class OpenApiRoutes {
    /** Where the build puts the repository's openapi.yaml on the classpath. */
    static final String RESOURCE = "openapi/openapi.yaml";
    /** RFC 9512's media type for YAML. */
    static final String CONTENT_TYPE = "application/yaml";

    private final String document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build copies it from the"
                        + " repository root");
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    public void register(Router router) {
        router.on("GET", "/openapi.yaml", this::document);
    }

    /** Never stored (a deployment may change it) and never sniffed, as every API answer ({@link SecurityHeaders#api}). */
    private ApiResponse document(ApiRequest request) {
        return new ApiResponse(200, Map.of("content-type", CONTENT_TYPE), document, false);
    }
}
