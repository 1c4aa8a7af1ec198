package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.jobs.QualificationHandler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's referral campaigns (#/campaigns) and design downloads in headless Chromium,
 * in Chinese as the browser asks, on {@code make run}'s stack: a campaign started on a group
 * from the console, listed, its funnel and leaderboard showing what the API counts after a
 * member joins and a friend joins through the member's invite, a wrong reward code named
 * beside its input, the campaign ended after a confirmation; a read key seeing its write
 * controls disabled; a code's design downloaded as SVG and as PDF (fetched with the key);
 * the tenant's logo uploaded from #/settings with a preview; the campaign's poster template
 * uploaded with a live canvas preview of the code's square and a sample name. #/campaigns is checked at 390 px
 * (nothing scrolls sideways) and by axe-core; screenshots go to target/screenshots.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class ConsoleCampaignsBrowserIT {
    private static LocalGroupGate local;
    private static LocalApi api;
    private static Path downloads;
    private static HeadlessChromium chromium;
    private static ConsoleBrowser console;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the console's campaigns browser test");
        local = RecordedStack.builder().build();
        URI base = local.start(0);
        api = new LocalApi(base);
        downloads = Files.createTempDirectory("gg-console-designs-");
        chromium = HeadlessChromium.start(null, "zh-CN,zh;q=0.9", downloads);
        console = new ConsoleBrowser(chromium, base);
        console.desktop();
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void aCampaignStartedInTheConsoleShowsTheApisFunnelAndLeaderboardAndEndsAfterAConfirmation() throws Exception {
        String key = api.tenant(local.adminKey(), "裂变 运营");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"读书会\"}", key).path("groupId").asText();
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + groupId + "/codes", "{\"channel\":\"poster\"}", key);

        console.open(key, "#/campaigns");
        assertEquals("裂变活动", console.find("#page h1").getText());
        console.find("[data-action='new-campaign']").click();
        WebElement form = console.find("form[data-form='new-campaign']");
        form.findElement(By.name("name")).sendKeys("三人成团");
        new Select(form.findElement(By.name("groupId"))).selectByValue(groupId);
        WebElement goal = form.findElement(By.name("goal"));
        goal.clear();
        goal.sendKeys("2");
        form.findElement(By.name("qualifyAfterMinutes")).sendKeys("0");
        form.findElement(By.name("reward")).sendKeys("读书会周边一份");
        form.findElement(By.cssSelector("[data-action='save']")).click();
        String campaignId = console.find("dl[data-campaign]").getAttribute("data-campaign");

        JsonNode campaign = api.expect(200, "GET", "/v1/campaigns/" + campaignId, null, key);
        assertEquals(groupId, campaign.path("groupId").asText());
        assertEquals(2, campaign.path("goal").asInt());
        assertEquals(0, campaign.path("qualifyAfterMinutes").asInt());
        assertEquals("读书会周边一份", campaign.path("reward").asText());
        assertEquals("active", campaign.path("status").asText());

        console.go("#/campaigns");
        WebElement row = console.find("tr[data-id='" + campaignId + "']");
        assertTrue(row.getText().contains("三人成团") && row.getText().contains("读书会") && row.getText().contains("进行中"),
                row.getText());
        pageChecks("campaigns");

        // A member joins and gets a personal invite; a friend joins through it.
        JsonNode alice = api.scanAndJoin(code, "alice");
        assertEquals(200, alice.path("_status").asInt(), alice.toString());
        String inviteUrl = alice.path("invite").path("inviteUrl").asText();
        assertTrue(inviteUrl.contains("/S/"), alice.toString());
        String invitePath = inviteUrl.substring(inviteUrl.indexOf("/S/"));
        JsonNode scan = api.expect(200, "GET", invitePath, null, null);
        api.expect(200, "POST", invitePath + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText()
                + "\",\"memberRef\":\"bob\"}", null);
        // Bob's credit, if any, is due at once (no delay): the scheduled qualification run settles
        // it, invoked here rather than waited for, so the funnel read below stays as the page shows it.
        new QualificationHandler(local.wiring(LocalGroupGate.QUALIFICATION_FUNCTION)).handleRequest(Map.of(), null);

        JsonNode stats = api.expect(200, "GET", "/v1/campaigns/" + campaignId + "/stats", null, key);
        JsonNode board = api.expect(200, "GET", "/v1/campaigns/" + campaignId + "/leaderboard?limit=100", null, key);
        assertTrue(stats.path("invitesIssued").asLong() >= 1 && stats.path("inviteScans").asLong() >= 1
                && stats.path("joins").asLong() >= 1, "the invite, its scan and the join through it count: " + stats);

        console.go("#/campaigns/" + campaignId);
        for (String step : List.of("invitesIssued", "inviteScans", "joins", "qualified", "rewards")) {
            WebElement shown = console.find("ol.funnel li[data-step='" + step + "']");
            assertEquals(stats.path(step).asText(), shown.getAttribute("data-count"), step + " as the API counts it");
        }
        assertEquals(stats.path("kFactor").asDouble(), Double.parseDouble(console.find("[data-kfactor]").getAttribute("data-kfactor")));
        List<String> rows = new ArrayList<>();
        for (WebElement r : console.all("#page tr[data-id]")) {
            rows.add(r.getAttribute("data-id"));
        }
        List<String> expected = new ArrayList<>();
        board.path("items").forEach(i -> expected.add(i.path("memberRef").asText()));
        assertEquals(expected, rows, "the leaderboard as the API ranks it");

        // The poster template, uploaded with a live preview of where the code and the name go.
        Path template = Files.createTempFile("poster-", ".png");
        BufferedImage picture = new BufferedImage(750, 1334, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = picture.createGraphics();
        pg.setColor(new Color(0xB03A2E));
        pg.fillRect(0, 0, 750, 1334);
        pg.setColor(new Color(0xF5CBA7));
        pg.fillRect(40, 40, 670, 700);
        pg.dispose();
        ImageIO.write(picture, "png", template.toFile());
        WebElement posterForm = console.find("form[data-form='poster']");
        posterForm.findElement(By.name("poster")).sendKeys(template.toString());
        WebElement preview = ConsoleBrowser.wait(console.driver()).until(d -> {
            WebElement c = d.findElement(By.cssSelector("canvas.poster-preview"));
            return c.isDisplayed() ? c : null;
        });
        assertEquals("750", preview.getAttribute("width"), "the preview is the picture's own size");
        assertTrue(Integer.parseInt(posterForm.findElement(By.name("qrSize")).getAttribute("value")) >= 150,
                "a starting placement the API accepts");
        WebElement nameSize = posterForm.findElement(By.name("nameSize"));
        nameSize.clear();
        nameSize.sendKeys("72");
        posterForm.findElement(By.cssSelector("[data-action='upload-poster']")).click();
        WebElement stored = ConsoleBrowser.wait(console.driver()).until(d -> {
            WebElement p = d.findElement(By.cssSelector("[data-poster]"));
            return p.getAttribute("data-poster").isEmpty() ? null : p;
        });
        assertEquals("750x1334", stored.getAttribute("data-poster"));
        // Stored on the campaign as placed in the form (joins see it within the scan path's minute).
        var item = local.clients().dynamo().getItem(g -> g.tableName(local.resources().ref("MainTable"))
                .consistentRead(true).key(java.util.Map.of(
                        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("T#" + api.expect(200,
                                "GET", "/v1/tenant", null, key).path("tenantId").asText()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CAMPAIGN#" + campaignId))))
                .item();
        assertEquals("72", item.get("poster").m().get("nameSize").n(), "the placement as typed: " + item.get("poster"));
        pageChecks("campaign");

        // A reward code nobody earned: the API's refusal shows beside the input.
        WebElement redeem = console.find("input[name='rewardCode']");
        redeem.sendKeys("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        console.find("[data-action='redeem']").click();
        WebElement error = console.find(".field-error[data-field='rewardCode']");
        assertFalse(error.getText().isBlank());

        console.find("[data-action='end-campaign']").click();
        console.find("dialog[open] [data-action='confirm']").click();
        ConsoleBrowser.wait(console.driver()).until(d -> !d.findElements(By.cssSelector("dd[data-status='ended']")).isEmpty());
        assertEquals("ended", api.expect(200, "GET", "/v1/campaigns/" + campaignId, null, key).path("status").asText());
        assertTrue(console.all("[data-action='end-campaign']").isEmpty(), "an ended campaign cannot be ended again");
        console.screenshot("console-campaign-ended-zh");
    }

    @Test
    void aReadKeySeesCampaignsWithEveryWriteControlDisabled() throws Exception {
        String full = api.tenant(local.adminKey(), "只读 裂变");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"夜跑群\"}", full).path("groupId").asText();
        String campaignId = api.expect(201, "POST", "/v1/campaigns", "{\"name\":\"拉新\",\"groupId\":\"" + groupId
                + "\",\"goal\":3,\"reward\":\"跑步袜\"}", full).path("campaignId").asText();
        String read = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", full)
                .path("apiKey").asText();
        for (String page : List.of("#/campaigns", "#/campaigns/" + campaignId)) {
            console.open(read, page);
            List<WebElement> controls = console.all("#page button[data-write], #page fieldset[data-write]");
            assertFalse(controls.isEmpty(), page + " has write controls");
            for (WebElement control : controls) {
                assertTrue(console.disabled(control), page + ": " + control.getAttribute("outerHTML"));
                assertFalse(control.getAttribute("title").isBlank(), page + ": a disabled control says why");
            }
        }
    }

    @Test
    void aCodesDesignDownloadsAsSvgAndPdfAndTheLogoUploadsWithAPreview() throws Exception {
        String key = api.tenant(local.adminKey(), "设计 运营");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"校园群\"}", key).path("groupId").asText();
        String codeId = api.expect(201, "POST", "/v1/groups/" + groupId + "/codes", "{\"channel\":\"campus\"}", key)
                .path("codeId").asText();
        console.open(key, "#/groups/" + groupId);
        WebElement row = console.find("tr[data-id='" + codeId + "']");
        new Select(row.findElement(By.name("format"))).selectByValue("svg");
        row.findElement(By.cssSelector("[data-action='download']")).click();
        String svg = new String(Files.readAllBytes(awaitDownload(".svg")), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));

        new Select(row.findElement(By.name("format"))).selectByValue("pdf");
        new Select(row.findElement(By.name("medium"))).selectByValue("flyer");
        row.findElement(By.cssSelector("[data-action='download']")).click();
        byte[] pdf = Files.readAllBytes(awaitDownload(".pdf"));
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));

        console.go("#/settings");
        Path logo = Files.createTempFile("logo-", ".png");
        BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 96, 96);
        g.setColor(new Color(0xC0392B));
        g.fillOval(8, 8, 80, 80);
        g.dispose();
        ImageIO.write(image, "png", logo.toFile());
        console.find("input[type='file'][name='logo']").sendKeys(logo.toString());
        assertTrue(console.find("img.logo-preview").getAttribute("src").startsWith("blob:"), "previewed before it is sent");
        console.find("[data-action='upload-logo']").click();
        WebElement stored = ConsoleBrowser.wait(console.driver()).until(d -> {
            WebElement p = d.findElement(By.cssSelector("[data-logo]"));
            return p.getAttribute("data-logo").isEmpty() ? null : p;
        });
        assertTrue(stored.getText().contains("96 × 96"), stored.getText());
        assertEquals(stored.getAttribute("data-logo"), console.find("img.logo-preview").getAttribute("src"));
        console.screenshot("console-settings-logo-zh");

        // With the logo stored, a design with it downloads too.
        console.go("#/groups/" + groupId);
        WebElement again = console.find("tr[data-id='" + codeId + "']");
        new Select(again.findElement(By.name("format"))).selectByValue("png");
        again.findElement(By.name("logo")).click();
        again.findElement(By.cssSelector("[data-action='download']")).click();
        byte[] png = Files.readAllBytes(awaitDownload(".png"));
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    }

    private static void pageChecks(String name) throws IOException {
        console.screenshot("console-" + name + "-zh");
        assertEquals(List.of(), console.axeSeriousViolations(), name + ": axe-core serious or critical violations");
        console.assertNoSidewaysScrollAtPhoneWidth(name);
        console.screenshot("console-" + name + "-phone-zh");
        assertEquals(List.of(), console.axeSeriousViolations(), name + " at 390 px: axe-core violations");
        console.desktop();
    }

    /** The first finished download ending in {@code suffix} (Chromium writes .crdownload until done). */
    private static Path awaitDownload(String suffix) {
        Eventually.await(ConsoleBrowser.WAIT, "the " + suffix + " download", () -> find(suffix) != null);
        return find(suffix);
    }

    private static Path find(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
