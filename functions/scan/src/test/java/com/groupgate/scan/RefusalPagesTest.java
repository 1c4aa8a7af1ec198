package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiResponse;
import com.groupgate.testkit.PageHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every refusal a scanner can meet, rendered as its page in each language: the page's
 * {@code <html lang>} is the language's, its title and reason are that catalogue's texts,
 * and nothing English is left on a Chinese page. The refusals are made as the scan function
 * makes them (their English message from the English catalogue); the IT tests show the
 * same pages through the handler.
 */
class RefusalPagesTest {
    /** Each refusal the scan and join routes throw, with the English text they throw it with. */
    private static final Map<String, RefusalException> THROWN = Map.ofEntries(
            Map.entry("refusal.not_found", RefusalException.notFound()),
            Map.entry("refusal.expired", thrown(Refusal.EXPIRED, "refusal.expired")),
            Map.entry("refusal.revoked", thrown(Refusal.REVOKED, "refusal.revoked")),
            Map.entry("refusal.superseded", thrown(Refusal.SUPERSEDED, "refusal.superseded")),
            Map.entry("refusal.archived", thrown(Refusal.ARCHIVED, "refusal.archived")),
            Map.entry("refusal.geo_blocked", thrown(Refusal.GEO_BLOCKED, "refusal.geo_blocked")),
            Map.entry("refusal.daily_limit", thrown(Refusal.DAILY_LIMIT, "refusal.daily_limit")),
            Map.entry("refusal.group_full", thrown(Refusal.GROUP_FULL, "refusal.group_full")),
            Map.entry("refusal.group_full.pool", thrown(Refusal.GROUP_FULL, "refusal.group_full.pool")),
            Map.entry("refusal.entry_expired", thrown(Refusal.ENTRY_EXPIRED, "refusal.entry_expired")),
            Map.entry("refusal.blocked", ScanService.blocked()),
            Map.entry("refusal.forbidden", new RefusalException(Refusal.FORBIDDEN, "forbidden")),
            Map.entry("refusal.conflict", thrown(Refusal.CONFLICT, "refusal.conflict")),
            Map.entry("refusal.bad_passcode", thrown(Refusal.BAD_PASSCODE, "refusal.bad_passcode")),
            Map.entry("refusal.bad_passcode.locked", thrown(Refusal.BAD_PASSCODE, "refusal.bad_passcode.locked")),
            Map.entry("refusal.too_many_attempts", thrown(Refusal.TOO_MANY_ATTEMPTS, "refusal.too_many_attempts")),
            Map.entry("refusal.ticket_expired", thrown(Refusal.TICKET_EXPIRED, "refusal.ticket_expired")),
            Map.entry("refusal.ticket_used", thrown(Refusal.TICKET_USED, "refusal.ticket_used")),
            Map.entry("refusal.other", RefusalException.badField("memberRef", "not a member reference")));

    private static RefusalException thrown(Refusal refusal, String key) {
        return new RefusalException(refusal, Messages.EN.text(key));
    }

    @Test
    void everyRefusalKeyIsMetByARefusal() {
        List<String> keys = Messages.EN.texts().keySet().stream().filter(k -> k.startsWith("refusal.")
                && !k.equals("refusal.title") && !k.equals("refusal.bad_passcode.wrong")).sorted().toList();
        assertEquals(keys, THROWN.keySet().stream().sorted().toList(), "a refusal text no test renders");
    }

    @Test
    void everyRefusalPageIsInEachLanguageFromItsCatalogue() {
        for (Messages lang : Messages.ALL) {
            THROWN.forEach((key, refusal) -> {
                ApiResponse page = LandingPage.refused(refusal.refusal().httpStatus(), refusal, lang);
                String html = page.body();
                assertEquals(refusal.refusal().httpStatus(), page.status());
                assertTrue(html.startsWith("<!doctype html><html lang=\"" + lang.lang() + "\">"), html);
                assertTrue(html.contains("<title>" + lang.text("refusal.title") + "</title>"), html);
                assertTrue(html.contains("<p id=\"reason\">" + LandingPage.escape(lang.text(key)) + "</p>"),
                        lang.lang() + " " + key + ": " + html);
                if (!lang.equals(Messages.EN)) {
                    assertFalse(html.contains(Messages.EN.text(key)), html);
                    assertFalse(html.contains(refusal.getMessage()), "the English message is not shown: " + html);
                }
                assertEquals(List.of(), PageHeaders.inlineBlocks(html, "script"), "a refusal page has no script");
            });
        }
    }

    @Test
    void aWrongPasscodeSaysTheTriesLeftInEachLanguage() {
        RefusalException wrong = new RefusalException(Refusal.BAD_PASSCODE,
                Messages.EN.format("refusal.bad_passcode.wrong", 3));
        assertEquals("Wrong passcode; 3 tries left.", Messages.EN.refusal(wrong));
        assertEquals("口令错误，还可尝试 3 次。", Messages.ZH_CN.refusal(wrong));
        assertEquals("口令錯誤，還可嘗試 3 次。", Messages.ZH_TW.refusal(wrong));
    }

    @Test
    void aBadRequestKeepsTheMessageThatNamesItsField() {
        RefusalException bad = RefusalException.badField("memberRef", "not a member reference");
        for (Messages lang : Messages.ALL) {
            assertEquals(bad.getMessage(), lang.refusal(bad), lang.lang());
        }
    }
}
