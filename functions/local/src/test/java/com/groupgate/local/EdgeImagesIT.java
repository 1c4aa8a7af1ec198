package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.emulator.EdgeBucketOrigin;
import com.groupgate.hash.Sha256;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A code's imageUrl works in a browser and curl against {@code make run}, as against the deployed
 * edge: {@code /i/*} is read from the private bucket as the distribution reads it (origin access
 * control, only code images), with the object's year-long caching headers.
 */
class EdgeImagesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;
    private static String key;
    private static String groupId;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret").build();
        base = local.start(0);
        api = new LocalApi(base);
        key = api.tenant("test-admin-key", "Edge images");
        groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Class 7\",\"capacity\":40}", key)
                .path("groupId").asText();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static HttpResponse<byte[]> fetch(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    @Test
    void aGroupCodesImageUrlIsAnEdgeUrlThatServesItsQrCodeCachedForAYear() throws Exception {
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + groupId + "/codes", "{}", key);
        String url = code.path("imageUrl").asText();
        assertTrue(url.startsWith(base + "/i/c/"), url);
        assertFalse(url.contains("X-Amz-"), "nothing presigned: " + url);
        HttpResponse<byte[]> image = fetch("GET", url);
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("content-type").orElse(""));
        assertEquals("public, max-age=31536000, immutable", image.headers().firstValue("cache-control").orElse(""));
        assertTrue(image.headers().firstValue("etag").isPresent());
        assertEquals(code.path("scanUrl").asText(), decode(image.body()));
        // Its name is its bytes' SHA-256: the same image, the same name.
        String sha = Sha256.hex(image.body());
        assertTrue(url.endsWith("/" + sha + ".png"), url + " is not named by " + sha);
        JsonNode again = api.expect(200, "GET", "/v1/codes/" + code.path("codeId").asText(), null, key);
        assertEquals(url, again.path("imageUrl").asText());
        HttpResponse<byte[]> head = fetch("HEAD", url);
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
    }

    @Test
    void aLiveCodesImageIsServedFromThePrefixThatNeverExpires() throws Exception {
        JsonNode live = api.expect(201, "POST", "/v1/live-codes",
                "{\"name\":\"Poster\",\"groupIds\":[\"" + groupId + "\"]}", key);
        String url = live.path("imageUrl").asText();
        assertTrue(url.startsWith(base + "/i/l/"), url);
        HttpResponse<byte[]> image = fetch("GET", url);
        assertEquals(200, image.statusCode());
        assertEquals(live.path("scanUrl").asText(), decode(image.body()));
    }

    @Test
    void nothingElseInTheBucketIsServedAndAMissingImageIsRefusedAsS3Does() throws Exception {
        String bucket = local.resources().ref("ImagesBucket");
        byte[] secret = {1, 2, 3};
        local.clients().s3().putObject(p -> p.bucket(bucket).key("entries/t/g/x.png"), RequestBody.fromBytes(secret));
        local.clients().s3().putObject(p -> p.bucket(bucket).key("words/list"), RequestBody.fromBytes(secret));
        // Outside /i/* the path is the HTTP API's, which has no such route.
        assertEquals(404, fetch("GET", base + "/entries/t/g/x.png").statusCode());
        assertEquals(404, fetch("GET", base + "/words/list").statusCode());
        // Under /i/*: an image that is not there is S3's 403 (the distribution may not list).
        HttpResponse<byte[]> missing = fetch("GET", base + "/i/c/t/" + "0".repeat(64) + ".png");
        assertEquals(403, missing.statusCode());
        assertTrue(new String(missing.body()).contains("<Code>AccessDenied</Code>"));
        // Only reads: CloudFront refuses other methods on the behavior.
        assertEquals(403, fetch("DELETE", base + "/i/c/t/" + "0".repeat(64) + ".png").statusCode());
        // The identity that stands for the distribution is refused by the emulator's IAM outside i/.
        try (EdgeBucketOrigin distribution = EdgeBucketOrigin.of(local.resources(), local.clients(),
                com.groupgate.emulator.LocalAws.get().endpoint(), "ImagesBucket", Map.of())) {
            assertEquals(403, distribution.get("entries/t/g/x.png").status());
            assertEquals(403, distribution.get("words/list").status());
            assertEquals(403, distribution.get("i/../entries/t/g/x.png").status());
            local.clients().s3().putObject(p -> p.bucket(bucket).key("i/c/t/x.png"), RequestBody.fromBytes(secret));
            assertArrayEquals(secret, distribution.get("i/c/t/x.png").body());
        }
    }
}
