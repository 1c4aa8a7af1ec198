package com.groupgate.localaws;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bootstrap created, by logical id, and the template's values resolved against
 * it exactly as CloudFormation would resolve them ({@link Intrinsics}): a function's
 * environment, its role's policies.
 */
public final class LocalResources {
    private final CloudFormationTemplate template;
    private final String stackName;
    private final Map<String, String> refs;
    private final Map<String, String> attributes;
    private final Map<String, FunctionRole> roles;

    LocalResources(CloudFormationTemplate template, String stackName, Map<String, String> refs,
                   Map<String, String> attributes, Map<String, FunctionRole> roles) {
        this.template = template;
        this.stackName = stackName;
        this.refs = Map.copyOf(refs);
        this.attributes = Map.copyOf(attributes);
        this.roles = Map.copyOf(roles);
    }

    LocalResources withFunctionRoles(Map<String, FunctionRole> functionRoles) {
        return new LocalResources(template, stackName, refs, attributes, functionRoles);
    }

    /** The template these resources were created from (SAM form). */
    public CloudFormationTemplate template() {
        return template;
    }

    public String stackName() {
        return stackName;
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

    /** Shortcut for the table backing a logical id. */
    public String table(String logicalId) {
        return ref(logicalId);
    }

    /** The account the emulator created everything in, read from a created ARN. */
    public String accountId() {
        for (String value : attributes.values()) {
            String[] arn = value.split(":", 6);
            if (arn.length == 6 && arn[0].equals("arn") && arn[4].matches("\\d{12}")) {
                return arn[4];
            }
        }
        throw new IllegalStateException("no ARN names the account");
    }

    /** The execution role of {@code functionLogicalId}, as created in the emulator. */
    public FunctionRole functionRole(String functionLogicalId) {
        FunctionRole role = roles.get(functionLogicalId);
        if (role == null) {
            throw new IllegalArgumentException("functionLogicalId: no role for " + functionLogicalId);
        }
        return role;
    }

    /**
     * The template's values resolved against these resources, with {@code parameters}
     * supplying template parameters (defaults fill the rest) and the pseudo parameters
     * of the local stack.
     */
    public Intrinsics intrinsics(Map<String, String> parameters) {
        Map<String, String> values = new HashMap<>(template.parameterDefaults());
        values.putAll(parameters);
        values.put("AWS::Region", LocalAws.REGION);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("AWS::StackName", stackName);
        values.put("AWS::AccountId", accountId());
        return new Intrinsics(name -> values.containsKey(name) ? values.get(name) : refs.get(name), attributes::get,
                template.conditions());
    }

    /**
     * The environment variables template.yaml gives a function as deployed (Globals merged
     * by the SAM translator, then its own), with {@code parameters} supplying template
     * parameters. Variables whose value the emulator cannot produce are left out.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> parameters) {
        Map<String, Object> props = template.deployed().properties(functionLogicalId);
        Intrinsics intrinsics = intrinsics(parameters);
        Map<String, String> env = new LinkedHashMap<>();
        if (props.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                try {
                    Object resolved = intrinsics.resolve(value);
                    if (resolved != null && !(resolved instanceof Map) && !(resolved instanceof List)) {
                        env.put(String.valueOf(name), String.valueOf(resolved));
                    }
                } catch (IllegalArgumentException unresolvable) {
                    // An attribute of something the emulator does not create.
                }
            });
        }
        return env;
    }
}
