package com.groupgate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.yaml is a valid OpenAPI 3.1 document, read by a parser that is not ours. */
class OpenApiDocumentTest {
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIParser().readLocation(ApiContract.document().toUri().toString(), null, options);
    }

    @Test
    void theDocumentParsesAndValidatesWithoutMessages() {
        assertNotNull(parsed.getOpenAPI(), String.valueOf(parsed.getMessages()));
        assertEquals(List.of(), parsed.getMessages() == null ? List.of() : parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
    }

    @Test
    void everyOperationHasAUniqueIdAndSaysWhoMayCallIt() {
        OpenAPI api = parsed.getOpenAPI();
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String route = method + " " + path;
            if (op.getOperationId() == null || !ids.add(op.getOperationId())) {
                problems.add(route + ": missing or repeated operationId " + op.getOperationId());
            }
            if (op.getSecurity() == null) {
                problems.add(route + ": no security (public operations say security: [])");
            }
            if (op.getResponses() == null || op.getResponses().isEmpty()) {
                problems.add(route + ": no responses");
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void theThreeKeysAreBearerSchemes() {
        var schemes = parsed.getOpenAPI().getComponents().getSecuritySchemes();
        for (String name : List.of("tenantKey", "readKey", "adminKey")) {
            assertNotNull(schemes.get(name), name);
            assertEquals("bearer", schemes.get(name).getScheme(), name);
        }
    }

    @Test
    void everyRouteButHealthDocumentsTheEdgeRefusal() {
        List<String> missing = new ArrayList<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (!path.equals("/health") && !hasResponse(op, "403")) {
                missing.add(method + " " + path);
            }
        }));
        assertTrue(missing.isEmpty(), "no 403 forbidden documented for " + missing);
    }

    private static boolean hasResponse(Operation op, String status) {
        return op.getResponses().containsKey(status);
    }
}
