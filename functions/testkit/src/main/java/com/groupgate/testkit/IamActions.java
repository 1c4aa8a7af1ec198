package com.groupgate.testkit;

import com.groupgate.localaws.LocalAws;
import com.groupgate.localaws.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The IAM actions and resources AWS authorizes a request by, as its service authorization
 * reference documents them: a DynamoDB transaction by the action of each item, a batch by
 * its action on each table, a query of an index on the index, a KMS call on the key (an
 * alias resolved), an S3 object call on the object, a stream read on the stream.
 */
final class IamActions {
    /** One authorization: an action on a resource ARN. */
    record Use(String action, String resource) {
    }

    private final String region = LocalAws.REGION;
    private final String account;
    private final Map<String, String> keyArnsByAlias = new ConcurrentHashMap<>();
    private final Map<String, String> queueArnsByUrl = new ConcurrentHashMap<>();
    /** Shard iterator → the stream it reads; GetRecords names only its iterator. */
    private final Map<String, String> streamsByIterator = new ConcurrentHashMap<>();

    IamActions(LocalResources resources) {
        this.account = resources.accountId();
        resources.template().resourcesOfType("AWS::KMS::Alias").forEach((id, r) -> {
            Map<?, ?> target = (Map<?, ?>) resources.template().properties(id).get("TargetKeyId");
            String keyArn = resources.attribute(String.valueOf(target.get("Ref")), "Arn");
            keyArnsByAlias.put(resources.ref(id), keyArn);
        });
        resources.template().resourcesOfType("AWS::SQS::Queue").keySet()
                .forEach(id -> queueArnsByUrl.put(resources.ref(id), resources.attribute(id, "Arn")));
    }

    List<Use> of(String service, String operation, SdkRequest request) {
        // The SDK names services by client: DynamoDb, DynamoDbStreams, Kms, S3, Sqs.
        return switch (service.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> dynamo(operation, request);
            case "dynamodbstreams" -> streams(operation, request);
            case "kms" -> List.of(new Use("kms:" + operation, key(field(request, "KeyId"))));
            case "s3" -> s3(operation, request);
            case "sqs" -> List.of(new Use("sqs:" + operation,
                    queueArnsByUrl.getOrDefault(field(request, "QueueUrl"), "*")));
            default -> List.of(new Use(service.toLowerCase(java.util.Locale.ROOT) + ":" + operation, "*"));
        };
    }

    /** Remembers which stream an iterator reads, from the answer that handed it out. */
    void answered(SdkRequest request, SdkResponse response) {
        if (request instanceof GetShardIteratorRequest r && response instanceof GetShardIteratorResponse a
                && a.shardIterator() != null) {
            streamsByIterator.put(a.shardIterator(), r.streamArn());
        } else if (request instanceof GetRecordsRequest r && response instanceof GetRecordsResponse a
                && a.nextShardIterator() != null) {
            String stream = streamsByIterator.remove(r.shardIterator());
            if (stream != null) {
                streamsByIterator.put(a.nextShardIterator(), stream);
            }
        }
    }

    private List<Use> dynamo(String operation, SdkRequest request) {
        List<Use> out = new ArrayList<>();
        if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem item : t.transactItems()) {
                if (item.put() != null) {
                    out.add(new Use("dynamodb:PutItem", table(item.put().tableName())));
                } else if (item.update() != null) {
                    out.add(new Use("dynamodb:UpdateItem", table(item.update().tableName())));
                } else if (item.delete() != null) {
                    out.add(new Use("dynamodb:DeleteItem", table(item.delete().tableName())));
                } else if (item.conditionCheck() != null) {
                    out.add(new Use("dynamodb:ConditionCheckItem", table(item.conditionCheck().tableName())));
                }
            }
        } else if (request instanceof TransactGetItemsRequest t) {
            t.transactItems().forEach(i -> out.add(new Use("dynamodb:GetItem", table(i.get().tableName()))));
        } else if (request instanceof BatchGetItemRequest b) {
            b.requestItems().keySet().forEach(name -> out.add(new Use("dynamodb:BatchGetItem", table(name))));
        } else if (request instanceof BatchWriteItemRequest b) {
            b.requestItems().keySet().forEach(name -> out.add(new Use("dynamodb:BatchWriteItem", table(name))));
        } else {
            String table = field(request, "TableName");
            String index = field(request, "IndexName");
            String arn = table == null ? "*" : index == null ? table(table) : table(table) + "/index/" + index;
            out.add(new Use("dynamodb:" + operation, arn));
        }
        return out;
    }

    private List<Use> streams(String operation, SdkRequest request) {
        String stream = field(request, "StreamArn");
        if (stream == null && request instanceof GetRecordsRequest r) {
            stream = streamsByIterator.getOrDefault(r.shardIterator(), "*");
        }
        return List.of(new Use("dynamodb:" + operation, stream == null ? "*" : stream));
    }

    /** A presigned GetObject of {@code key} in {@code bucket}. */
    List<Use> presignedGet(String bucket, String key) {
        return s3Use("GetObject", bucket, key);
    }

    private List<Use> s3(String operation, SdkRequest request) {
        return s3Use(operation, field(request, "Bucket"), field(request, "Key"));
    }

    private static List<Use> s3Use(String operation, String bucket, String key) {
        String action = switch (operation) {
            case "HeadObject" -> "s3:GetObject";
            case "ListObjectsV2", "ListObjects" -> "s3:ListBucket";
            // A multipart upload's steps are each authorized as the PutObject they make up.
            case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "s3:PutObject";
            default -> "s3:" + operation;
        };
        // An object by its folder: what policies grant is a prefix, and keys are made up per test.
        String object = key == null ? "" : "/" + folder(key) + "{key}";
        return List.of(new Use(action, "arn:aws:s3:::" + bucket + object));
    }

    /**
     * The prefix a grant names for {@code key}: its first folder, or its first two under
     * {@code i/} (code images by kind, {@code i/c/} and {@code i/l/}, granted apart).
     */
    static String folder(String key) {
        int first = key.indexOf('/');
        if (first < 0) {
            return "";
        }
        int second = key.indexOf('/', first + 1);
        return key.startsWith("i/") && second > 0 ? key.substring(0, second + 1) : key.substring(0, first + 1);
    }

    private String table(String name) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    private String key(String keyId) {
        if (keyId == null) {
            return "*";
        }
        if (keyId.startsWith("arn:aws:kms:") && keyId.contains(":key/")) {
            return keyId;
        }
        String alias = keyId.startsWith("arn:") ? keyId.substring(keyId.indexOf(":alias/") + 1) : keyId;
        String arn = keyArnsByAlias.get(alias);
        return arn != null ? arn : "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, Object.class).map(String::valueOf).orElse(null);
    }
}
