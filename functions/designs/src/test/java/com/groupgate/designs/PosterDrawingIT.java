package com.groupgate.designs;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.campaign.Invites;
import com.groupgate.campaign.PosterTemplate;
import com.groupgate.campaign.Posters;
import com.groupgate.config.Wiring;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.token.CodeKind;
import com.groupgate.token.ScanToken;
import com.groupgate.token.TokenCodec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The poster route of the designs function under its own role: a poster that does not read
 * back as the member's invite is refused and never stored, a display name the tenant's word
 * list blocks (spelt around it) is refused before anything is drawn, and a member erased
 * while their poster is being drawn keeps no poster.
 */
class PosterDrawingIT {
    private static HttpCalls api;
    private static String key;
    private static TenantId tenantId;

    @BeforeAll
    static void aTenant() {
        api = new HttpCalls(new CodesApiHandler(TestDeployment.get().wiring("CodesApiFunction", Clock.systemUTC())));
        var tenant = api.post("/v1/tenants", "{\"name\":\"海报店\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        key = tenant.text("apiKey");
        tenantId = TenantId.parse(tenant.text("tenantId")).orElseThrow();
        // A code makes sure the signing keys exist (the codes API creates the first version).
        var group = api.post("/v1/groups", "{\"name\":\"门店\"}", bearer(key));
        assertEquals(201, api.post("/v1/groups/" + group.text("groupId") + "/codes", "{}", bearer(key)).status());
    }

    /** A campaign with a template, and {@code memberRef}'s invite issued as the join issues it: the poster's path. */
    private static String posterPath(String memberRef, String name) throws IOException {
        // A group runs one campaign at a time: a group of its own for each.
        var group = api.post("/v1/groups", "{\"name\":\"读书会\"}", bearer(key));
        GroupId groupId = GroupId.parse(group.text("groupId")).orElseThrow();
        var c = api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + groupId
                + "\",\"goal\":3,\"reward\":\"a book\"}", bearer(key));
        assertEquals(201, c.status(), c.body());
        CampaignId campaignId = CampaignId.parse(c.text("campaignId")).orElseThrow();
        var put = api.upload("PUT", "/v1/campaigns/" + campaignId + "/poster", Map.of("qrX", "100", "qrY", "400",
                "qrSize", "300", "nameX", "40", "nameY", "60", "nameSize", "48", "nameColor", "222222"), template(),
                "image/png", bearer(key));
        assertEquals(200, put.status(), put.body());
        // As the scan function issues it (its role, its writes).
        Wiring scan = TestDeployment.get().wiring("ScanFunction", Clock.systemUTC());
        Id inviteId = Invites.idOf(campaignId, memberRef);
        new InviteTable(scan.aws().dynamo(), scan.config().mainTable()).issueNamed(tenantId, campaignId,
                new InviteTable.Invite(inviteId, memberRef, groupId, null, "mobile", Instant.now()), name);
        SigningKeyTable keys = new SigningKeyTable(scan.aws().dynamo(), scan.aws().kms(), scan.config().mainTable(),
                scan.config().keyId(), Clock.systemUTC(), SigningKeyTable.REFRESH);
        String token = TokenCodec.issue(keys.verifyingRing().orElseThrow(), CodeKind.INVITE, campaignId.id(),
                tenantId.id(), inviteId, ScanToken.NEVER, new SecureRandom());
        PosterTemplate template = new CampaignTable(scan.aws().dynamo(), scan.config().mainTable())
                .findWithPoster(tenantId, campaignId).orElseThrow().poster();
        return "/" + Posters.path(token, Posters.version(template, name));
    }

    private static byte[] template() throws IOException {
        BufferedImage image = new BufferedImage(500, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1F618D));
        g.fillRect(0, 0, 500, 800);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static HttpCalls designs(UnaryOperator<BufferedImage> camera) {
        return new HttpCalls(new DesignsHandler(TestDeployment.get().wiring("DesignsFunction", Clock.systemUTC()),
                new Designer(), new PosterRenderer(camera)));
    }

    private static List<String> posters() {
        String bucket = TestDeployment.get().resources().ref("ImagesBucket");
        return TestDeployment.get().clients().s3().listObjectsV2(l -> l.bucket(bucket)
                .prefix("posters/" + tenantId + "/")).contents().stream().map(o -> o.key())
                .filter(k -> !k.contains("/template-")).toList();
    }

    @Test
    void aPosterIsDrawnReadBackAndServedWithItsVersionAsETag() throws IOException {
        String path = posterPath("amy", "Amy 艾米");
        var r = designs(UnaryOperator.identity()).call("GET", path, Map.of(), null, Map.of(), "198.51.100.7");
        assertEquals(200, r.status(), r.body());
        assertEquals("\"" + path.substring(path.lastIndexOf('/') + 1, path.length() - 4) + "\"", r.headers().get("etag"));
        assertTrue(posters().stream().anyMatch(k -> k.endsWith(path.substring(path.lastIndexOf('/') + 1))), posters().toString());
    }

    @Test
    void aPosterThatDoesNotReadBackIsRefusedAsDesignUnreadableAndNotStored() throws IOException {
        String path = posterPath("ben", "Ben");
        List<String> before = posters();
        HttpCalls smudged = designs(image -> {
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = copy.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.setColor(Color.GRAY);
            g.fillRect(0, 400, image.getWidth(), 150);
            g.dispose();
            return copy;
        });
        var r = smudged.call("GET", path, Map.of(), null, Map.of(), "198.51.100.7");
        assertEquals(422, r.status(), r.body());
        assertEquals("design_unreadable", r.errorCode());
        assertEquals("no-store", r.headers().get("cache-control"));
        assertEquals(before, posters());
    }

    @Test
    void aDisplayNameTheTenantsWordListBlocksIsRefusedAndNoPosterIsDrawn() throws IOException {
        var words = api.call("PUT", "/v1/blocked-words", "{\"words\":[\"xyzzy\"]}", bearer(key));
        assertEquals(200, words.status(), words.body());
        String path = posterPath("dan", "ＸＹＺＺＹ fan");
        List<String> before = posters();
        var r = designs(UnaryOperator.identity()).call("GET", path, Map.of(), null, Map.of(), "198.51.100.7");
        assertEquals(422, r.status(), r.body());
        assertEquals("content_blocked", r.errorCode());
        assertEquals("displayName", r.json().path("error").path("field").asText());
        assertEquals(before, posters(), "nothing drawn");
        assertEquals(200, api.call("PUT", "/v1/blocked-words", "{\"words\":[]}", bearer(key)).status());
    }

    @Test
    void aMemberErasedWhileTheirPosterIsDrawnKeepsNoPoster() throws IOException {
        String path = posterPath("cai", "Cai");
        List<String> before = posters();
        // The camera sees the poster while the tenant erases its member: the erasure comes
        // between the drawing and the poster's file being named on the invite.
        HttpCalls racing = designs(image -> {
            var erased = api.post("/v1/erasure", "{\"memberRef\":\"cai\"}", bearer(key));
            assertEquals(200, erased.status(), erased.body());
            return image;
        });
        var r = racing.call("GET", path, Map.of(), null, Map.of(), "198.51.100.7");
        assertEquals(404, r.status(), r.body());
        assertEquals(before, posters(), "the drawn file was removed again");
    }
}
