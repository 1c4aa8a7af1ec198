package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml deploys any number of times per account and region, in any partition: no
 * resource, as CloudFormation receives it from the SAM translator, has a fixed physical
 * name (every name derives from the stack or another resource, or is left to
 * CloudFormation), and no ARN spells out the {@code aws} partition.
 */
class StackNeutralTemplateTest {
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();

    /**
     * Each resource type the template may hold → the property that names it account-wide
     * (a dotted path), or "" for a type whose name is generated, or scoped to its parent
     * (an alias within its function, a stage within its API). A type missing here fails the
     * test, so whoever adds one decides which.
     */
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SQS::QueuePolicy", ""),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::S3::BucketPolicy", ""),
            Map.entry("AWS::KMS::Key", ""),
            Map.entry("AWS::KMS::Alias", "AliasName"),
            Map.entry("AWS::Scheduler::Schedule", "Name"),
            Map.entry("AWS::Scheduler::ScheduleGroup", "Name"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Lambda::Version", ""),
            Map.entry("AWS::Lambda::Alias", ""),
            Map.entry("AWS::Lambda::Permission", ""),
            Map.entry("AWS::Lambda::Url", ""),
            Map.entry("AWS::Lambda::EventSourceMapping", ""),
            Map.entry("AWS::Lambda::EventInvokeConfig", ""),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::Policy", ""),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::Logs::DeliverySource", "Name"),
            Map.entry("AWS::Logs::DeliveryDestination", "Name"),
            Map.entry("AWS::Logs::Delivery", ""),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SNS::TopicPolicy", ""),
            Map.entry("AWS::SNS::Subscription", ""),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
            Map.entry("AWS::CloudWatch::Dashboard", "DashboardName"),
            Map.entry("AWS::CodeDeploy::Application", "ApplicationName"),
            Map.entry("AWS::CodeDeploy::DeploymentGroup", "DeploymentGroupName"),
            Map.entry("AWS::ApiGatewayV2::Api", ""),
            Map.entry("AWS::ApiGatewayV2::Stage", ""),
            Map.entry("AWS::CloudFront::Distribution", ""),
            Map.entry("AWS::CloudFront::OriginAccessControl", "OriginAccessControlConfig.Name"),
            Map.entry("AWS::CloudFront::OriginRequestPolicy", "OriginRequestPolicyConfig.Name"),
            Map.entry("AWS::CloudFront::ResponseHeadersPolicy", "ResponseHeadersPolicyConfig.Name"),
            Map.entry("AWS::CloudFront::CachePolicy", "CachePolicyConfig.Name"),
            Map.entry("AWS::CloudFront::Function", "Name"),
            Map.entry("AWS::WAFv2::WebACL", "Name"),
            Map.entry("AWS::SecretsManager::Secret", "Name"),
            Map.entry("AWS::SecretsManager::RotationSchedule", ""),
            Map.entry("AWS::SecretsManager::ResourcePolicy", ""),
            Map.entry("AWS::SecretsManager::SecretTargetAttachment", ""));

    /**
     * Types whose names are unique across the whole account, not per region (CloudFront's,
     * IAM's), while a stack's name is unique only within its region: a name given to one must
     * carry the region too.
     */
    private static final Set<String> ACCOUNT_WIDE = Set.of("AWS::CloudFront::OriginAccessControl",
            "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::ResponseHeadersPolicy",
            "AWS::CloudFront::CachePolicy", "AWS::CloudFront::Function", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy");

    @Test
    void noResourceAsDeployedHasAFixedPhysicalName() {
        assertEquals(List.of(), fixedNames(TEMPLATE.deployed()));
    }

    @Test
    void accountWideNamesCarryTheRegionBesideTheStack() {
        List<String> out = new ArrayList<>();
        TEMPLATE.deployed().resources().forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            String path = NAME_PROPERTY.get(type);
            if (!ACCOUNT_WIDE.contains(type) || path == null || path.isEmpty()) {
                return;
            }
            Object value = resource.get("Properties");
            for (String step : path.split("\\.")) {
                value = value instanceof Map<?, ?> m ? m.get(step) : null;
            }
            if (value != null && String.valueOf(value).contains("AWS::StackName")
                    && !String.valueOf(value).contains("AWS::Region")) {
                out.add(id + " " + path + " = " + value);
            }
        });
        assertEquals(List.of(), out);
    }

    @Test
    void noArnSpellsOutThePartition() {
        assertEquals(List.of(), literalPartitions(TEMPLATE));
    }

    /** The check itself: a literal alias, SAM's schedule named after its logical id, a literal partition. */
    @Test
    void theChecksFindALiteralAliasAScheduleNamedByItsIdAndALiteralPartition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                    Properties:
                      KeyPolicy:
                        Statement:
                          - Effect: Allow
                            Principal:
                              AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"
                            Action: "kms:*"
                            Resource: "*"
                  KeyAlias:
                    Type: AWS::KMS::Alias
                    Properties:
                      AliasName: alias/fixed
                      TargetKeyId: !Ref Key
                  Job:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B::handleRequest
                      CodeUri: .
                      Events:
                        Hourly:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: rate(1 hour)
                """, StandardCharsets.UTF_8);
        CloudFormationTemplate template = CloudFormationTemplate.read(file);

        List<String> names = fixedNames(template.deployed());
        assertTrue(names.contains("KeyAlias AliasName = alias/fixed"), names.toString());
        assertTrue(names.contains("JobHourly Name = JobHourly"), names.toString());
        assertEquals(1, literalPartitions(template).size(), literalPartitions(template).toString());
    }

    /** "LogicalId Property = value" for each resource whose account-wide name is a literal. */
    static List<String> fixedNames(CloudFormationTemplate deployed) {
        Set<String> logicalIds = deployed.resources().keySet();
        List<String> out = new ArrayList<>();
        deployed.resources().forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            String path = NAME_PROPERTY.get(type);
            if (path == null) {
                out.add(id + " is a " + type + ": say in NAME_PROPERTY which property names it account-wide");
                return;
            }
            if (path.isEmpty()) {
                return;
            }
            Object value = resource.get("Properties");
            for (String step : path.split("\\.")) {
                value = value instanceof Map<?, ?> m ? m.get(step) : null;
            }
            if (value != null && !derived(value, logicalIds)) {
                out.add(id + " " + path + " = " + value);
            }
        });
        return out;
    }

    /** Whether a name refers to the stack's name or to another resource (itself named by CloudFormation). */
    private static boolean derived(Object value, Set<String> logicalIds) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String ref) {
                return ref.equals("AWS::StackName") || logicalIds.contains(ref);
            }
            if (m.containsKey("Fn::GetAtt")) {
                return true;
            }
            if (m.get("Fn::Sub") != null) {
                Object sub = m.get("Fn::Sub");
                String text = String.valueOf(sub instanceof List<?> l ? l.get(0) : sub);
                if (text.contains("${AWS::StackName}")
                        || logicalIds.stream().anyMatch(id -> text.contains("${" + id + "}") || text.contains("${" + id + "."))) {
                    return true;
                }
            }
            return m.values().stream().anyMatch(v -> derived(v, logicalIds));
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> derived(v, logicalIds));
        }
        return false;
    }

    /** Every string outside Parameters (whose ARN patterns may name partitions) holding "arn:aws:". */
    static List<String> literalPartitions(CloudFormationTemplate template) {
        List<String> out = new ArrayList<>();
        template.resources().forEach((id, resource) -> strings(resource, id, out));
        Object outputs = template.section("Outputs");
        if (outputs != null) {
            strings(outputs, "Outputs", out);
        }
        return out;
    }

    private static void strings(Object node, String where, List<String> out) {
        if (node instanceof String s && s.contains("arn:aws:")) {
            out.add(where + ": " + s);
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> strings(v, where + "." + k, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> strings(v, where, out));
        }
    }
}
