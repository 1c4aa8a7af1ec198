package com.groupgate.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.RefusalException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entries: https links with their platform read from the host; QR pictures' platforms and expiry. */
class EntryTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void everyKnownInviteHostNamesItsPlatform() {
        String[][] cases = {
            {"https://chat.whatsapp.com/Kx1abc", "whatsapp"}, {"https://t.me/+AbCdEf", "telegram"},
            {"https://discord.gg/abc", "discord"}, {"https://discord.com/invite/abc", "discord"},
            {"https://qm.qq.com/q/abc", "qq"}, {"https://jq.qq.com/?k=abc", "qq"},
            {"https://qr.dingtalk.com/action/joingroup?code=x", "dingtalk"}, {"https://h5.dingtalk.com/x", "dingtalk"},
            {"https://applink.feishu.cn/client/chat/chatter/add_by_link?link_token=x", "feishu"},
            {"https://applink.larksuite.com/x", "feishu"}, {"https://join.slack.com/t/x/shared_invite/y", "slack"},
            {"https://example.org/join", "other"}, {"https://CHAT.WHATSAPP.COM/x", "whatsapp"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], LinkEntry.of(c[0], null, "entry.url").platform().wireName(), c[0]);
        }
    }

    @Test
    void onlyHttpsLinksWithAHostAndNoCredentials() {
        for (String bad : new String[] {"http://chat.whatsapp.com/x", "javascript:alert(1)", "https:///x",
                "https://user:pw@chat.whatsapp.com/x", "not a link", "", "https://x/" + "a".repeat(2100)}) {
            RefusalException e = assertThrows(RefusalException.class, () -> LinkEntry.of(bad, null, "entry.url"), bad);
            assertEquals("entry.url", e.field());
        }
    }

    @Test
    void aWeChatGroupQrExpiresInSevenDaysUnlessToldOtherwise() {
        ImageEntry wechat = ImageEntry.of("https://weixin.qq.com/g/AbC", "k", "image/png", NOW, null);
        assertEquals("wechat", wechat.platform().wireName());
        assertEquals(Optional.of(NOW.plusSeconds(7 * 86400)), wechat.expiresAt());
        assertFalse(wechat.expiredAt(NOW.plusSeconds(7 * 86400 - 1)));
        assertTrue(wechat.expiredAt(NOW.plusSeconds(7 * 86400)));
        assertTrue(wechat.expiresWithin(NOW.plusSeconds(6 * 86400), 86400));
        ImageEntry chosen = ImageEntry.of("https://weixin.qq.com/g/AbC", "k", "image/png", NOW, NOW.plusSeconds(60));
        assertEquals(Optional.of(NOW.plusSeconds(60)), chosen.expiresAt());
        ImageEntry other = ImageEntry.of("WIFI:S:cafe;;", "k", "image/png", NOW, null);
        assertEquals("other", other.platform().wireName());
        assertEquals(Optional.empty(), other.expiresAt());
    }
}
