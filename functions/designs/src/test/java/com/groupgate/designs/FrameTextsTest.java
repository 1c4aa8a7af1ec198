package com.groupgate.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FrameTextsTest {
    @Test
    void theDefaultCallToActionIsInTheLanguageTheTenantsTimeZoneSays() {
        assertEquals("微信扫码 加入群聊", FrameTexts.forZone(ZoneId.of("Asia/Shanghai")));
        assertEquals("微信扫码 加入群聊", FrameTexts.forZone(ZoneId.of("Asia/Urumqi")));
        assertEquals("微信掃碼 加入群聊", FrameTexts.forZone(ZoneId.of("Asia/Taipei")));
        assertEquals("微信掃碼 加入群聊", FrameTexts.forZone(ZoneId.of("Asia/Hong_Kong")));
        assertEquals("Scan with WeChat to join", FrameTexts.forZone(ZoneId.of("Europe/Berlin")));
        assertEquals("Scan with WeChat to join", FrameTexts.forZone(ZoneId.of("UTC")));
    }

    @Test
    void everyDefaultCallToActionIsPrintableInTheDesignsFont() {
        for (String zone : new String[] {"Asia/Shanghai", "Asia/Taipei", "UTC"}) {
            assertEquals(true, FrameFont.covers(FrameTexts.forZone(ZoneId.of(zone))), zone);
        }
    }
}
