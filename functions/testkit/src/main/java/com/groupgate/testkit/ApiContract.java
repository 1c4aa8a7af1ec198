package com.groupgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.localaws.RepositoryRoot;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's openapi.yaml as the tests hold the code to it: its operations, found by
 * method and path, and its schemas, compiled once for the OpenAPI 3.1 dialect
 * ({@code https://spec.openapis.org/oas/3.1/dialect/base}, JSON Schema 2020-12 with formats
 * asserted). Read and compiled once per JVM ({@link #get}); every lookup after that is a
 * map read, so checking each test exchange costs microseconds.
 *
 * <p>The document is read with SnakeYAML, so its YAML aliases (the scan routes' shared
 * response maps) are expanded before anything looks at it; schema {@code $ref}s are left
 * to the validator, which resolves them inside the same document.
 */
public final class ApiContract {
    /** Where the document is registered with the validator; never fetched. */
    static final String DOCUMENT_URI = "https://contract.groupgate.test/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node of the document and the JSON pointer it was reached at (after following $refs). */
    public record Located(JsonNode node, String pointer) {
        public Located at(String... names) {
            JsonNode n = node;
            StringBuilder p = new StringBuilder(pointer);
            for (String name : names) {
                n = n.isArray() ? n.path(Integer.parseInt(name)) : n.path(name);
                p.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
            return new Located(n, p.toString());
        }

        public boolean exists() {
            return !node.isMissingNode() && !node.isNull();
        }
    }

    /** One operation: its method, its path template, and where it sits in the document. */
    public record Operation(String method, String pathTemplate, Located node) {
        /** {@code "GET /v1/codes/{codeId}"}, as Router and template.yaml name routes. */
        public String route() {
            return method + " " + pathTemplate;
        }
    }

    /** A request path matched to a path template of the document, with its parameters. */
    public record PathMatch(String template, Map<String, String> parameters, Map<String, Operation> byMethod) {
    }

    private static volatile ApiContract instance;

    private final JsonNode root;
    private final List<Operation> operations;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    ApiContract(String yamlText) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        this.root = JSON.valueToTree(tree);
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT_URI, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        this.operations = List.copyOf(readOperations(root));
    }

    /** openapi.yaml at the repository root, read and compiled once per JVM. */
    public static ApiContract get() {
        ApiContract c = instance;
        if (c == null) {
            synchronized (ApiContract.class) {
                c = instance;
                if (c == null) {
                    c = new ApiContract(read(document()));
                    instance = c;
                }
            }
        }
        return c;
    }

    /** The document's path: openapi.yaml at the repository root. */
    public static Path document() {
        return RepositoryRoot.find().resolve("openapi.yaml");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Every operation of the document, in document order. */
    public List<Operation> operations() {
        return operations;
    }

    /** {@code node} with every {@code $ref} to this document followed. */
    public Located resolve(Located node) {
        Located at = node;
        for (int hops = 0; at.node().has("$ref"); hops++) {
            String ref = at.node().get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException("openapi.yaml: cannot follow $ref " + ref + " at " + at.pointer());
            }
            String pointer = ref.substring(1);
            at = new Located(root.at(pointer), pointer);
            if (at.node().isMissingNode()) {
                throw new IllegalStateException("openapi.yaml: $ref " + ref + " names nothing");
            }
        }
        return at;
    }

    /**
     * The path template a request path falls under, most literal segments first (as API
     * Gateway and Router choose); empty when no template matches.
     */
    public Optional<PathMatch> match(String path) {
        String[] actual = segments(path);
        PathMatch best = null;
        int bestLiterals = -1;
        Iterator<String> templates = root.path("paths").fieldNames();
        while (templates.hasNext()) {
            String template = templates.next();
            String[] t = segments(template);
            if (t.length != actual.length) {
                continue;
            }
            Map<String, String> params = new java.util.LinkedHashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < t.length && ok; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    ok = !actual[i].isEmpty();
                    params.put(t[i].substring(1, t[i].length() - 1), actual[i]);
                } else {
                    ok = t[i].equals(actual[i]);
                    literals++;
                }
            }
            if (ok && literals > bestLiterals) {
                Map<String, Operation> byMethod = new java.util.LinkedHashMap<>();
                for (Operation op : operations) {
                    if (op.pathTemplate().equals(template)) {
                        byMethod.put(op.method(), op);
                    }
                }
                best = new PathMatch(template, Map.copyOf(params), Map.copyOf(byMethod));
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What is wrong with {@code value} under the schema at {@code schema} (a schema node of
     * this document, followed through $refs by the validator); empty when it conforms.
     */
    public List<String> violations(Located schema, JsonNode value) {
        // Loaded by location, not from the node, so that its $refs resolve in the whole document.
        Schema compiled = schemas.computeIfAbsent(schema.pointer(), pointer -> registry.getSchema(
                SchemaLocation.of(DOCUMENT_URI + "#" + fragment(pointer))));
        List<String> out = new ArrayList<>();
        compiled.validate(value).forEach(e -> out.add(e.toString()));
        return out;
    }

    /** A JSON pointer as a URI fragment: what is not allowed there is percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder b = new StringBuilder();
        for (byte c : pointer.getBytes(StandardCharsets.UTF_8)) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "/-._~".indexOf(c) >= 0;
            b.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c & 0xFF));
        }
        return b.toString();
    }

    private static List<Operation> readOperations(JsonNode root) {
        List<Operation> out = new ArrayList<>();
        Located paths = new Located(root, "").at("paths");
        Iterator<String> templates = paths.node().fieldNames();
        while (templates.hasNext()) {
            String template = templates.next();
            Located item = paths.at(template);
            Iterator<String> keys = item.node().fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    out.add(new Operation(key.toUpperCase(java.util.Locale.ROOT), template, item.at(key)));
                }
            }
        }
        return out;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }
}
