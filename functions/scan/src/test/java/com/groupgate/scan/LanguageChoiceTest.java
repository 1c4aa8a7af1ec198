package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageChoiceTest {
    private static final String WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/";

    private static String lang(String acceptLanguage, String userAgent) {
        return LanguageChoice.of(acceptLanguage, userAgent).lang();
    }

    @Test
    void chineseWithoutAScriptOrWithMainlandRegionsIsSimplified() {
        for (String header : new String[] {"zh", "zh-CN", "zh-cn", "zh-Hans", "zh-Hans-CN", "zh-SG", "zh-Hans-HK"}) {
            assertEquals("zh-CN", lang(header, null), header);
        }
    }

    @Test
    void taiwanHongKongMacaoAndHantAreTraditional() {
        for (String header : new String[] {"zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "zh-hant-hk"}) {
            assertEquals("zh-TW", lang(header, null), header);
        }
    }

    @Test
    void anyEnglishIsEnglish() {
        for (String header : new String[] {"en", "en-US", "en-GB,en;q=0.8"}) {
            assertEquals("en", lang(header, null), header);
        }
    }

    @Test
    void qValuesRankTheBrowsersLanguagesNotTheirOrder() {
        assertEquals("zh-TW", lang("en;q=0.5,zh-TW;q=0.9", null));
        assertEquals("en", lang("zh-CN;q=0.3, en-US;q=0.7", null));
        assertEquals("zh-CN", lang("zh-CN,en;q=0.9", null), "no q is 1");
        assertEquals("zh-TW", lang("zh-HK,zh-CN", null), "equal weights keep the browser's order");
        assertEquals("en", lang("zh;q=0,en", null), "q=0 means not this one");
    }

    @Test
    void languagesGroupGateDoesNotSpeakAreSkipped() {
        assertEquals("zh-CN", lang("fr-FR,de;q=0.9,zh;q=0.5", null));
        assertEquals("en", lang("ja,ko;q=0.9", null), "nothing spoken, no WeChat: English");
    }

    @Test
    void weChatsUserAgentLanguageCountsWhenAcceptLanguageIsAbsent() {
        assertEquals("zh-CN", lang(null, WECHAT + "zh_CN"));
        assertEquals("zh-TW", lang(null, WECHAT + "zh_TW"));
        assertEquals("zh-TW", lang(null, WECHAT + "zh_HK"));
        assertEquals("en", lang(null, WECHAT + "en"));
        assertEquals("zh-CN", lang("", WECHAT + "zh_CN"), "an empty header is no header");
        assertEquals("zh-TW", lang("ja", WECHAT + "zh_TW"), "a header naming nothing GroupGate speaks");
    }

    @Test
    void acceptLanguageComesBeforeWeChatsUserAgent() {
        assertEquals("en", lang("en-US", WECHAT + "zh_CN"));
        assertEquals("zh-CN", lang("zh-CN", WECHAT + "en"));
    }

    @Test
    void aLanguageMarkerOutsideWeChatIsNotASignal() {
        assertEquals("en", lang(null, "SomeBrowser/1.0 Language/zh_CN"));
    }

    @Test
    void noSignalAtAllIsEnglish() {
        assertEquals("en", lang(null, null));
        assertEquals("en", lang(null, "curl/8.5.0"));
    }
}
