package com.groupgate.localaws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A bucket as the distribution reads it through origin access control: with an identity
 * that stands for the distribution and may do exactly what the bucket policy grants the
 * service principal {@code cloudfront.amazonaws.com} (its Allow statements, their actions
 * and resources; the {@code AWS:SourceArn} condition naming this distribution is what the
 * identity itself stands for). moto does not evaluate bucket policies for service
 * principals, so the identity is an IAM user carrying those statements as its own policy,
 * and every read is authorized by the emulator's IAM as AWS authorizes the distribution's.
 *
 * <p>What a viewer gets is what CloudFront relays from S3: the object with its
 * {@code Content-Type}, {@code Cache-Control}, {@code ETag}, {@code Last-Modified}; a key
 * the identity may not read, or one that is not there, a 403 {@code AccessDenied} (without
 * {@code s3:ListBucket}, S3 does not say which).
 */
public final class EdgeBucketOrigin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOUDFRONT = "cloudfront.amazonaws.com";
    private static final String ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";

    /** What the origin answered. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private final S3Client s3;
    private final String bucket;

    private EdgeBucketOrigin(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * The bucket {@code bucketLogicalId} as this stack's distribution reads it, given the
     * template {@code parameters} the stack was deployed with.
     */
    public static EdgeBucketOrigin of(LocalResources resources, EmulatorClients operator, URI endpoint,
                                      String bucketLogicalId, Map<String, String> parameters) {
        List<Map<String, Object>> statements = cloudFrontStatements(resources, bucketLogicalId, parameters);
        if (statements.isEmpty()) {
            throw new IllegalStateException("no bucket policy of " + bucketLogicalId + " lets " + CLOUDFRONT
                    + " read it: the distribution could not");
        }
        IamClient iam = operator.iam();
        String user = ("edge-" + resources.stackName() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        iam.createUser(b -> b.userName(user));
        String policy;
        try {
            policy = JSON.writeValueAsString(Map.of("Version", "2012-10-17", "Statement", statements));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        iam.putUserPolicy(b -> b.userName(user).policyName("bucket-policy-for-cloudfront").policyDocument(policy));
        AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new EdgeBucketOrigin(s3, resources.ref(bucketLogicalId));
    }

    /**
     * The Allow statements of {@code bucketLogicalId}'s bucket policies whose principal is
     * CloudFront's service principal, as identity-policy statements (actions, resources).
     */
    static List<Map<String, Object>> cloudFrontStatements(LocalResources resources, String bucketLogicalId,
                                                           Map<String, String> parameters) {
        CloudFormationTemplate template = resources.template();
        Intrinsics intrinsics = resources.intrinsics(parameters);
        List<Map<String, Object>> out = new ArrayList<>();
        template.resourcesOfType("AWS::S3::BucketPolicy").forEach((id, r) -> {
            Map<String, Object> props = template.properties(id);
            if (!Map.of("Ref", bucketLogicalId).equals(props.get("Bucket")) || !template.isCreated(id, parameters)) {
                return;
            }
            Object statements = map(props.get("PolicyDocument")).get("Statement");
            for (Object raw : statements instanceof List<?> l ? l : List.of(statements)) {
                Map<String, Object> statement = chosen(raw, intrinsics);
                if (statement == null || !"Allow".equals(statement.get("Effect"))
                        || !(statement.get("Principal") instanceof Map<?, ?> principal)
                        || !List.of(CLOUDFRONT).equals(strings(principal.get("Service")))) {
                    continue;
                }
                Map<String, Object> granted = new LinkedHashMap<>();
                granted.put("Effect", "Allow");
                granted.put("Action", intrinsics.resolve(statement.get("Action")));
                granted.put("Resource", intrinsics.resolve(statement.get("Resource")));
                out.add(granted);
            }
        });
        return out;
    }

    /** A statement, or the branch an {@code Fn::If} picks (null for {@code AWS::NoValue}). */
    private static Map<String, Object> chosen(Object raw, Intrinsics intrinsics) {
        Object value = raw;
        while (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If")) {
            List<?> branches = (List<?>) m.get("Fn::If");
            value = intrinsics.condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2);
        }
        if (value instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"))) {
            return null;
        }
        return map(value);
    }

    /** GET {@code key} as the distribution would, relaying S3's answer as CloudFront relays it. */
    public Answer get(String key) {
        if (key.isEmpty() || key.startsWith("/") || List.of(key.split("/", -1)).stream()
                .anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
            return denied();
        }
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
            GetObjectResponse r = object.response();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", r.contentType());
            if (r.cacheControl() != null) {
                headers.put("cache-control", r.cacheControl());
            }
            headers.put("etag", r.eTag());
            if (r.lastModified() != null) {
                headers.put("last-modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(r.lastModified().atZone(java.time.ZoneOffset.UTC)));
            }
            return new Answer(200, headers, object.asByteArray());
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 || e.statusCode() == 404 || "NoSuchKey".equals(code)) {
                return denied();
            }
            throw e;
        }
    }

    private static Answer denied() {
        return new Answer(403, Map.of("content-type", "application/xml"),
                ACCESS_DENIED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        s3.close();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
