package com.groupgate.localaws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml read as plain maps. CloudFormation short forms ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) become their long forms ({@code {"Ref": "X"}},
 * {@code {"Fn::GetAtt": ["A","B"]}}, ...), so readers see one shape.
 */
public final class CloudFormationTemplate {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or");

    private final Map<String, Object> root;
    private final Path source;

    private CloudFormationTemplate(Map<String, Object> root, Path source) {
        this.root = root;
        this.source = source;
    }

    public static CloudFormationTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new ShortForms()).load(reader);
            return new CloudFormationTemplate(root, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** A template given as text (YAML or JSON), with no file behind it. */
    public static CloudFormationTemplate parse(String text) {
        Map<String, Object> root = new Yaml(new ShortForms()).load(text);
        return new CloudFormationTemplate(root, null);
    }

    /**
     * This template as CloudFormation deploys it, through AWS's SAM translator
     * ({@link SamTranslation}): only for templates read from a file.
     */
    public CloudFormationTemplate deployed() {
        if (source == null) {
            throw new IllegalStateException("only a template read from a file can be translated");
        }
        return SamTranslation.translate(source);
    }

    /** A top-level section ({@code Outputs}, {@code Parameters}...) as read; null when absent. */
    public Object section(String name) {
        return root.get(name);
    }

    /** The {@code Conditions} section; empty when absent. */
    public Map<String, Object> conditions() {
        Map<String, Object> c = map(root.get("Conditions"));
        return c == null ? Map.of() : c;
    }

    /**
     * Whether {@code logicalId} is created by a stack deployed in the local region with
     * {@code parameters} (defaults fill the rest): true unless its {@code Condition} is false.
     */
    public boolean isCreated(String logicalId, Map<String, String> parameters) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in template.yaml");
        }
        Object condition = resource.get("Condition");
        return condition == null || parameterIntrinsics(parameters).condition(String.valueOf(condition));
    }

    /**
     * The template's conditions and parameter references as a stack deployed in the local
     * region with {@code parameters} sees them (defaults fill the rest, pseudo parameters of
     * the local stack). Resources and attributes do not resolve here: nothing is created.
     */
    public Intrinsics parameterIntrinsics(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>(parameterDefaults());
        values.putAll(parameters);
        values.put("AWS::Region", LocalAws.REGION);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        return new Intrinsics(values::get, attribute -> null, conditions());
    }

    public static CloudFormationTemplate ofRepository() {
        return read(RepositoryRoot.find().resolve("template.yaml"));
    }

    /** Logical id to resource, in template order. */
    public Map<String, Map<String, Object>> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                out.put(id, r);
            }
        });
        return out;
    }

    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in template.yaml");
        }
        Map<String, Object> props = map(resource.get("Properties"));
        return props == null ? Map.of() : props;
    }

    /** The environment variables a function gets: Globals first, then its own. */
    public Map<String, Object> functionEnvironment(String functionLogicalId) {
        Map<String, Object> env = new LinkedHashMap<>();
        Map<String, Object> globals = map(root.get("Globals"));
        Map<String, Object> globalFunction = globals == null ? null : map(globals.get("Function"));
        mergeVariables(env, globalFunction);
        mergeVariables(env, properties(functionLogicalId));
        return env;
    }

    /** {@code Globals: Function:} settings (Runtime, Timeout, MemorySize, ...); empty when absent. */
    public Map<String, Object> globalFunctionSettings() {
        Map<String, Object> globals = map(root.get("Globals"));
        Map<String, Object> function = globals == null ? null : map(globals.get("Function"));
        return function == null ? Map.of() : function;
    }

    /** Parameter defaults, for parameters that have one. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Map<String, Object>> params = map(root.get("Parameters"));
        if (params != null) {
            params.forEach((name, p) -> {
                if (p.get("Default") != null) {
                    out.put(name, String.valueOf(p.get("Default")));
                }
            });
        }
        return out;
    }

    private static void mergeVariables(Map<String, Object> env, Map<String, Object> functionProps) {
        if (functionProps == null) {
            return;
        }
        Map<String, Object> environment = map(functionProps.get("Environment"));
        Map<String, Object> variables = environment == null ? null : map(environment.get("Variables"));
        if (variables != null) {
            env.putAll(variables);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T map(Object o) {
        return (T) o;
    }

    /** SnakeYAML constructor that knows CloudFormation's tags. */
    private static final class ShortForms extends SafeConstructor {
        ShortForms() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String f : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + f), new LongForm("Fn::" + f));
            }
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, value(node));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object v = value(node);
                if (v instanceof String s) {
                    int dot = s.indexOf('.');
                    return Map.of("Fn::GetAtt", List.of(s.substring(0, dot), s.substring(dot + 1)));
                }
                return Map.of("Fn::GetAtt", v);
            }
        }
    }
}
