package com.groupgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.emulator.CloudFormationTemplate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The template's CloudFront Functions ({@code AWS::CloudFront::Function}), run for the local edge
 * as CloudFront runs a viewer-request function: the function's own {@code FunctionCode}, given
 * CloudFront's event object ({@code version 1.0}: context, viewer, request with method, uri,
 * querystring, headers, cookies), answering either the request to send on (its {@code uri} is
 * what the origin is asked for) or a response of its own. The code runs in a Node.js process per
 * function ({@code node} on the PATH, as the console's build needs), started at first use and
 * kept; one event at a time. Node runs a superset of the {@code cloudfront-js-2.0} runtime, so a
 * function that passes here may still use something CloudFront lacks (README, "The local AWS").
 */
public final class CloudFrontFunctions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "AWS::CloudFront::Function";

    /** What the function decided. */
    public sealed interface Result permits Forward, Respond {
    }

    /** Go on to the origin with {@code uri}. */
    public record Forward(String uri) implements Result {
    }

    /** Answer the viewer directly. */
    public record Respond(int status, Map<String, String> headers, String body) implements Result {
    }

    private final Map<String, String> codeByFunction;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    private CloudFrontFunctions(Map<String, String> codeByFunction) {
        this.codeByFunction = Map.copyOf(codeByFunction);
    }

    public static CloudFrontFunctions fromTemplate(CloudFormationTemplate template) {
        Map<String, String> code = new LinkedHashMap<>();
        template.resourcesOfType(FUNCTION).keySet().forEach(id -> {
            Object text = template.properties(id).get("FunctionCode");
            if (!(text instanceof String s)) {
                throw new IllegalStateException(id + ": FunctionCode must be the code itself");
            }
            code.put(id, s);
        });
        return new CloudFrontFunctions(code);
    }

    /**
     * What function {@code functionLogicalId} does with a viewer request.
     *
     * @param query the raw query string, or null
     * @param headers the viewer's headers (names any case)
     */
    public synchronized Result viewerRequest(String functionLogicalId, String method, String uri, String query,
                                             Map<String, String> headers, String viewerIp) {
        String code = codeByFunction.get(functionLogicalId);
        if (code == null) {
            throw new IllegalArgumentException("no CloudFront Function " + functionLogicalId + " in the template");
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        ObjectNode context = event.putObject("context");
        context.put("distributionDomainName", "local.cloudfront.net");
        context.put("distributionId", "LOCAL");
        context.put("eventType", "viewer-request");
        context.put("requestId", UUID.randomUUID().toString());
        event.putObject("viewer").put("ip", viewerIp);
        ObjectNode request = event.putObject("request");
        request.put("method", method);
        request.put("uri", uri);
        ObjectNode qs = request.putObject("querystring");
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                qs.putObject(eq < 0 ? pair : pair.substring(0, eq)).put("value", eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        ObjectNode h = request.putObject("headers");
        headers.forEach((name, value) -> h.putObject(name.toLowerCase(Locale.ROOT)).put("value", value));
        request.putObject("cookies");
        JsonNode answer = hosts.computeIfAbsent(functionLogicalId, id -> Host.start(id, code)).call(event);
        if (answer.has("statusCode")) {
            Map<String, String> out = new LinkedHashMap<>();
            answer.path("headers").fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().path("value").asText()));
            JsonNode body = answer.path("body");
            return new Respond(answer.get("statusCode").asInt(), out,
                    body.isTextual() ? body.asText() : body.path("data").asText(""));
        }
        return new Forward(answer.path("uri").asText(uri));
    }

    @Override
    public synchronized void close() {
        hosts.values().forEach(Host::close);
        hosts.clear();
    }

    /** One function's Node.js process. */
    private record Host(String function, Process process, OutputStream in, BufferedReader out, Path dir) {
        static Host start(String function, String code) {
            try {
                Path dir = Files.createTempDirectory("cloudfront-function-");
                Path script = dir.resolve("host.js");
                try (InputStream host = CloudFrontFunctions.class.getResourceAsStream("cloudfront-function-host.js")) {
                    Files.write(script, host.readAllBytes());
                }
                Path source = dir.resolve(function + ".js");
                Files.writeString(source, code);
                Process p = new ProcessBuilder("node", script.toString(), source.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                return new Host(function, p, p.getOutputStream(),
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run CloudFront Function " + function
                        + " (the local edge runs it with node, which must be on the PATH)", e);
            }
        }

        JsonNode call(JsonNode event) {
            try {
                in.write((JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("CloudFront Function " + function + ": its process ended");
                }
                JsonNode result = JSON.readTree(line);
                if (result.has("error")) {
                    // CloudFront answers 503 when a function throws; the message says why here.
                    throw new IllegalStateException("CloudFront Function " + function + " failed: "
                            + result.get("error").asText());
                }
                return result.get("ok");
            } catch (IOException e) {
                throw new UncheckedIOException("CloudFront Function " + function, e);
            }
        }

        void close() {
            process.destroy();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // A temp directory left behind is harmless.
            }
        }
    }
}
