package com.groupgate.localaws;

import static com.groupgate.localaws.CloudFormationTemplate.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates on an emulator what template.yaml declares: DynamoDB tables (keys, indexes,
 * stream view type, TTL attribute), S3 buckets (public access block, versioning, lifecycle), KMS keys
 * (spec, usage, rotation, key policy) and aliases, Secrets Manager secrets (with given or generated values), SQS queues (visibility, retention, dead-letter queue), and each function's execution role as the SAM translator makes
 * it ({@link FunctionRoles}). Resources that already exist are kept (roles get the
 * template's policies again), so a long-lived emulator can be bootstrapped again.
 *
 * <p>What has no local meaning is not created: alarms, the alarm topic and its subscription,
 * the dashboard, schedules (the local run calls scheduled functions itself), CodeDeploy's
 * canaries, the edge (README, "The local AWS").
 *
 * <p>Names: a stack made {@link #sideBySide} names every table, queue and bucket after
 * itself ({@code <stack>-<LogicalId>}, as CloudFormation does, without its random suffix)
 * and resolves its key aliases with its own {@code AWS::StackName}, so any number of stacks
 * share one emulator without meeting. The other constructors make the local run's one
 * stack, whose tables and queues keep their logical ids as names.
 */
public final class TemplateBootstrap {
    /** The stack name local roles are named after, as CloudFormation prefixes them. */
    public static final String DEFAULT_STACK = "groupgate";
    /** Names the stack that created a key (CloudFormation tags it aws:cloudformation:stack-name, a tag key only AWS may set). */
    static final String STACK_TAG = "groupgate:stack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationTemplate template;
    private final EmulatorClients clients;
    private final String stackName;
    /** The stack whose names the tables, queues, bucket, aliases and secrets carry. */
    private final String resourceStack;
    /** Before a table's or queue's logical id: "" for the local run's stack, else {@code <stack>-}. */
    private final String namePrefix;
    private final Map<String, String> secretValues;

    public TemplateBootstrap(CloudFormationTemplate template, EmulatorClients clients) {
        this(template, clients, DEFAULT_STACK);
    }

    /**
     * @param stackName names this stack's roles ({@code <stackName>-<RoleLogicalId>}), so a
     *                  changed copy of the template gets roles of its own beside the real ones
     */
    public TemplateBootstrap(CloudFormationTemplate template, EmulatorClients clients, String stackName) {
        this(template, clients, stackName, Map.of());
    }

    /**
     * @param secretValues the value a secret the bootstrap creates starts with, by logical id
     *                     (the local admin key and origin secret); any other is generated, as
     *                     the template's GenerateSecretString would (letters and digits)
     */
    public TemplateBootstrap(CloudFormationTemplate template, EmulatorClients clients, String stackName,
                             Map<String, String> secretValues) {
        this(template, clients, stackName, DEFAULT_STACK, "", secretValues);
    }

    private TemplateBootstrap(CloudFormationTemplate template, EmulatorClients clients, String stackName,
                              String resourceStack, String namePrefix, Map<String, String> secretValues) {
        if (stackName == null || !stackName.matches("[A-Za-z][A-Za-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("stackName: a letter, then up to 30 letters, digits or -, was " + stackName);
        }
        this.template = template;
        this.clients = clients;
        this.stackName = stackName;
        this.resourceStack = resourceStack;
        this.namePrefix = namePrefix;
        this.secretValues = Map.copyOf(secretValues);
    }

    /**
     * A stack of its own beside any other on the same emulator (staging beside production):
     * its roles, tables, queues, bucket, keys, aliases and secrets are all named after {@code stackName}.
     */
    public static TemplateBootstrap sideBySide(CloudFormationTemplate template, EmulatorClients clients,
                                               String stackName) {
        return new TemplateBootstrap(template, clients, stackName, stackName, stackName + "-", Map.of());
    }

    public LocalResources apply() {
        Map<String, String> refs = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            TableDescription table = createTable(namePrefix + id, template.properties(id));
            refs.put(id, table.tableName());
            attributes.put(id + ".Arn", table.tableArn());
            if (table.latestStreamArn() != null) {
                attributes.put(id + ".StreamArn", table.latestStreamArn());
            }
        });
        template.resourcesOfType("AWS::S3::Bucket").forEach((id, r) -> {
            String bucket = createBucket(id, template.properties(id));
            refs.put(id, bucket);
            attributes.put(id + ".Arn", "arn:aws:s3:::" + bucket);
        });
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, r) -> refs.put(id, createSecret(id)));
        Map<String, String> aliasesByKey = new HashMap<>();
        // Alias names derive from the stack (!Sub "alias/groupgate/${AWS::StackName}/..."), as deployed.
        Map<String, String> pseudo = Map.of("AWS::StackName", resourceStack, "AWS::Region", LocalAws.REGION,
                "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");
        Intrinsics names = new Intrinsics(pseudo::get, a -> null, template.conditions());
        template.resourcesOfType("AWS::KMS::Alias").forEach((id, r) -> {
            Map<String, Object> props = template.properties(id);
            Map<String, Object> target = map(props.get("TargetKeyId"));
            String alias = names.resolveString(props.get("AliasName"));
            aliasesByKey.put(String.valueOf(target.get("Ref")), alias);
            refs.put(id, alias);
        });
        Map<String, KeyMetadata> ownKeys = new LinkedHashMap<>();
        template.resourcesOfType("AWS::KMS::Key").forEach((id, r) -> {
            KeyMetadata key = createKey(id, template.properties(id), aliasesByKey.get(id));
            refs.put(id, key.keyId());
            attributes.put(id + ".Arn", key.arn());
            if (stackName.equals(owner(key))) {
                ownKeys.put(id, key);
            }
        });
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, r) -> {
            Map<String, String> settings = queueSettings(template.properties(id));
            String queueName = namePrefix + id;
            String url = clients.sqs().createQueue(b -> b.queueName(queueName)).queueUrl();
            if (!settings.isEmpty()) {
                clients.sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(settings));
            }
            refs.put(id, url);
            attributes.put(id + ".QueueName", queueName);
            attributes.put(id + ".Arn", clients.sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn"));
        });
        // A redrive policy names its dead-letter queue by ARN: set once every queue exists.
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, r) -> {
            Map<String, Object> redrive = map(template.properties(id).get("RedrivePolicy"));
            if (redrive != null) {
                Map<String, Object> target = map(redrive.get("deadLetterTargetArn"));
                List<?> att = target == null ? null : (List<?>) target.get("Fn::GetAtt");
                String arn = att == null ? String.valueOf(redrive.get("deadLetterTargetArn"))
                        : attributes.get(att.get(0) + ".Arn");
                String policy = "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":"
                        + redrive.get("maxReceiveCount") + "}";
                clients.sqs().setQueueAttributes(b -> b.queueUrl(refs.get(id))
                        .attributesWithStrings(Map.of("RedrivePolicy", policy)));
            }
        });
        LocalResources created = new LocalResources(template, stackName, refs, attributes, Map.of());
        Map<String, FunctionRole> roles = new FunctionRoles(clients.iam(), created).apply();
        roles.values().forEach(role -> attributes.put(role.logicalId() + ".Arn", role.arn()));
        LocalResources withRoles = new LocalResources(template, stackName, refs, attributes, roles);
        ownKeys.forEach((id, key) -> putKeyPolicy(id, key, withRoles));
        return withRoles;
    }

    /**
     * The key's policy as the template writes it, intrinsics resolved. A key policy may name
     * the functions' roles (AuditSigningKey's signers), so it is put once they exist, as
     * CloudFormation creates the roles before a key whose policy refers to them. Only the
     * stack that created a key puts its policy: another stack sharing the key by its alias
     * (a changed copy of the template) leaves it as the first one wrote it.
     */
    private void putKeyPolicy(String logicalId, KeyMetadata key, LocalResources resources) {
        Object policy = template.properties(logicalId).get("KeyPolicy");
        if (policy == null) {
            return; // KMS's default policy: the account, through IAM
        }
        String document;
        try {
            document = JSON.writeValueAsString(resources.intrinsics(Map.of()).resolve(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(logicalId + ": cannot write its key policy", e);
        }
        clients.kms().putKeyPolicy(b -> b.keyId(key.keyId()).policyName("default").policy(document));
    }

    /** The stack that created the key (its {@value #STACK_TAG} tag). */
    private String owner(KeyMetadata key) {
        return clients.kms().listResourceTags(b -> b.keyId(key.keyId())).tags().stream()
                .filter(t -> STACK_TAG.equals(t.tagKey())).map(Tag::tagValue).findFirst().orElse(null);
    }

    /** The queue's visibility timeout and retention as the template sets them. */
    private static Map<String, String> queueSettings(Map<String, Object> props) {
        Map<String, String> out = new HashMap<>();
        for (String name : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds")) {
            if (props.get(name) != null) {
                out.put(name, String.valueOf(props.get(name)));
            }
        }
        return out;
    }

    private TableDescription createTable(String name, Map<String, Object> props) {
        try {
            return clients.dynamo().describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException absent) {
            // created below
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(props.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                .attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keySchema(props.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> gsi : list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = map(gsi.get("Projection"));
            indexes.add(GlobalSecondaryIndex.builder().indexName(str(gsi, "IndexName"))
                    .keySchema(keySchema(gsi.get("KeySchema")))
                    .projection(projection(projection))
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = map(props.get("StreamSpecification"));
        if (stream != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(str(stream, "StreamViewType")).build());
        }
        clients.dynamo().createTable(request.build());
        clients.dynamo().waiter().waitUntilTableExists(b -> b.tableName(name));
        Map<String, Object> ttl = map(props.get("TimeToLiveSpecification"));
        if (ttl != null && Boolean.TRUE.equals(ttl.get("Enabled"))) {
            clients.dynamo().updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                    t -> t.attributeName(str(ttl, "AttributeName")).enabled(true)));
        }
        return clients.dynamo().describeTable(b -> b.tableName(name)).table();
    }

    /** An index projection, with the non-key attributes an INCLUDE projection names. */
    private static Projection projection(Map<String, Object> projection) {
        Projection.Builder p = Projection.builder().projectionType(str(projection, "ProjectionType"));
        List<?> included = projection.get("NonKeyAttributes") instanceof List<?> l ? l : List.of();
        if (!included.isEmpty()) {
            p.nonKeyAttributes(included.stream().map(String::valueOf).toList());
        }
        return p.build();
    }

    private String createBucket(String logicalId, Map<String, Object> props) {
        String name = props.get("BucketName") instanceof String n ? n
                : (resourceStack + "-" + logicalId).toLowerCase(Locale.ROOT);
        try {
            clients.s3().headBucket(b -> b.bucket(name));
            return name;
        } catch (NoSuchBucketException absent) {
            // created below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        clients.s3().createBucket(b -> b.bucket(name));
        Map<String, Object> block = map(props.get("PublicAccessBlockConfiguration"));
        if (block != null) {
            clients.s3().putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(bool(block, "BlockPublicAcls")).blockPublicPolicy(bool(block, "BlockPublicPolicy"))
                    .ignorePublicAcls(bool(block, "IgnorePublicAcls"))
                    .restrictPublicBuckets(bool(block, "RestrictPublicBuckets"))));
        }
        Map<String, Object> versioning = map(props.get("VersioningConfiguration"));
        if (versioning != null && "Enabled".equals(versioning.get("Status"))) {
            clients.s3().putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
        }
        Map<String, Object> lifecycle = map(props.get("LifecycleConfiguration"));
        if (lifecycle != null) {
            List<LifecycleRule> rules = new ArrayList<>();
            for (Map<String, Object> rule : list(lifecycle.get("Rules"))) {
                Map<String, Object> noncurrent = map(rule.get("NoncurrentVersionExpiration"));
                if (rule.get("ExpirationInDays") == null && noncurrent == null) {
                    continue; // only expiry rules matter to the emulator
                }
                LifecycleRule.Builder built = LifecycleRule.builder().id(str(rule, "Id"))
                        .status(ExpirationStatus.fromValue(str(rule, "Status")))
                        .filter(LifecycleRuleFilter.builder().prefix(rule.get("Prefix") == null ? "" : str(rule, "Prefix")).build());
                if (rule.get("ExpirationInDays") != null) {
                    built.expiration(LifecycleExpiration.builder()
                            .days(((Number) rule.get("ExpirationInDays")).intValue()).build());
                }
                if (noncurrent != null) {
                    built.noncurrentVersionExpiration(NoncurrentVersionExpiration.builder()
                            .noncurrentDays(((Number) noncurrent.get("NoncurrentDays")).intValue()).build());
                }
                rules.add(built.build());
            }
            clients.s3().putBucketLifecycleConfiguration(b -> b.bucket(name)
                    .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
        }
        return name;
    }

    /**
     * The secret {@code <stack>-<LogicalId>} (each stack its own, as CloudFormation names them
     * after the stack), created with its first value. One that exists keeps its values, or is
     * given the value asked for as a new version (a rotation: the old one becomes
     * AWSPREVIOUS). Its ARN is what {@code Ref} gives.
     */
    private String createSecret(String logicalId) {
        // Named after the role stack (a changed copy of the template gets its own), or a side-by-side stack.
        String name = (namePrefix.isEmpty() ? stackName : resourceStack) + "-" + logicalId;
        String given = secretValues.get(logicalId);
        try {
            String arn = clients.secrets().describeSecret(b -> b.secretId(name)).arn();
            if (given != null && !given.equals(clients.secrets().getSecretValue(b -> b.secretId(arn)).secretString())) {
                clients.secrets().putSecretValue(b -> b.secretId(arn).secretString(given));
            }
            return arn;
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException absent) {
            // created below
        }
        String value = given != null ? given : generated();
        return clients.secrets().createSecret(b -> b.name(name).secretString(value)
                .description(String.valueOf(template.properties(logicalId).get("Description")))).arn();
    }

    /** 48 letters and digits, as {@code GenerateSecretString} with {@code ExcludePunctuation} makes them. */
    private static String generated() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private KeyMetadata createKey(String logicalId, Map<String, Object> props, String alias) {
        if (alias != null) {
            for (AliasListEntry entry : clients.kms().listAliases().aliases()) {
                if (alias.equals(entry.aliasName()) && entry.targetKeyId() != null) {
                    return clients.kms().describeKey(b -> b.keyId(entry.targetKeyId())).keyMetadata();
                }
            }
        }
        // An asymmetric key (the audit checkpoints' ECC_NIST_P256 SIGN_VERIFY) keeps its spec and usage.
        KeyMetadata key = clients.kms().createKey(b -> b.description(
                props.get("Description") == null ? logicalId : str(props, "Description"))
                .keySpec(props.get("KeySpec") == null ? null : str(props, "KeySpec"))
                .keyUsage(props.get("KeyUsage") == null ? null : str(props, "KeyUsage"))
                .tags(Tag.builder().tagKey(STACK_TAG).tagValue(stackName).build())).keyMetadata();
        if (Boolean.TRUE.equals(props.get("EnableKeyRotation"))) {
            clients.kms().enableKeyRotation(b -> b.keyId(key.keyId()));
        }
        if (alias != null) {
            clients.kms().createAlias(b -> b.aliasName(alias).targetKeyId(key.keyId()));
        }
        return key;
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
                .keyType(str(k, "KeyType")).build()).toList();
    }

    private static List<Map<String, Object>> list(Object raw) {
        return raw == null ? List.of() : map(raw);
    }

    private static String str(Map<String, Object> m, String key) {
        return String.valueOf(m.get(key));
    }

    private static boolean bool(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }
}
