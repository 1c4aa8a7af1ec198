package com.groupgate.localaws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ARNs with the parts each emulator run makes up (KMS key ids, stream labels, secret names' suffixes, the account)
 * replaced by names that stay the same from run to run: {@code key/{SigningKey}},
 * {@code table/MainTable/stream/{MainTable.StreamLabel}}, account {@code {Account}}. What one
 * test JVM records can then be compared with another's, and with a role's policies.
 */
public final class StableArns {
    private final Map<String, String> replacements = new LinkedHashMap<>();

    public StableArns(LocalResources resources) {
        resources.template().resourcesOfType("AWS::KMS::Key").keySet().forEach(id ->
                replacements.put(":key/" + resources.ref(id), ":key/{" + id + "}"));
        resources.template().resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> {
            try {
                String arn = resources.attribute(id, "StreamArn");
                replacements.put(arn.substring(arn.lastIndexOf('/')), "/{" + id + ".StreamLabel}");
            } catch (IllegalArgumentException noStream) {
                // a table without a stream
            }
        });
        // A secret's ARN ends in its name and six random characters: secret:{OriginSecret}.
        resources.template().resourcesOfType("AWS::SecretsManager::Secret").keySet().forEach(id -> {
            String arn = resources.ref(id);
            replacements.put(arn, arn.substring(0, arn.indexOf(":secret:")) + ":secret:{" + id + "}");
        });
        replacements.put(":" + resources.accountId() + ":", ":{Account}:");
    }

    /** {@code arn} in its stable form; anything else unchanged. */
    public String of(String arn) {
        String out = arn;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            out = out.replace(r.getKey(), r.getValue());
        }
        return out;
    }
}
