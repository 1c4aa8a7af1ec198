package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input anywhere gets a 4xx whose {@code error.field} names the field, and nothing is
 * written: MainTable holds the same items and the images bucket the same objects after.
 */
class BadInputIsRefusedWithoutWritesIT {
    static HttpCalls api;
    static TestTenant tenant;
    static String groupId;
    static String codeId;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Bad Input Bakery");
        groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Regulars\"}");
        var code = api.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static String quotedList(String entry, int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"" + entry + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** A body just over 16 KiB that would otherwise be valid. */
    private static String oversized(String field) {
        return "{\"" + field + "\":\"" + repeat("x", 16 * 1024) + "\"}";
    }

    static Stream<Arguments> groupBodies() {
        return Stream.of(
                Arguments.of("{\"name\":", 400, "body"),
                Arguments.of("{\"name\":\"a\"} {\"name\":\"b\"}", 400, "body"),
                Arguments.of("{\"name\":\"a\"} trailing", 400, "body"),
                Arguments.of("{\"name\":\"a\",\"capacity\":5000,\"capacity\":5}", 400, "body"),
                Arguments.of("[{\"name\":\"a\"}]", 400, "body"),
                Arguments.of("\"just a string\"", 400, "body"),
                Arguments.of("{}", 400, "name"),
                Arguments.of("{\"name\":\"   \"}", 400, "name"),
                Arguments.of("{\"name\":42}", 400, "name"),
                Arguments.of("{\"name\":[\"a\"]}", 400, "name"),
                Arguments.of("{\"name\":\"" + repeat("n", 101) + "\"}", 400, "name"),
                Arguments.of("{\"name\":\"" + repeat("\uD83D\uDE00", 101) + "\"}", 400, "name"),
                Arguments.of("{\"name\":\"bell\\u0007\"}", 400, "name"),
                Arguments.of("{\"name\":\"a\",\"capacity\":\"40\"}", 400, "capacity"),
                Arguments.of("{\"name\":\"a\",\"capacity\":40.5}", 400, "capacity"),
                Arguments.of("{\"name\":\"a\",\"capacity\":0}", 400, "capacity"),
                Arguments.of("{\"name\":\"a\",\"capacity\":3001}", 400, "capacity"),
                Arguments.of("{\"name\":\"a\",\"capacity\":99999999999999999999}", 400, "capacity"),
                Arguments.of("{\"name\":\"a\",\"welcomeMessage\":\"" + repeat("w", 1001) + "\"}", 400,
                        "welcomeMessage"),
                Arguments.of("{\"name\":\"a\",\"welcomeMessage\":7}", 400, "welcomeMessage"),
                Arguments.of("{\"name\":\"a\",\"joinPolicy\":\"anyone\"}", 400, "joinPolicy"),
                Arguments.of("{\"name\":\"a\",\"category\":\"finance\",\"joinPolicy\":\"open\"}", 400, "joinPolicy"),
                Arguments.of("{\"name\":\"a\",\"category\":\"finance\",\"joinPolicy\":\"approval\"}", 400,
                        "joinPolicy"),
                Arguments.of("{\"name\":\"a\",\"category\":\"banking\"}", 400, "category"),
                Arguments.of("{\"name\":\"a\",\"preset\":\"telegram\"}", 400, "preset"),
                Arguments.of("{\"name\":\"a\",\"preset\":\"WeChat\"}", 400, "preset"),
                Arguments.of("{\"name\":\"a\",\"colour\":\"red\"}", 400, "colour"),
                Arguments.of(oversized("name"), 413, "body"));
    }

    @ParameterizedTest
    @MethodSource("groupBodies")
    void createGroupRefusesBadInputNamingTheFieldAndWritesNothing(String body, int status, String field) {
        assertRefusedWithoutWrites(() -> api.post("/v1/groups", body, tenant.auth()), status, field);
    }

    static Stream<Arguments> codeBodies() {
        return Stream.of(
                Arguments.of("{\"ttlSeconds\":", 400, "body"),
                Arguments.of("{\"channel\":\"a\"}}", 400, "body"),
                Arguments.of("{\"ttlSeconds\":\"3600\"}", 400, "ttlSeconds"),
                Arguments.of("{\"ttlSeconds\":59}", 400, "ttlSeconds"),
                Arguments.of("{\"ttlSeconds\":" + (30 * 24 * 3600 + 1) + "}", 400, "ttlSeconds"),
                Arguments.of("{\"dailyScanLimit\":0}", 400, "dailyScanLimit"),
                Arguments.of("{\"dailyScanLimit\":1000001}", 400, "dailyScanLimit"),
                Arguments.of("{\"dailyScanLimit\":true}", 400, "dailyScanLimit"),
                Arguments.of("{\"modulePx\":0}", 400, "modulePx"),
                Arguments.of("{\"modulePx\":41}", 400, "modulePx"),
                Arguments.of("{\"ecc\":\"X\"}", 400, "ecc"),
                Arguments.of("{\"ecc\":\"LOW\"}", 400, "ecc"),
                Arguments.of("{\"ecc\":1}", 400, "ecc"),
                Arguments.of("{\"channel\":\"a b\"}", 400, "channel"),
                Arguments.of("{\"channel\":\"" + repeat("c", 65) + "\"}", 400, "channel"),
                Arguments.of("{\"channel\":\"中文\"}", 400, "channel"),
                Arguments.of("{\"channel\":\"\"}", 400, "channel"),
                Arguments.of("{\"channel\":\"a/b\"}", 400, "channel"),
                Arguments.of("{\"channels\":\"a\"}", 400, "channels"),
                Arguments.of("{\"geo\":{\"allowCountry\":[\"CN\"]}}", 400, "geo.allowCountry"),
                Arguments.of("{\"geo\":[\"CN\"]}", 400, "geo"),
                Arguments.of("{\"geo\":{\"allowCountries\":\"CN\"}}", 400, "geo.allowCountries"),
                Arguments.of("{\"geo\":{\"allowCountries\":[1]}}", 400, "geo.allowCountries"),
                Arguments.of("{\"geo\":{\"allowCountries\":" + quotedList("CN", 101) + "}}", 400,
                        "geo.allowCountries"),
                Arguments.of("{\"geo\":{\"denyCidrs\":" + quotedList("10.0.0.0/8", 101) + "}}", 400,
                        "geo.denyCidrs"),
                Arguments.of("{\"geo\":{\"allowCountries\":[\"cn\"]}}", 400, "geo.allowCountries"),
                Arguments.of("{\"geo\":{\"denyCountries\":[\"CHN\"]}}", 400, "geo.denyCountries"),
                Arguments.of("{\"geo\":{\"allowRegions\":[\"CN\"]}}", 400, "geo.allowRegions"),
                Arguments.of("{\"geo\":{\"denyRegions\":[\"CN-guangdong\"]}}", 400, "geo.denyRegions"),
                Arguments.of("{\"geo\":{\"allowCidrs\":[\"10.0.0.0/33\"]}}", 400, "geo.allowCidrs"),
                Arguments.of("{\"geo\":{\"allowCidrs\":[\"2001:db8::/129\"]}}", 400, "geo.allowCidrs"),
                Arguments.of("{\"geo\":{\"denyCidrs\":[\"not-an-ip\"]}}", 400, "geo.denyCidrs"),
                Arguments.of(oversized("channel"), 413, "body"));
    }

    @ParameterizedTest
    @MethodSource("codeBodies")
    void issueCodeRefusesBadInputNamingTheFieldAndWritesNothing(String body, int status, String field) {
        assertRefusedWithoutWrites(() -> api.post("/v1/groups/" + groupId + "/codes", body, tenant.auth()), status,
                field);
    }

    static Stream<Arguments> tenantBodies() {
        return Stream.of(
                Arguments.of("{\"name\":\"x\",\"timezone\":\"Mars/Olympus\"}", 400, "timezone"),
                Arguments.of("{\"name\":\"x\",\"timezone\":\"\"}", 400, "timezone"),
                Arguments.of("{\"name\":\"x\",\"timezone\":8}", 400, "timezone"),
                Arguments.of("{}", 400, "name"),
                Arguments.of("{\"name\":\"" + repeat("t", 101) + "\"}", 400, "name"),
                Arguments.of("{\"name\":\"x\",\"plan\":\"gold\"}", 400, "plan"),
                Arguments.of("{\"name\":\"x\"", 400, "body"),
                Arguments.of(oversized("name"), 413, "body"));
    }

    @ParameterizedTest
    @MethodSource("tenantBodies")
    void createTenantRefusesBadInputNamingTheFieldAndWritesNothing(String body, int status, String field) {
        assertRefusedWithoutWrites(() -> api.post("/v1/tenants", body, bearer(TestDeployment.ADMIN_KEY)), status,
                field);
    }

    static Stream<Arguments> textThatIsNotUnicode() {
        return Stream.of(
                Arguments.of("/v1/groups", "{\"name\":\"\\ud800x\"}", "name"),
                Arguments.of("/v1/groups", "{\"name\":\"a\",\"welcomeMessage\":\"hi \\udc00\"}", "welcomeMessage"),
                Arguments.of("/v1/groups", "{\"name\":\"x\\ud83d\"}", "name"),
                Arguments.of("/v1/groups/{group}/codes", "{\"channel\":\"\\ud800\"}", "channel"),
                Arguments.of("/v1/groups/{group}/codes", "{\"geo\":{\"allowCountries\":[\"CN\",\"\\udfff\"]}}",
                        "geo.allowCountries[1]"),
                Arguments.of("/v1/webhooks", "{\"url\":\"https://example.com/\\ud800\"}", "url"),
                Arguments.of("/v1/keys", "{\"name\":\"\\ud800\"}", "name"));
    }

    @ParameterizedTest
    @MethodSource("textThatIsNotUnicode")
    void anUnpairedSurrogateIsA400NamingTheFieldAndWritesNothing(String path, String body, String field) {
        assertRefusedWithoutWrites(() -> api.post(path.replace("{group}", groupId), body, tenant.auth()), 400, field);
    }

    @Test
    void bytesThatAreNotUtf8AreA400NamingTheFieldAndWriteNothing() {
        byte[] gbk = "{\"name\":\"三年二班\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", gbk, true, json(tenant)), 400, "name");
        byte[] latin1 = "{\"name\":\"ok\",\"welcomeMessage\":\"café\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", latin1, true, json(tenant)), 400,
                "welcomeMessage");
        byte[] outsideStrings = {'{', (byte) 0xC0, '}'};
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", outsideStrings, true, json(tenant)), 400,
                "body");
    }

    @Test
    void aBodyDeclaringAnotherCharsetIs415AndWritesNothing() {
        byte[] gbk = "{\"name\":\"三年二班\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        Map<String, String> headers = new java.util.HashMap<>(tenant.auth());
        headers.put("content-type", "application/json; charset=GBK");
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", gbk, true, headers), 415, "content-type");
    }

    static Stream<String> notJson() {
        return Stream.of("application/x-www-form-urlencoded", "text/plain; charset=utf-8", "multipart/form-data",
                "application/xml");
    }

    @ParameterizedTest
    @MethodSource("notJson")
    void aJsonRouteAnswers415ToABodyThatIsNotApplicationJson(String contentType) {
        Map<String, String> headers = new java.util.HashMap<>(tenant.auth());
        headers.put("content-type", contentType);
        byte[] body = "{\"name\":\"Regulars\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", body, false, headers), 415, "content-type");
        assertRefusedWithoutWrites(() -> api.exact("PATCH", "/v1/groups/" + groupId, body, false, headers), 415,
                "content-type");
    }

    @Test
    void aJsonBodyWithoutContentTypeIs415() {
        byte[] body = "{\"name\":\"Regulars\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRefusedWithoutWrites(() -> api.exact("POST", "/v1/groups", body, false, tenant.auth()), 415,
                "content-type");
    }

    @Test
    void applicationJsonWithUtf8CharsetIsTaken() {
        Map<String, String> headers = new java.util.HashMap<>(tenant.auth());
        headers.put("content-type", "application/json; charset=UTF-8");
        var group = api.exact("POST", "/v1/groups", "{\"name\":\"三年二班 😀\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), true, headers);
        assertEquals(201, group.status(), group.body());
        assertEquals("三年二班 😀", group.text("name"));
        untouched = null;
    }

    private static Map<String, String> json(TestTenant t) {
        Map<String, String> headers = new java.util.HashMap<>(t.auth());
        headers.put("content-type", "application/json");
        return headers;
    }

    @Test
    void refreshAndRevokeRefuseUnknownFieldsAndLeaveTheCodeActive() {
        assertRefusedWithoutWrites(() -> api.post("/v1/codes/" + codeId + "/refresh", "{\"ttlSeconds\":60}",
                tenant.auth()), 400, "ttlSeconds");
        assertRefusedWithoutWrites(() -> api.post("/v1/codes/" + codeId + "/revoke", "{\"reason\":\"x\"}",
                tenant.auth()), 400, "reason");
        assertRefusedWithoutWrites(() -> api.post("/v1/codes/" + codeId + "/refresh", "{", tenant.auth()), 400,
                "body");
        var code = api.get("/v1/codes/" + codeId, tenant.auth());
        assertEquals("active", code.text("status"), code.body());
    }

    @Test
    void adminKeyRoutesRefuseBadInputWithoutANewKeyVersion() {
        assertRefusedWithoutWrites(() -> api.post("/v1/admin/keys/rotate", "{\"version\":9}",
                bearer(TestDeployment.ADMIN_KEY)), 400, "version");
        assertRefusedWithoutWrites(() -> api.post("/v1/admin/keys/abc/retire", null,
                bearer(TestDeployment.ADMIN_KEY)), 400, "version");
    }

    @Test
    void queryParametersAreValidatedByName() {
        assertRefusedWithoutWrites(() -> api.call("GET", "/v1/groups", Map.of("limit", "0"), null, tenant.auth(),
                "198.51.100.7"), 400, "limit");
        assertRefusedWithoutWrites(() -> api.call("GET", "/v1/groups", Map.of("limit", "ten"), null, tenant.auth(),
                "198.51.100.7"), 400, "limit");
        assertRefusedWithoutWrites(() -> api.call("GET", "/v1/groups", Map.of("cursor", "not a cursor"), null,
                tenant.auth(), "198.51.100.7"), 400, "cursor");
        assertRefusedWithoutWrites(() -> api.call("GET", "/v1/groups/" + groupId + "/join-requests",
                Map.of("status", "maybe"), null, tenant.auth(), "198.51.100.7"), 400, "status");
    }

    @Test
    void limitsThemselvesAreAccepted() {
        String name = repeat("\uD83D\uDE00", 100);
        var group = api.post("/v1/groups", "{\"name\":\"" + name + "\",\"capacity\":3000,\"welcomeMessage\":\""
                + repeat("w", 1000) + "\"}", tenant.auth());
        assertEquals(201, group.status(), group.body());
        assertEquals(name, group.text("name"));
        var code = api.post("/v1/groups/" + group.text("groupId") + "/codes", "{\"ttlSeconds\":60,"
                + "\"dailyScanLimit\":1000000,\"modulePx\":40,\"ecc\":\"h\",\"channel\":\"" + repeat("c", 64) + "\","
                + "\"geo\":{\"allowCountries\":" + quotedList("CN", 100) + ",\"denyCidrs\":[\"2001:db8::/32\"],"
                + "\"allowRegions\":[\"CN-GD\"]}}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        assertEquals("H", code.text("ecc"));
        untouched = null;
    }

    /** What MainTable and the images bucket held, as counts. */
    private record Written(long items, long images) {
        static Written now() {
            return new Written(ApiTestbed.mainTableItemCount(), ApiTestbed.imageObjectCount());
        }
    }

    /**
     * The counts every refused request must leave alone. Taken once and kept while only
     * refused requests run, since each full count is a table scan and a bucket listing;
     * a test that writes on purpose forgets it.
     */
    private static Written untouched;

    private static void assertRefusedWithoutWrites(java.util.function.Supplier<HttpCalls.Response> call, int status,
                                                   String field) {
        if (untouched == null) {
            untouched = Written.now();
        }
        HttpCalls.Response response = call.get();
        assertEquals(status, response.status(), response.body());
        assertEquals(field, response.json().path("error").path("field").asText(), response.body());
        Written after = Written.now();
        assertEquals(untouched, after, "a refused request wrote to MainTable or the images bucket: " + response.body());
    }
}
