package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a JSON route reads its body: the media type, the bytes' encoding, and text that is not Unicode. */
class JsonBodyTest {
    private static final String JSON = "application/json";

    private static ApiRequest text(String body, String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new ApiRequest("POST", "/v1/groups", Map.copyOf(headers), Map.of(), body, false, "198.51.100.7", Map.of());
    }

    private static ApiRequest bytes(byte[] body, String contentType) {
        return new ApiRequest("POST", "/v1/groups", Map.of("content-type", contentType), Map.of(),
                Base64.getEncoder().encodeToString(body), true, "198.51.100.7", Map.of());
    }

    private static RefusalException refused(ApiRequest request) {
        return assertThrows(RefusalException.class, () -> Json.body(request));
    }

    @Test
    void anUnpairedSurrogateIsA400NamingItsField() {
        RefusalException e = refused(text("{\"name\":\"\\ud800x\"}", JSON));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals("name", e.field());
        assertEquals("welcome", refused(text("{\"name\":\"ok\",\"welcome\":\"\\udc00\"}", JSON)).field());
        assertEquals("name", refused(text("{\"name\":\"x\\ud83d\"}", JSON)).field(), "a high half at the end");
    }

    @Test
    void anUnpairedSurrogateIsNamedInsideObjectsAndLists() {
        assertEquals("geo.allowCidrs[1]",
                refused(text("{\"geo\":{\"allowCidrs\":[\"10.0.0.0/8\",\"\\ud800\"]}}", JSON)).field());
        assertEquals("body", refused(text("{\"geo\":{\"\\ud800\":1}}", JSON)).field(),
                "a field name that is not text cannot be echoed: the body is named");
        assertEquals("body", refused(text("{\"\\ud800\":1}", JSON)).field());
    }

    @Test
    void aPairedSurrogateIsAnEmojiAndReadsAsSuch() {
        assertEquals("😀", Json.body(text("{\"name\":\"\\ud83d\\ude00\"}", JSON)).get("name").textValue());
        assertEquals("班级😀", Json.body(bytes("{\"name\":\"班级😀\"}".getBytes(StandardCharsets.UTF_8), JSON))
                .get("name").textValue());
    }

    @Test
    void bytesThatAreNotUtf8AreA400NamingTheFieldThatHoldsThem() {
        byte[] gbk = "{\"name\":\"班级\"}".getBytes(Charset.forName("GBK"));
        RefusalException e = refused(bytes(gbk, JSON));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals("name", e.field());
        assertEquals("name: holds bytes that are not UTF-8", e.getMessage());
        byte[] truncated = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE7, '"', '}'};
        assertEquals("name", refused(bytes(truncated, JSON)).field());
    }

    @Test
    void bytesThatAreNotUtf8OutsideAnyStringNameTheBody() {
        byte[] body = {'{', (byte) 0xFF, '}'};
        RefusalException e = refused(bytes(body, JSON));
        assertEquals("body", e.field());
        assertEquals("body: holds bytes that are not UTF-8", e.getMessage());
    }

    @Test
    void aBodyDeclaringAnotherCharsetIs415() {
        RefusalException e = refused(bytes("{\"name\":\"班级\"}".getBytes(Charset.forName("GBK")),
                "application/json; charset=GBK"));
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, e.refusal());
        assertEquals("content-type", e.field());
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, refused(text("{}", "application/json;charset=iso-8859-1")).refusal());
    }

    @Test
    void aBodyThatIsNotApplicationJsonIs415() {
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "text/json",
                "application/json-patch+json", "multipart/form-data; boundary=x"}) {
            RefusalException e = refused(text("{\"name\":\"a\"}", type));
            assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, e.refusal(), type);
            assertEquals("content-type", e.field(), type);
        }
    }

    @Test
    void aJsonBodyWithoutContentTypeIs415() {
        RefusalException e = refused(text("{\"name\":\"a\"}", null));
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, e.refusal());
        assertEquals("content-type", e.field());
    }

    @Test
    void applicationJsonIsTakenWithOrWithoutUtf8Charset() {
        for (String type : new String[] {"application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=UTF-8", "application/json; charset=\"utf-8\""}) {
            assertEquals("a", Json.body(text("{\"name\":\"a\"}", type)).get("name").textValue(), type);
        }
    }

    @Test
    void anAbsentOrEmptyBodyNeedsNoContentType() {
        assertEquals(0, Json.body(text(null, null)).size());
        assertEquals(0, Json.body(text("", null)).size());
        assertEquals(0, Json.body(text("", "application/x-www-form-urlencoded")).size());
    }

    @Test
    void theStrictDecoderMarksEachBadSequenceAndKeepsTheRest() {
        BodyText text = BodyText.decode(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xE6, (byte) 0x96, (byte) 0x87});
        assertEquals(true, text.malformed());
        assertEquals("a" + BodyText.MARK + "b文", text.text());
        assertEquals(new BodyText("班级", false), BodyText.decode("班级".getBytes(StandardCharsets.UTF_8)));
    }
}
