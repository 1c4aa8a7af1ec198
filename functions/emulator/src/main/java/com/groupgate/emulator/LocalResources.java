package com.groupgate.emulator;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bootstrap created, by logical id, and the template's values resolved against
 * it: a function's environment is computed from template.yaml exactly as CloudFormation
 * would ({@code !Ref}, {@code !GetAtt}, parameters).
 */
public final class LocalResources {
    private final CloudFormationTemplate template;
    private final Map<String, String> refs;
    private final Map<String, String> attributes;

    LocalResources(CloudFormationTemplate template, Map<String, String> refs, Map<String, String> attributes) {
        this.template = template;
        this.refs = Map.copyOf(refs);
        this.attributes = Map.copyOf(attributes);
    }

    /** The physical id of a resource ({@code !Ref LogicalId}). */
    public String ref(String logicalId) {
        String v = refs.get(logicalId);
        if (v == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return v;
    }

    public String attribute(String logicalId, String name) {
        String v = attributes.get(logicalId + "." + name);
        if (v == null) {
            throw new IllegalArgumentException("no attribute " + logicalId + "." + name);
        }
        return v;
    }

    /**
     * The environment variables of a function as deployed, with {@code parameters}
     * supplying template parameters (defaults fill the rest). Values the emulator cannot
     * produce are left out.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> parameters) {
        Map<String, String> params = new LinkedHashMap<>(template.parameterDefaults());
        params.putAll(parameters);
        Map<String, String> env = new LinkedHashMap<>();
        template.functionEnvironment(functionLogicalId).forEach((name, value) -> {
            String resolved = resolve(value, params);
            if (resolved != null) {
                env.put(name, resolved);
            }
        });
        return env;
    }

    private String resolve(Object value, Map<String, String> params) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String ref) {
                return params.containsKey(ref) ? params.get(ref) : refs.get(ref);
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att) {
                return attributes.get(att.get(0) + "." + att.get(1));
            }
            return null;
        }
        return value == null ? null : String.valueOf(value);
    }

    /** Shortcut for the table backing a logical id. */
    public String table(String logicalId) {
        return ref(logicalId);
    }

}
