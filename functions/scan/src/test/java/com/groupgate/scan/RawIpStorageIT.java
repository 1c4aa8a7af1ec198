package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.TestDeployment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

class RawIpStorageIT {
    private static final String VIEWER_V4 = "203.0.113.201";
    private static final String SOURCE_V4 = "192.0.2.213";
    private static final String VIEWER_V6 = "2001:db8:7a3e::c0de";

    @Test
    void rawIpIsStoredNowhere() throws Exception {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Privacy tenant", null);
        String path = ScanWorld.path(world.openCode(tenant, "{}"));
        String blocked = ScanWorld.path(world.openCode(tenant, "{\"geo\":{\"denyCountries\":[\"CN\"]}}"));
        Map<String, String> v4 = Map.of("accept", "application/json", "x-origin-verify", TestDeployment.ORIGIN_SECRET,
                "cloudfront-viewer-country", "CN", "cloudfront-viewer-address", VIEWER_V4 + ":50123");
        Map<String, String> v6 = Map.of("accept", "application/json", "x-origin-verify", TestDeployment.ORIGIN_SECRET,
                "cloudfront-viewer-country", "CN", "cloudfront-viewer-address", VIEWER_V6 + ":50124");

        var scan = world.scan(path, v4, SOURCE_V4);
        assertEquals(200, scan.status(), scan.body());
        var join = world.scans().call("POST", path + "/join", Map.of(),
                ScanWorld.joinBody(scan.text("joinTicket"), "privacy-member", null), v4, SOURCE_V4);
        assertEquals(200, join.status(), join.body());
        assertEquals(200, world.scan(path, v6, SOURCE_V4).status());
        assertEquals(200, world.scan(path, Map.of(), SOURCE_V4).status());
        assertEquals(403, world.scan(blocked, v4, SOURCE_V4).status());
        assertEquals(403, world.scan(blocked, v6, SOURCE_V4).status());

        List<String> forms = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        for (String ip : List.of(VIEWER_V4, SOURCE_V4, VIEWER_V6)) {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            raw.add(bytes);
            forms.add(ip);
            forms.add(InetAddress.getByName(ip).getHostAddress());
            forms.add(HexFormat.of().formatHex(bytes));
            forms.add(Base64.getEncoder().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            if (bytes.length == 16) {
                StringBuilder full = new StringBuilder();
                for (int i = 0; i < 16; i += 2) {
                    full.append(i == 0 ? "" : ":").append(HexFormat.of().formatHex(bytes, i, i + 2));
                }
                forms.add(full.toString());
            }
        }

        TestDeployment aws = TestDeployment.get();
        List<String> found = new ArrayList<>();
        int items = 0;
        for (String table : List.of(aws.mainTable(), aws.analyticsTable())) {
            for (Map<String, AttributeValue> item : aws.clients().dynamo().scanPaginator(s -> s.tableName(table)).items()) {
                items++;
                String text = render(AttributeValue.fromM(item));
                check(table + " " + item.get("pk"), text, forms, raw, found);
            }
        }
        String bucket = aws.config("CodesApiFunction").imagesBucket();
        for (S3Object object : aws.clients().s3().listObjectsV2Paginator(l -> l.bucket(bucket)).contents()) {
            byte[] body = aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key(object.key())).asByteArray();
            check(bucket + "/" + object.key(), object.key() + new String(body, StandardCharsets.ISO_8859_1),
                    forms, raw, found);
        }
        assertTrue(items > 0);
        assertEquals(List.of(), found);
    }

    private static void check(String where, String text, List<String> forms, List<byte[]> raw, List<String> found) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String form : forms) {
            if (lower.contains(form.toLowerCase(Locale.ROOT))) {
                found.add(where + " contains " + form);
            }
        }
        for (byte[] bytes : raw) {
            if (text.contains(new String(bytes, StandardCharsets.ISO_8859_1))) {
                found.add(where + " contains the raw bytes of an address");
            }
        }
    }

    /** Every string, number and binary value of {@code v}, binaries as Latin-1, base64 and hex. */
    private static String render(AttributeValue v) {
        StringBuilder out = new StringBuilder();
        if (v.s() != null) {
            out.append(v.s()).append('\n');
        }
        if (v.n() != null) {
            out.append(v.n()).append('\n');
        }
        if (v.b() != null) {
            out.append(binary(v.b()));
        }
        v.ss().forEach(s -> out.append(s).append('\n'));
        v.ns().forEach(s -> out.append(s).append('\n'));
        v.bs().forEach(b -> out.append(binary(b)));
        v.l().forEach(e -> out.append(render(e)));
        v.m().forEach((k, e) -> out.append(k).append('=').append(render(e)));
        return out.toString();
    }

    private static String binary(SdkBytes b) {
        byte[] bytes = b.asByteArray();
        return new String(bytes, StandardCharsets.ISO_8859_1) + '\n' + Base64.getEncoder().encodeToString(bytes) + '\n'
                + HexFormat.of().formatHex(bytes) + '\n';
    }
}
