package com.groupgate.testkit;

import com.groupgate.localaws.EdgeBucketOrigin;
import com.groupgate.image.EdgeImages;
import java.net.URI;
import java.util.Map;

/**
 * Fetches a code's {@code imageUrl} as the edge serves it, for tests that run the handlers
 * without the local edge: the URL must be on the scan host under {@code /i/}, and its object
 * is read as the distribution reads it ({@link EdgeBucketOrigin}: an identity with exactly the
 * bucket policy's grant to CloudFront).
 */
public final class EdgeImageUrls {
    private static EdgeBucketOrigin origin;

    private EdgeImageUrls() {
    }

    /** What the edge answers a GET of {@code imageUrl}. */
    public static EdgeBucketOrigin.Answer get(String imageUrl) {
        URI uri = URI.create(imageUrl);
        URI scanHost = URI.create(TestDeployment.SCAN_BASE.toLowerCase(java.util.Locale.ROOT)).resolve("/");
        if (!uri.resolve("/").equals(scanHost) || !uri.getRawPath().startsWith("/" + EdgeImages.PREFIX)) {
            throw new AssertionError("not an image URL on the edge (" + scanHost + EdgeImages.PREFIX + "...): "
                    + imageUrl);
        }
        if (uri.getRawQuery() != null) {
            throw new AssertionError("an edge image URL carries no query (nothing presigned): " + imageUrl);
        }
        return origin().get(uri.getPath().substring(1));
    }

    private static synchronized EdgeBucketOrigin origin() {
        if (origin == null) {
            TestDeployment aws = TestDeployment.get();
            origin = EdgeBucketOrigin.of(aws.resources(), aws.clients(), aws.localAws().endpoint(), "ImagesBucket",
                    Map.of());
        }
        return origin;
    }
}
