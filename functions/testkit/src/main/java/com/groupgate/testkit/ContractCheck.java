package com.groupgate.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.groupgate.testkit.ApiContract.Located;
import com.groupgate.testkit.ApiContract.Operation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP exchange (an API Gateway payload v2 event and the function's response) held to
 * openapi.yaml.
 *
 * <p><b>The response is always checked.</b> Its status must be documented for the
 * operation, its Content-Type must be one the status documents, a JSON body must match
 * that schema, documented required headers must be there, and a documented "no content"
 * must have no body. A request that names no operation (an unknown path or method) may
 * only be answered with a 4xx error of the documented error shape: a route the code
 * answers but the document lacks fails here.
 *
 * <p><b>The request is checked, and decides what the response may be.</b> Tests send bad
 * input on purpose (malformed JSON, unknown fields, bad ids, no key) to see it refused, so
 * an invalid request is no failure by itself. Instead: a request the document says is
 * invalid — unknown operation, missing credentials, a parameter or body that does not
 * match its schema, a media type the operation does not take — must be answered with a
 * 4xx error. The code accepting what the document forbids (a 2xx, or a 5xx) fails, which
 * is exactly a document that is stricter than the code, or code that is looser than the
 * document. A valid request may get any documented answer: some refusals (an unknown
 * time zone, a range over 90 days, another tenant's group) are rules no schema states.
 */
public final class ContractCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_SCHEMA = "/components/schemas/Error";

    private final ApiContract contract;

    public ContractCheck(ApiContract contract) {
        this.contract = contract;
    }

    /** Checks the exchange, throwing an {@link AssertionError} that says everything wrong with it. */
    public void verify(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("openapi.yaml does not describe this exchange: " + method(request) + " "
                    + request.getRawPath() + " -> " + response.getStatusCode() + "\n  - "
                    + String.join("\n  - ", problems) + "\n  response body: " + abbreviated(responseBody(response)));
        }
    }

    /** What is wrong with the exchange; empty when the document describes it. */
    public List<String> problems(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        String method = method(request);
        Optional<ApiContract.PathMatch> path = contract.match(request.getRawPath());
        Operation operation = path.map(p -> p.byMethod().get(method)).orElse(null);
        List<String> requestProblems = operation == null
                ? List.of(path.isEmpty() ? "no path of the document matches" : "the path takes no " + method)
                : requestProblems(operation, path.get().parameters(), request);
        List<String> out = new ArrayList<>();
        int status = response.getStatusCode();
        if (operation == null) {
            out.addAll(undocumentedRouteAnswer(response));
        } else {
            out.addAll(responseProblems(operation, response));
        }
        if (operation != null && !requestProblems.isEmpty() && (status < 400 || status > 499)) {
            out.add("the request is not one the document allows (" + String.join("; ", requestProblems)
                    + "), yet it was answered " + status + " rather than refused with a 4xx");
        }
        return out;
    }

    private List<String> undocumentedRouteAnswer(APIGatewayV2HTTPResponse response) {
        int status = response.getStatusCode();
        if (status < 400 || status > 499) {
            return List.of("a route the document does not have answered " + status);
        }
        return jsonProblems(new Located(contract.root().at(ERROR_SCHEMA), ERROR_SCHEMA), response);
    }

    private List<String> requestProblems(Operation operation, Map<String, String> pathParams,
                                         APIGatewayV2HTTPEvent request) {
        List<String> out = new ArrayList<>();
        Map<String, String> headers = lowercase(request.getHeaders());
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of()
                : request.getQueryStringParameters();
        Set<String> knownQuery = new HashSet<>();
        for (Located p : parameters(operation)) {
            String name = p.node().path("name").asText();
            String in = p.node().path("in").asText();
            String value = switch (in) {
                case "path" -> pathParams.get(name);
                case "query" -> query.get(name);
                case "header" -> headers.get(name.toLowerCase(Locale.ROOT));
                default -> null;
            };
            if ("query".equals(in)) {
                knownQuery.add(name);
            }
            if (value == null) {
                if (p.node().path("required").asBoolean(false)) {
                    out.add(in + " parameter " + name + " is required");
                }
                continue;
            }
            Located schema = p.at("schema");
            for (String v : contract.violations(schema, typed(schema, value))) {
                out.add(in + " parameter " + name + ": " + v);
            }
        }
        for (String name : query.keySet()) {
            if (!knownQuery.contains(name)) {
                out.add("query parameter " + name + " is not one the operation takes");
            }
        }
        if (!credentialsPresent(operation, headers)) {
            out.add("no Authorization: Bearer key for an operation that needs one");
        }
        out.addAll(bodyProblems(operation, request, headers));
        return out;
    }

    private List<Located> parameters(Operation operation) {
        List<Located> out = new ArrayList<>();
        Located list = operation.node().at("parameters");
        for (int i = 0; i < list.node().size(); i++) {
            out.add(contract.resolve(list.at(Integer.toString(i))));
        }
        return out;
    }

    private static boolean credentialsPresent(Operation operation, Map<String, String> headers) {
        JsonNode security = operation.node().node().path("security");
        if (!security.isArray() || security.isEmpty()) {
            return true;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return true;
            }
        }
        String authorization = headers.get("authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
    }

    private List<String> bodyProblems(Operation operation, APIGatewayV2HTTPEvent request, Map<String, String> headers) {
        boolean present = request.getBody() != null && !request.getBody().isEmpty();
        Located body = operation.node().at("requestBody");
        if (!body.exists()) {
            return present ? List.of("a body, which the operation does not take") : List.of();
        }
        body = contract.resolve(body);
        if (!present) {
            return body.node().path("required").asBoolean(false) ? List.of("the body is required") : List.of();
        }
        String type = mediaType(headers.get("content-type"));
        Located media = body.at("content", type);
        if (!media.exists()) {
            // JSON routes take only application/json (openapi.yaml says so in its description):
            // a form body (curl -d) or a body without Content-Type is refused with 415.
            return List.of(type.isEmpty() ? "a body without Content-Type"
                    : "a body of " + type + ", which the operation does not take");
        }
        if (!type.equals("application/json")) {
            return List.of();
        }
        String charset = charset(headers.get("content-type"));
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            return List.of("a JSON body in charset " + charset + ", where only utf-8 is taken");
        }
        JsonNode value;
        try {
            value = JSON.readTree(text(request.getBody(), request.getIsBase64Encoded()));
        } catch (java.io.IOException e) {
            return List.of("the body is not JSON");
        }
        List<String> out = new ArrayList<>();
        contract.violations(media.at("schema"), value).forEach(v -> out.add("body: " + v));
        return out;
    }

    private List<String> responseProblems(Operation operation, APIGatewayV2HTTPResponse response) {
        String status = Integer.toString(response.getStatusCode());
        Located responses = operation.node().at("responses");
        Located documented = responses.at(status);
        if (!documented.exists()) {
            documented = responses.at(status.charAt(0) + "XX");
        }
        if (!documented.exists()) {
            return List.of("status " + status + " is not documented for " + operation.route());
        }
        documented = contract.resolve(documented);
        List<String> out = new ArrayList<>(headerProblems(documented, response));
        Located content = documented.at("content");
        String body = responseBody(response);
        if (!content.exists()) {
            if (body != null && !body.isEmpty()) {
                out.add(status + " is documented without content, yet it has a body");
            }
            return out;
        }
        String type = mediaType(lowercase(response.getHeaders()).get("content-type"));
        Located media = content.at(type);
        if (!media.exists()) {
            out.add("Content-Type " + type + " is not documented for " + status + " of " + operation.route());
            return out;
        }
        if (type.equals("application/json")) {
            out.addAll(jsonProblems(media.at("schema"), response));
        }
        return out;
    }

    private List<String> headerProblems(Located documented, APIGatewayV2HTTPResponse response) {
        List<String> out = new ArrayList<>();
        Map<String, String> actual = lowercase(response.getHeaders());
        Located headers = documented.at("headers");
        Iterator<String> names = headers.node().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            Located header = contract.resolve(headers.at(name));
            String value = actual.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                if (header.node().path("required").asBoolean(false)) {
                    out.add("header " + name + " is required");
                }
                continue;
            }
            Located schema = header.at("schema");
            contract.violations(schema, typed(schema, value)).forEach(v -> out.add("header " + name + ": " + v));
        }
        return out;
    }

    private List<String> jsonProblems(Located schema, APIGatewayV2HTTPResponse response) {
        String type = mediaType(lowercase(response.getHeaders()).get("content-type"));
        if (!type.equals("application/json")) {
            return List.of("Content-Type " + type + " where JSON is documented");
        }
        JsonNode value;
        try {
            value = JSON.readTree(responseBody(response));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return List.of("the body is not JSON");
        }
        List<String> out = new ArrayList<>();
        contract.violations(schema, value).forEach(v -> out.add("body: " + v));
        return out;
    }

    /**
     * A parameter or header value (always text on the wire) as the JSON value its schema
     * types it as, so that {@code limit=5} is the integer 5 and {@code limit=five} stays
     * text and fails the schema.
     */
    private JsonNode typed(Located schema, String value) {
        JsonNode type = contract.resolve(schema).node().path("type");
        Set<String> types = new HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        try {
            if (types.contains("integer") && value.matches("-?[0-9]{1,18}")) {
                return LongNode.valueOf(Long.parseLong(value));
            }
            if (types.contains("number")) {
                return DecimalNode.valueOf(new BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            return TextNode.valueOf(value);
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(value));
        }
        return TextNode.valueOf(value);
    }

    private static String method(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        String m = context == null || context.getHttp() == null ? "GET" : context.getHttp().getMethod();
        return m.toUpperCase(Locale.ROOT);
    }

    /** The charset parameter of {@code contentType}, unquoted, or null when it names none. */
    private static String charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "");
            }
        }
        return null;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> lowercase(Map<String, String> headers) {
        Map<String, String> out = new java.util.HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }

    private static String responseBody(APIGatewayV2HTTPResponse response) {
        return text(response.getBody(), response.getIsBase64Encoded());
    }

    private static String text(String body, boolean base64) {
        if (body == null) {
            return null;
        }
        return base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    private static String abbreviated(String s) {
        return s == null ? "(none)" : s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }
}
