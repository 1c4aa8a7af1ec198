package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.http.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A join request's status page in each language: pending, approved (with the way in, or its
 * expiry), rejected and removed say their catalogue's text under that language's
 * {@code <html lang>}.
 */
class StatusPagesTest {
    private static final LandingPage PAGES = new LandingPage("https://images.example.com");

    @Test
    void everyStatusIsSaidInEachLanguageFromItsCatalogue() {
        Map<RequestStatusService.Status, String> said = Map.of(
                new RequestStatusService.Status("pending", null, false), "landing.pending",
                new RequestStatusService.Status("approved", null, false), "landing.approved",
                new RequestStatusService.Status("approved", null, true), "refusal.entry_expired",
                new RequestStatusService.Status("rejected", null, false), "landing.rejected",
                new RequestStatusService.Status("removed", null, false), "landing.removed");
        for (Messages lang : Messages.ALL) {
            said.forEach((status, key) -> {
                String html = PAGES.status(status, null, lang).body();
                assertTrue(html.startsWith("<!doctype html><html lang=\"" + lang.lang() + "\">"), html);
                assertTrue(html.contains("<p id=\"result\" role=\"status\">" + LandingPage.escape(lang.text(key))
                        + "</p>"), lang.lang() + " " + key + ": " + html);
            });
        }
    }

    @Test
    void theWayInIsNamedInEachLanguage() {
        RequestStatusService.Status approved = new RequestStatusService.Status("approved", null, false);
        for (Messages lang : Messages.ALL) {
            ApiResponse link = PAGES.status(approved, Map.of("type", "link", "url", "https://chat.example.com/x"), lang);
            assertTrue(link.body().contains(">" + LandingPage.escape(lang.text("landing.open")) + "</a>"), link.body());
            String image = PAGES.status(approved, Map.of("type", "image",
                    "imageUrl", "https://images.example.com/qr.png"), lang).body();
            String press = LandingPage.escape(lang.text("landing.longPress"));
            assertEquals(2, image.split(press, -1).length - 1, "the picture's alt and the hint under it: " + image);
        }
    }
}
