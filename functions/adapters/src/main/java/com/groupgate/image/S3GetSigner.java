package com.groupgate.image;

import com.groupgate.aws.AwsClients;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Presigned S3 GET URLs with the SDK's SigV4 signer alone, so a function that only hands
 * out links (the scan function revealing a group's QR picture) carries no S3 client in its
 * jar. Signed as S3 signs: query-string auth, unsigned payload, the path neither
 * normalised nor encoded twice; virtual-hosted on AWS, path-style on an emulator.
 */
public final class S3GetSigner {
    /** How long a revealed picture's link works. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(10);

    private final AwsClients aws;
    private final String bucket;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param clock the signing time: a link works from then for its validity */
    public S3GetSigner(AwsClients aws, String bucket, Clock clock) {
        this.aws = aws;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** A GET of {@code key}, valid for {@code validFor} (at most {@link #MAX_VALIDITY}). */
    public URI presign(String key, Duration validFor) {
        Duration d = validFor.compareTo(MAX_VALIDITY) > 0 ? MAX_VALIDITY : validFor;
        String path = "/" + encodePath(key);
        URI base = URI.create(aws.endpoint() != null ? origin() + "/" + bucket + path : origin() + path);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(base).build();
        SignedRequest signed = signer.sign(r -> r.identity(aws.credentials().resolveCredentials()).request(request)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region().id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, d)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
        return signed.request().getUri();
    }

    /**
     * The scheme, host and port every presigned URL starts with: the bucket's own host on
     * AWS, the emulator's otherwise. A page that shows a revealed picture allows exactly
     * this origin for images.
     */
    public String origin() {
        if (aws.endpoint() != null) {
            URI e = aws.endpoint();
            return e.getScheme() + "://" + e.getRawAuthority();
        }
        return "https://" + bucket + ".s3." + aws.region().id() + ".amazonaws.com";
    }

    private static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            out.append(out.isEmpty() ? "" : "/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return out.toString();
    }
}
