package com.groupgate.localaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Each function's execution role, created in the emulator's IAM exactly as the SAM
 * translator makes it for a deployment: its trust policy, its inline policies (policy
 * templates expanded) with every value resolved, and its managed policies. The emulator
 * enforces IAM, so a function can do only what its policies allow.
 */
final class FunctionRoles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamClient iam;
    private final LocalResources resources;

    FunctionRoles(IamClient iam, LocalResources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    /** Creates or updates every function's role; function logical id → role. */
    Map<String, FunctionRole> apply() {
        CloudFormationTemplate deployed = resources.template().deployed();
        Intrinsics intrinsics = resources.intrinsics(Map.of());
        Map<String, FunctionRole> out = new LinkedHashMap<>();
        deployed.resourcesOfType("AWS::Lambda::Function").forEach((functionId, function) -> {
            Object roleRef = deployed.properties(functionId).get("Role");
            if (!(roleRef instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att)) {
                throw new IllegalStateException(functionId + ": expected its Role as !GetAtt <Role>.Arn, was " + roleRef);
            }
            String roleId = String.valueOf(att.get(0));
            out.put(functionId, apply(roleId, deployed.properties(roleId), intrinsics));
        });
        return out;
    }

    private FunctionRole apply(String roleId, Map<String, Object> props, Intrinsics intrinsics) {
        String name = resources.stackName() + "-" + roleId;
        String trust = json(intrinsics.resolve(props.get("AssumeRolePolicyDocument")));
        String arn;
        try {
            arn = iam.getRole(b -> b.roleName(name)).role().arn();
            iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust));
        } catch (NoSuchEntityException absent) {
            arn = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
        }
        Map<String, String> inline = new LinkedHashMap<>();
        if (props.get("Policies") instanceof List<?> policies) {
            for (Object p : policies) {
                Map<?, ?> policy = (Map<?, ?>) p;
                inline.put(String.valueOf(policy.get("PolicyName")),
                        json(versioned(intrinsics.resolve(policy.get("PolicyDocument")))));
            }
        }
        for (String existing : iam.listRolePolicies(b -> b.roleName(name)).policyNames()) {
            if (!inline.containsKey(existing)) {
                iam.deleteRolePolicy(b -> b.roleName(name).policyName(existing));
            }
        }
        inline.forEach((policyName, document) -> iam.putRolePolicy(b -> b.roleName(name).policyName(policyName)
                .policyDocument(document)));
        List<String> managed = props.get("ManagedPolicyArns") instanceof List<?> l
                ? l.stream().map(intrinsics::resolveString).toList() : List.of();
        attachManaged(name, managed);
        return new FunctionRole(roleId, name, arn, inline, managed);
    }

    /**
     * Attaches the role's managed policies (SAM attaches AWSLambdaBasicExecutionRole, for
     * Lambda's own log writes). An emulator without AWS's managed policies loaded cannot
     * attach them; the functions' code never needs them.
     */
    private void attachManaged(String roleName, List<String> arns) {
        Set<String> attached = new HashSet<>();
        for (AttachedPolicy p : iam.listAttachedRolePolicies(b -> b.roleName(roleName)).attachedPolicies()) {
            attached.add(p.policyArn());
        }
        for (String arn : arns) {
            if (!attached.contains(arn)) {
                try {
                    iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(arn));
                } catch (NoSuchEntityException notLoaded) {
                    // moto without MOTO_IAM_LOAD_MANAGED_POLICIES: see moto-server/README.md.
                }
            }
        }
    }

    /**
     * The document with {@code Version: 2012-10-17} when it has none. IAM accepts a policy
     * without a version (SAM writes the one it adds for an event source's on-failure queue
     * that way); moto 5.2.5 refuses it. No GroupGate policy uses what the version changes
     * (policy variables), so the grants are the same.
     */
    private static Object versioned(Object document) {
        if (document instanceof Map<?, ?> m && !m.containsKey("Version")) {
            Map<Object, Object> copy = new LinkedHashMap<>(m);
            copy.put("Version", "2012-10-17");
            return copy;
        }
        return document;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy " + value, e);
        }
    }
}
