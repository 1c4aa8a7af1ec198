package com.groupgate.localaws;

import java.util.List;
import java.util.Map;

/**
 * A function's execution role as created in the emulator.
 *
 * @param logicalId         the role's logical id in the deployed template ({@code <Function>Role})
 * @param name              its IAM name, {@code <stack>-<logicalId>}
 * @param inlinePolicies    policy name → the policy document as given to IAM (JSON)
 * @param managedPolicyArns the managed policies the template attaches
 */
public record FunctionRole(String logicalId, String name, String arn, Map<String, String> inlinePolicies,
                           List<String> managedPolicyArns) {
    public FunctionRole {
        inlinePolicies = Map.copyOf(inlinePolicies);
        managedPolicyArns = List.copyOf(managedPolicyArns);
    }
}
